/**
 * How one site's build is funded, month by month: the capital stack of a single campus.
 *
 * Uses over the build months (a site going live in month m with B build months is built in
 * months m − B .. m − 1): facility capex on the draw profile (draws.ts), contingency as a share
 * of it, the loan's arrangement fee at financial close (the first build month), interest during
 * construction on the loan balance (capitalised: the loan pays it), IT capex over the last
 * `deliveryMonths` before go-live, and the carrying cost of every month the site is ready but
 * held back (its ready month up to its go-live month).
 *
 * Construction debt funds loan-to-cost of facility, contingency, fee and interest: `proRata`
 * funds that share of every month's cost; `equityFirst` has the sponsor pay its whole share
 * (1 − loan-to-cost of the total cost, interest included) first and the loan the rest after it.
 * At go-live the loan converts to a term loan, outside this ledger. IT capex and carrying costs
 * are never debt-funded. Every figure depends only on the site and its go-live month, so the
 * cash rows of the MILP stay linear in the go-live variables.
 *
 * What a build would have spent before month 0 (a site already under construction) is counted
 * in month 0, as draws are.
 */
import { cumulativeDrawShare, drawShare } from "./draws.ts";
import type { SiteFlow, Timeline } from "./types.ts";

/** One site's flows in one calendar month, $B: the ledger's {@link SiteFlow} before it names the site (facility capex is its `drawnBn`). */
export type SiteMonthFlows = Omit<SiteFlow, "siteId" | "drawnBn"> & { readonly facilityBn: number };

/** Flow names, in the order every output lists them. */
export const FLOW_KEYS = ["facilityBn", "contingencyBn", "feesBn", "interestBn", "itBn", "holdBn", "debtBn"] as const;
export type FlowKey = (typeof FLOW_KEYS)[number];

/** What a site needs to know to be funded. */
export interface FundedSite {
  readonly readyMonth: number | null;
  readonly buildMonths: number;
  readonly capexBn: number;
}

/** A build's flows by build month j = 0 .. length − 1 (calendar month m − B + j), before hold costs. */
interface BuildProfile {
  readonly length: number;
  readonly flows: readonly Omit<SiteMonthFlows, "month" | "holdBn">[];
  /** Σ of the first k months of what the cash pool pays (all uses but debt; IT only when tranches may pay anything). */
  readonly poolCumulative: Float64Array;
  /** Σ of the first k months of IT capex. */
  readonly itCumulative: Float64Array;
}

/** Months a build occupies: B, or 1 for a zero-month build (drawn in its go-live month). */
const buildLength = (buildMonths: number): number => Math.max(1, buildMonths);
/** Calendar month of build month 0. */
const buildStart = (goLiveMonth: number, buildMonths: number): number => goLiveMonth - buildMonths;

function profileOf(timeline: Timeline, capexBn: number, buildMonths: number): BuildProfile {
  const { stack, draw } = timeline;
  const length = buildLength(buildMonths);
  const facility = Array.from({ length }, (_, j) => (buildMonths === 0 ? capexBn : capexBn * drawShare(draw, buildMonths, j + 1)));
  const contingency = facility.map((f) => f * stack.contingencyShare);
  const debt = stack.debt;
  const fees = facility.map((_, j) => (j === 0 && debt !== null ? debt.arrangementFeeShare * debt.loanToCost * capexBn * (1 + stack.contingencyShare) : 0));
  const it = new Array<number>(length).fill(0);
  if (stack.itCapex !== null) {
    const months = Math.min(length, stack.itCapex.deliveryMonths);
    for (let j = length - months; j < length; j++) it[j] = stack.itCapex.bnPerSite / months;
  }
  const interest = new Array<number>(length).fill(0);
  const debtDrawn = new Array<number>(length).fill(0);
  if (debt !== null && debt.loanToCost > 0) fundWithDebt(debt, facility, contingency, fees, interest, debtDrawn);
  const flows = facility.map((f, j) => ({
    facilityBn: f,
    contingencyBn: contingency[j] as number,
    feesBn: fees[j] as number,
    interestBn: interest[j] as number,
    itBn: it[j] as number,
    debtBn: debtDrawn[j] as number,
  }));
  const itPaidByPool = timeline.cash.trancheUses === "any";
  const poolCumulative = new Float64Array(length + 1);
  const itCumulative = new Float64Array(length + 1);
  // Facility capex by its cumulative share (the very figures of draws.ts, so a plain stack's rows
  // are digit for digit today's), the rest as running sums.
  let rest = 0;
  flows.forEach((f, j) => {
    rest += f.contingencyBn + f.feesBn + f.interestBn - f.debtBn + (itPaidByPool ? f.itBn : 0);
    const facility = buildMonths === 0 ? capexBn : capexBn * cumulativeDrawShare(draw, buildMonths, j + 1);
    poolCumulative[j + 1] = facility + rest;
    itCumulative[j + 1] = (itCumulative[j] as number) + f.itBn;
  });
  return { length, flows, poolCumulative, itCumulative };
}

