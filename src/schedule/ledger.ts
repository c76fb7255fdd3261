/**
 * The plan's month-by-month cash ledger: what every output's cash figure is read from.
 * The verifier (optimize/verify.ts) recomputes the same figures with code of its own.
 */
import { lastMonth, monthLabel } from "./calendar.ts";
import { fundingOf, type Funding } from "./funding.ts";
import type { Ledger, LedgerMonth, MilestoneCheck, Plan, PlannedSite, SiteFlow, Timeline } from "./types.ts";
import type { SiteId } from "../sites/types.ts";

/** What a plan needs to know of a site it schedules. */
export interface SchedulableSite {
  readonly siteId: SiteId;
  readonly readyMonth: number | null;
  readonly buildMonths: number;
  readonly capexBn: number;
}

/**
 * Orders sites by go-live month (ties by site id) and numbers the slots: slot k is the k-th
 * site to go live.
 * @example plannedSites([{ siteId: "B", readyMonth: 2, buildMonths: 12, capexBn: 9 }], new Map([["B", 5]]))[0]?.heldBackMonths // 3
 */
export function plannedSites(sites: readonly SchedulableSite[], goLiveMonth: ReadonlyMap<string, number>): PlannedSite[] {
  return sites
    .map((s) => ({ s, m: goLiveMonth.get(s.siteId) as number }))
    .sort((a, b) => a.m - b.m || (a.s.siteId < b.s.siteId ? -1 : a.s.siteId > b.s.siteId ? 1 : 0))
    .map(({ s, m }, k) => ({
      slot: k + 1,
      siteId: s.siteId,
      readyMonth: s.readyMonth ?? m,
      goLiveMonth: m,
      // A site ready before the start goes live in month 0 at the earliest: that is no hold-back.
      heldBackMonths: m - Math.max(0, s.readyMonth ?? m),
      constructionStartMonth: m - s.buildMonths,
      buildMonths: s.buildMonths,
      capexBn: s.capexBn,
    }));
}

/** Months of the calendar in which each tranche is released: tranche k at the k-th go-live + lag (tranche 1 on signing, when set). */
export function trancheReleaseMonths(timeline: Timeline, goLiveMonthsInOrder: readonly number[]): (number | null)[] {
  const { cash, calendar } = timeline;
  return Array.from({ length: cash.trancheCount }, (_, k) => {
    if (k === 0 && cash.signingMonth !== null) return cash.signingMonth < calendar.months ? cash.signingMonth : null;
    const live = goLiveMonthsInOrder[k];
    if (live === undefined) return null;
    const t = live + cash.lagMonths;
    return t < calendar.months ? t : null;
  });
}

/**
 * The ledger of planned sites over the timeline's calendar: every site's uses and debt by month
 * (schedule/funding.ts), tranche k released `lag` months after the k-th go-live, and the least
 * bridge each month needs.
 * @example ledgerOf(timeline, plan.sites).peakEquityBn
 */
export function ledgerOf(timeline: Timeline, sites: readonly PlannedSite[], funding: Funding = fundingOf(timeline)): Ledger {
  const { calendar, cash } = timeline;
  const last = lastMonth(calendar);
  const siteFlows: SiteFlow[] = [];
  for (const site of sites) {
    for (const f of funding.siteFlows(site, site.goLiveMonth, last)) {
      const { facilityBn, ...rest } = f;
      siteFlows.push({ ...rest, drawnBn: facilityBn, siteId: site.siteId });
    }
  }
  siteFlows.sort((a, b) => a.month - b.month || (a.siteId < b.siteId ? -1 : 1));
  const released = new Array<number>(calendar.months).fill(0);
  for (const t of trancheReleaseMonths(
    timeline,
    sites.map((s) => s.goLiveMonth),
  ))
    if (t !== null) released[t] = (released[t] ?? 0) + cash.trancheBn;
  const totals = accumulateCash(monthlyFlows(calendar.months, siteFlows), released, cashTerms(timeline), (x) => x);
  return ledgerFrom(timeline, sites, siteFlows, totals);
}

/** The cash terms of {@link accumulateCash} from a timeline, in $B. */
export function cashTerms(timeline: Timeline): CashTerms {
  const { cash } = timeline;
  return {
    equity: cash.equityBn,
    bridgeLimit: cash.bridge?.limitBn ?? null,
    bridgeMonthlyRate: cash.bridge?.monthlyRate ?? 0,
    itOnlyTranches: cash.trancheUses === "itSystems",
  };
}

