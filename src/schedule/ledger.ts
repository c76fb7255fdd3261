/**
 * The plan's month-by-month cash ledger: what every output's cash figure is read from.
 * The verifier (optimize/verify.ts) recomputes the same figures with code of its own.
 */
import { lastMonth, monthLabel } from "./calendar.ts";
import { monthlyDraw } from "./draws.ts";
import type { Ledger, LedgerMonth, MilestoneCheck, Plan, PlannedSite, SiteDraw, Timeline } from "./types.ts";
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

/**
 * The ledger of planned sites over the timeline's calendar: draws by month (the draw profile),
 * tranche k released `lag` months after the k-th go-live, and the least bridge each month needs.
 * @example ledgerOf(timeline, plan.sites).peakEquityBn
 */
export function ledgerOf(timeline: Timeline, sites: readonly PlannedSite[]): Ledger {
  const { calendar, cash, draw } = timeline;
  const siteDraws: SiteDraw[] = [];
  const drawn = new Array<number>(calendar.months).fill(0);
  for (const site of sites) {
    for (let t = Math.max(0, site.constructionStartMonth); t <= Math.min(lastMonth(calendar), Math.max(0, site.goLiveMonth - 1)); t++) {
      const amount = monthlyDraw(draw, site.capexBn, site.buildMonths, site.goLiveMonth, t);
      if (amount === 0) continue;
      drawn[t] = (drawn[t] ?? 0) + amount;
      siteDraws.push({ month: t, siteId: site.siteId, drawnBn: amount });
    }
  }
  siteDraws.sort((a, b) => a.month - b.month || (a.siteId < b.siteId ? -1 : 1));
  const released = new Array<number>(calendar.months).fill(0);
  sites.forEach((site, k) => {
    const t = site.goLiveMonth + cash.lagMonths;
    if (k < cash.trancheCount && t < calendar.months) released[t] = (released[t] ?? 0) + cash.trancheBn;
  });
  const totals = accumulateCash(drawn, released, cash.equityBn, cash.bridge?.limitBn ?? null);
  const months: LedgerMonth[] = totals.months.map((m, t) => ({
    month: t,
    label: monthLabel(calendar, t),
    drawnBn: m.drawn,
    cumulativeDrawnBn: m.cumulativeDrawn,
    releasedBn: m.released,
    cumulativeReleasedBn: m.cumulativeReleased,
    sitesLive: sites.filter((s) => s.goLiveMonth <= t).length,
    equityBn: m.equity,
    bridgeBn: m.bridge,
    headroomBn: m.headroom,
  }));
  return {
    months,
    siteDraws,
    peakEquityBn: totals.peakEquity,
    peakEquityMonth: totals.peakEquityMonth,
    tightestMonth: totals.tightestMonth,
    minHeadroomBn: totals.minHeadroom,
    peakBridgeBn: totals.peakBridge,
    bridgeBnMonths: totals.bridgeMonths,
  };
}

/** One month of {@link accumulateCash}, in the unit of its inputs. */
export interface CashMonth {
  readonly drawn: number;
  readonly cumulativeDrawn: number;
  readonly released: number;
  readonly cumulativeReleased: number;
  readonly equity: number;
  readonly bridge: number;
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
 * dollars for the printed one): running sums of draws and releases, the equity a month needs,
 * the least bridge that covers it (up to the limit) and the headroom left.
 * @example accumulateCash([5, 5], [0, 10], 8, null).months[1]?.headroom // 8
 */
export function accumulateCash(drawn: readonly number[], released: readonly number[], equity: number, bridgeLimit: number | null): CashTotals {
  const months: CashMonth[] = [];
  let cumulativeDrawn = 0;
  let cumulativeReleased = 0;
  let peakEquity = 0;
  let peakEquityMonth = 0;
  let tightestMonth = 0;
  let minHeadroom = Infinity;
  let peakBridge = 0;
  let bridgeMonths = 0;
  for (let t = 0; t < drawn.length; t++) {
    const drawnNow = drawn[t] ?? 0;
    const releasedNow = released[t] ?? 0;
    cumulativeDrawn += drawnNow;
    cumulativeReleased += releasedNow;
    const need = cumulativeDrawn - cumulativeReleased;
    if (need > peakEquity) {
      peakEquity = need;
      peakEquityMonth = t;
    }
    const gap = need - equity;
    const bridge = bridgeLimit !== null && gap > 0 ? Math.min(gap, bridgeLimit) : 0;
    const headroom = equity + cumulativeReleased + bridge - cumulativeDrawn;
    if (headroom < minHeadroom) {
      minHeadroom = headroom;
      tightestMonth = t;
    }
    peakBridge = Math.max(peakBridge, bridge);
    bridgeMonths += bridge;
    months.push({ drawn: drawnNow, cumulativeDrawn, released: releasedNow, cumulativeReleased, equity, bridge, headroom });
  }
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