/** Fills interest and debt drawn per build month (in place): see the module comment. */
function fundWithDebt(
  debt: NonNullable<Timeline["stack"]["debt"]>,
  facility: readonly number[],
  contingency: readonly number[],
  fees: readonly number[],
  interest: number[],
  debtDrawn: number[],
): void {
  const hard = facility.map((f, j) => f + (contingency[j] as number) + (fees[j] as number));
  const run = (equityBudget: number): number => {
    let balance = 0;
    let equity = 0;
    let total = 0;
    hard.forEach((h, j) => {
      const accrued = balance * debt.monthlyRate;
      const cost = h + accrued;
      const fromEquity = debt.draw === "proRata" ? cost * (1 - debt.loanToCost) : Math.min(cost, Math.max(0, equityBudget - equity));
      interest[j] = accrued;
      debtDrawn[j] = cost - fromEquity;
      balance += cost - fromEquity;
      equity += fromEquity;
      total += cost;
    });
    return total;
  };
  if (debt.draw === "proRata") {
    run(0);
    return;
  }
  // Equity first: the sponsor's share is (1 − LTC) of a total that includes the interest its own
  // timing causes; a fixed point that converges because interest is a small share of cost.
  let total = hard.reduce((s, h) => s + h, 0);
  for (let k = 0; k < 200; k++) {
    const next = run((1 - debt.loanToCost) * total);
    if (Math.abs(next - total) <= 1e-13 * Math.max(1, total)) break;
    total = next;
  }
}

const byTimeline = new WeakMap<Timeline, Funding>();

/**
 * The funding of every site of a timeline, with build profiles computed once per (capex, build
 * months); one per timeline object, kept as long as the timeline is.
 * @example fundingOf(timeline).poolNeedBy(site, 30, 24) // $B the cash pool has paid for the site by month 24
 */
export function fundingOf(timeline: Timeline): Funding {
  let funding = byTimeline.get(timeline);
  if (funding === undefined) {
    funding = newFunding(timeline);
    byTimeline.set(timeline, funding);
  }
  return funding;
}

function newFunding(timeline: Timeline) {
  const cache = new Map<string, BuildProfile>();
  const profile = (site: FundedSite): BuildProfile => {
    const key = `${site.capexBn}|${site.buildMonths}`;
    let p = cache.get(key);
    if (p === undefined) {
      p = profileOf(timeline, site.capexBn, site.buildMonths);
      cache.set(key, p);
    }
    return p;
  };
  /** Build months done by the end of calendar month t (0 .. length). */
  const monthsDone = (site: FundedSite, p: BuildProfile, goLiveMonth: number, t: number): number =>
    t < 0 ? 0 : Math.min(p.length, Math.max(0, t - buildStart(goLiveMonth, site.buildMonths) + 1));
  /** Months held back by the end of calendar month t. */
  const heldBy = (site: FundedSite, goLiveMonth: number, t: number): number =>
    site.readyMonth === null || t < 0 ? 0 : Math.max(0, Math.min(t + 1, goLiveMonth) - Math.max(0, site.readyMonth));
  return {
    /**
     * What the cash pool (equity, tranches, bridge) has paid for the site by the end of month t
     * when it goes live in month m: every use but debt (IT capex only when tranches may pay any use).
     */
    poolNeedBy(site: FundedSite, goLiveMonth: number, t: number): number {
      const p = profile(site);
      return (p.poolCumulative[monthsDone(site, p, goLiveMonth, t)] as number) + timeline.stack.holdCostBnPerMonth * heldBy(site, goLiveMonth, t);
    },
    /** IT capex paid for the site by the end of month t. */
    itBy(site: FundedSite, goLiveMonth: number, t: number): number {
      const p = profile(site);
      return p.itCumulative[monthsDone(site, p, goLiveMonth, t)] as number;
    },
    /** The site's flows by calendar month, months 0 .. lastMonth with any flow (pre-start spending in month 0). */
    siteFlows(site: FundedSite, goLiveMonth: number, lastMonth: number): SiteMonthFlows[] {
      const p = profile(site);
      const start = buildStart(goLiveMonth, site.buildMonths);
      const byMonth = new Map<number, Record<FlowKey, number>>();
      const at = (t: number): Record<FlowKey, number> => {
        let row = byMonth.get(t);
        if (row === undefined) {
          row = { facilityBn: 0, contingencyBn: 0, feesBn: 0, interestBn: 0, itBn: 0, holdBn: 0, debtBn: 0 };
          byMonth.set(t, row);
        }
        return row;
      };
      p.flows.forEach((f, j) => {
        const t = Math.max(0, start + j);
        if (t > lastMonth) return;
        const row = at(t);
        for (const key of FLOW_KEYS) if (key !== "holdBn") row[key] += f[key];
      });
      const hold = timeline.stack.holdCostBnPerMonth;
      if (hold > 0 && site.readyMonth !== null) {
        for (let t = Math.max(0, site.readyMonth); t < Math.min(goLiveMonth, lastMonth + 1); t++) at(t).holdBn += hold;
      }
      return [...byMonth]
        .filter(([, row]) => FLOW_KEYS.some((key) => row[key] !== 0))
        .sort(([a], [b]) => a - b)
        .map(([month, row]) => ({ month, ...row }));
    },
  };
}

export type Funding = ReturnType<typeof newFunding>;

/** No contingency, debt, IT capex or carrying cost: the plain cash rule. */
export const PLAIN_STACK: Timeline["stack"] = { contingencyShare: 0, debt: null, itCapex: null, holdCostBnPerMonth: 0 };

/**
 * True when the capital stack adds nothing to facility capex: the ledger is the plain cash rule.
 * @example plainStack(timeline.stack) // true for a model without `capitalStack`
 */
export function plainStack(stack: Timeline["stack"]): boolean {
  return stack.contingencyShare === 0 && (stack.debt === null || stack.debt.loanToCost === 0) && stack.itCapex === null && stack.holdCostBnPerMonth === 0;
}