/** Sums site flows into one {@link Flows} per month. */
export function monthlyFlows(months: number, siteFlows: readonly SiteFlow[]): Flows[] {
  const out: Flows[] = Array.from({ length: months }, () => ({ drawn: 0, contingency: 0, fees: 0, interest: 0, it: 0, hold: 0, debt: 0 }));
  for (const f of siteFlows) {
    const row = out[f.month];
    if (row === undefined) continue;
    row.drawn += f.drawnBn;
    row.contingency += f.contingencyBn;
    row.fees += f.feesBn;
    row.interest += f.interestBn;
    row.it += f.itBn;
    row.hold += f.holdBn;
    row.debt += f.debtBn;
  }
  return out;
}

/** Builds the ledger from site flows and the month loop's totals (in $B). */
export function ledgerFrom(timeline: Timeline, sites: readonly PlannedSite[], siteFlows: readonly SiteFlow[], totals: CashTotals): Ledger {
  const { calendar } = timeline;
  const months: LedgerMonth[] = totals.months.map((m, t) => ({
    month: t,
    label: monthLabel(calendar, t),
    drawnBn: m.flows.drawn,
    contingencyBn: m.flows.contingency,
    feesBn: m.flows.fees,
    interestBn: m.flows.interest,
    itBn: m.flows.it,
    holdBn: m.flows.hold,
    bridgeInterestBn: m.bridgeInterest,
    bridgeRepaidBn: m.bridgeRepaid,
    equityDrawnBn: m.equityDrawn,
    debtBn: m.flows.debt,
    releasedBn: m.released,
    bridgeDrawnBn: m.bridgeDrawn,
    cumulativeDrawnBn: m.cumulativeDrawn,
    cumulativeReleasedBn: m.cumulativeReleased,
    cumulativeDebtBn: m.cumulativeDebt,
    sitesLive: sites.filter((s) => s.goLiveMonth <= t).length,
    equityBn: m.equity,
    equityUsedBn: m.equityUsed,
    bridgeBn: m.bridge,
    cashHeldBn: m.cashHeld,
    headroomBn: m.headroom,
  }));
  return {
    months,
    siteFlows,
    peakEquityBn: totals.peakEquity,
    peakEquityMonth: totals.peakEquityMonth,
    tightestMonth: totals.tightestMonth,
    minHeadroomBn: totals.minHeadroom,
    peakBridgeBn: totals.peakBridge,
    bridgeBnMonths: totals.bridgeMonths,
  };
}

/** One month's flows from the sites, in the unit of the month loop (mutable while summing). */
export interface Flows {
  drawn: number;
  contingency: number;
  fees: number;
  interest: number;
  it: number;
  hold: number;
  debt: number;
}

/** Equity, the bridge and what tranches may pay, in the unit of the month loop. */
export interface CashTerms {
  readonly equity: number;
  readonly bridgeLimit: number | null;
  readonly bridgeMonthlyRate: number;
  readonly itOnlyTranches: boolean;
}

/** One month of {@link accumulateCash}, in the unit of its inputs. */
export interface CashMonth {
  readonly flows: Readonly<Flows>;
  readonly cumulativeDrawn: number;
  readonly released: number;
  readonly cumulativeReleased: number;
  readonly cumulativeDebt: number;
  readonly bridgeInterest: number;
  readonly equity: number;
  readonly equityDrawn: number;
  readonly equityUsed: number;
  readonly bridge: number;
  readonly bridgeDrawn: number;
  readonly bridgeRepaid: number;
  readonly cashHeld: number;
  readonly headroom: number;
}

export interface CashTotals {
  readonly months: readonly CashMonth[];
  readonly peakEquity: number;
  readonly peakEquityMonth: number;
  readonly tightestMonth: number;
  /** 0 when there are no months. */
  readonly minHeadroom: number;
  readonly peakBridge: number;
  /** Bridge outstanding summed over the months (unit-months). */
  readonly bridgeMonths: number;
}

/**
 * The cash rule's month loop, in any one unit ($B for the exact ledger, whole thousands of
 * dollars for the printed one, where `roundInterest` rounds the bridge interest to the unit).
 * The cash pool (equity, then the bridge) funds every use debt does not; tranches released go to
 * the pool, or with IT-only tranches to IT capex alone, the pool covering the IT capex tranches
 * released so far could not (their running shortfall). Equity drawn is never returned; the
 * bridge is the least that covers the gap and is repaid as soon as cash allows.
 * @example accumulateCash([{ drawn: 5, contingency: 0, fees: 0, interest: 0, it: 0, hold: 0, debt: 0 }], [0], { equity: 8, bridgeLimit: null, bridgeMonthlyRate: 0, itOnlyTranches: false }, (x) => x).months[0]?.headroom // 3
 */
export function accumulateCash(
  flows: readonly Readonly<Flows>[],
  released: readonly number[],
  terms: CashTerms,
  roundInterest: (x: number) => number,
): CashTotals {
  const { equity, bridgeLimit, bridgeMonthlyRate, itOnlyTranches } = terms;
  const months: CashMonth[] = [];
  let cumulativeDrawn = 0;
  let cumulativeReleased = 0;
  let cumulativeDebt = 0;
  let cumulativePool = 0;
  let cumulativeIt = 0;
  let itShortfall = 0;
  let equityUsed = 0;
  let bridge = 0;
  let peakEquity = 0;
  let peakEquityMonth = 0;
  let tightestMonth = 0;
  let minHeadroom = Infinity;
  let peakBridge = 0;
  let bridgeMonths = 0;
  flows.forEach((f, t) => {
    const releasedNow = released[t] ?? 0;
    const bridgeInterest = roundInterest(bridge * bridgeMonthlyRate);
    cumulativeDrawn += f.drawn;
    cumulativeReleased += releasedNow;
    cumulativeDebt += f.debt;
    cumulativePool += f.drawn + f.contingency + f.fees + f.interest - f.debt + f.hold + bridgeInterest + (itOnlyTranches ? 0 : f.it);
    cumulativeIt += itOnlyTranches ? f.it : 0;
    itShortfall = Math.max(itShortfall, cumulativeIt - cumulativeReleased);
    const need = itOnlyTranches ? cumulativePool + itShortfall : cumulativePool - cumulativeReleased;
    if (need > peakEquity) {
      peakEquity = need;
      peakEquityMonth = t;
    }
    const gap = need - equity;
    const bridgeNow = bridgeLimit !== null && gap > 0 ? Math.min(gap, bridgeLimit) : 0;
    const headroom = equity + bridgeNow - need;
    const equityBefore = equityUsed;
    equityUsed = Math.max(equityUsed, Math.min(equity, need));
    const restrictedCash = itOnlyTranches ? cumulativeReleased - cumulativeIt + itShortfall : 0;
    if (headroom < minHeadroom) {
      minHeadroom = headroom;
      tightestMonth = t;
    }
    peakBridge = Math.max(peakBridge, bridgeNow);
    bridgeMonths += bridgeNow;
    months.push({
      flows: f,
      cumulativeDrawn,
      released: releasedNow,
      cumulativeReleased,
      cumulativeDebt,
      bridgeInterest,
      equity,
      equityDrawn: equityUsed - equityBefore,
      equityUsed,
      bridge: bridgeNow,
      bridgeDrawn: Math.max(0, bridgeNow - bridge),
      bridgeRepaid: Math.max(0, bridge - bridgeNow),
      cashHeld: equityUsed + bridgeNow - need + restrictedCash,
      headroom,
    });
    bridge = bridgeNow;
  });
  return { months, peakEquity, peakEquityMonth, tightestMonth, minHeadroom: Number.isFinite(minHeadroom) ? minHeadroom : 0, peakBridge, bridgeMonths };
}

/**
 * The whole dated plan of a selection: slots in go-live order, the ledger and each milestone's count.
 * @example planOf(timeline, chosen, goLive).milestones.every((m) => m.sitesLive >= m.index)
 */
export function planOf(timeline: Timeline, sites: readonly SchedulableSite[], goLiveMonth: ReadonlyMap<string, number>): Plan {
  const planned = plannedSites(sites, goLiveMonth);
  const milestones: MilestoneCheck[] = timeline.milestones.map((m) => ({ ...m, sitesLive: planned.filter((s) => s.goLiveMonth <= m.month).length }));
  return { sites: planned, ledger: ledgerOf(timeline, planned), milestones };
}

/** Capex drawn by the whole plan by the end of month t, $B. */
export function drawnThrough(ledger: Ledger, month: number): number {
  const row = ledger.months[Math.min(month, ledger.months.length - 1)];
  return month < 0 || row === undefined ? 0 : row.cumulativeDrawnBn;
}

/** Lowest headroom during a site's build (its construction start to its go-live month), $B. */
export function minHeadroomDuring(ledger: Ledger, site: PlannedSite): number {
  let least = Infinity;
  for (let t = Math.max(0, site.constructionStartMonth); t <= Math.min(site.goLiveMonth, ledger.months.length - 1); t++) {
    least = Math.min(least, ledger.months[t]?.headroomBn ?? Infinity);
  }
  return Number.isFinite(least) ? least : 0;
}
