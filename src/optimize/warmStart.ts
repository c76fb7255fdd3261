/**
 * Plans for a fixed set of sites without a solver, to start the engine from (or to finish
 * outright when the plan reaches the relaxation's bound). Each is a just-in-time assignment:
 * milestone k takes one site that can be ready by it, in an order tried several ways, going
 * live at the milestone's month or as early as it can. The verifier decides which of them are
 * feasible; the engine still proves optimality.
 */
import { lastMonth } from "../schedule/calendar.ts";
import { fundingOf } from "../schedule/funding.ts";
import { planOf, trancheReleaseMonths } from "../schedule/ledger.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";
import type { Plan, Timeline } from "../schedule/types.ts";
import { verifySelection } from "./verify.ts";

export interface WarmPlan {
  readonly goLive: ReadonlyMap<string, number>;
  readonly plan: Plan;
  readonly objective: number;
}

type Pick = (eligible: readonly Candidate[]) => Candidate;
const cheapest: Pick = (e) => [...e].sort((a, b) => a.capexBn - b.capexBn || (a.siteId < b.siteId ? -1 : 1))[0] as Candidate;
const earliest: Pick = (e) => [...e].sort((a, b) => (a.readyMonth ?? 0) - (b.readyMonth ?? 0) || a.capexBn - b.capexBn)[0] as Candidate;
const shortestBuild: Pick = (e) => [...e].sort((a, b) => a.buildMonths - b.buildMonths || a.capexBn - b.capexBn)[0] as Candidate;

function assign(timeline: Timeline, sites: readonly Candidate[], pick: Pick, when: "milestone" | "ready" | "spread"): Map<string, number> | null {
  const left = [...sites];
  const goLive = new Map<string, number>();
  let previous = 0;
  const months = timeline.milestones.map((m) => m.month);
  for (let k = 0; k < months.length && left.length > 0; k++) {
    const due = Math.min(months[k] as number, lastMonth(timeline.calendar));
    const eligible = left.filter((c) => Math.max(0, c.readyMonth ?? Infinity) <= due);
    if (eligible.length === 0) return null;
    const site = pick(eligible);
    left.splice(left.indexOf(site), 1);
    const ready = Math.max(0, site.readyMonth ?? 0);
    const month = when === "milestone" ? due : when === "ready" ? ready : Math.max(ready, Math.min(due, Math.round((previous + due) / 2)));
    goLive.set(site.siteId, month);
    previous = month;
  }
  return left.length === 0 ? goLive : null;
}

/** How far a plan is from the cash rule: the largest monthly gap beyond equity and bridge, $B. */
function cashExcess(timeline: Timeline, sites: readonly Candidate[], goLive: ReadonlyMap<string, number>): number {
  if (!timeline.cashRuleEnforced) return 0;
  return Math.max(0, peakNeed(timeline, sites, goLive) - timeline.cash.equityBn - (timeline.cash.bridge?.limitBn ?? 0));
}

/** Bridge outstanding summed over the months, $B-months (the least bridge each month needs). */
function bridgeBnMonths(timeline: Timeline, sites: readonly Candidate[], goLive: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const need of runningNeed(timeline, sites, goLive)) total += Math.min(timeline.cash.bridge?.limitBn ?? 0, Math.max(0, need - timeline.cash.equityBn));
  return total;
}

/** The most the plan ever needs beyond the tranches released: max over months of drawn − released, $B. */
function peakNeed(timeline: Timeline, sites: readonly Candidate[], goLive: ReadonlyMap<string, number>): number {
  return Math.max(0, ...runningNeed(timeline, sites, goLive));
}

/**
 * What the cash pool has had to fund, month by month: the sites' pool needs (schedule/funding.ts)
 * less tranches released (with IT-only tranches, plus the IT capex they could not cover). Bridge
 * interest is left out: this only steers the search, the verifier decides.
 */
function runningNeed(timeline: Timeline, sites: readonly Candidate[], goLive: ReadonlyMap<string, number>): Float64Array {
  const months = timeline.calendar.months;
  const funding = fundingOf(timeline);
  const itOnly = timeline.cash.trancheUses === "itSystems";
  const need = new Float64Array(months);
  const it = new Float64Array(months);
  for (const site of sites) {
    const m = goLive.get(site.siteId) as number;
    for (let t = 0; t < months; t++) {
      need[t] = (need[t] as number) + funding.poolNeedBy(site, m, t);
      if (itOnly) it[t] = (it[t] as number) + funding.itBy(site, m, t);
    }
  }
  const released = new Float64Array(months);
  for (const t of trancheReleaseMonths(
    timeline,
    [...goLive.values()].sort((a, b) => a - b),
  ))
    if (t !== null) released[t] = (released[t] as number) + timeline.cash.trancheBn;
  let cumulativeReleased = 0;
  let shortfall = 0;
  for (let t = 0; t < months; t++) {
    cumulativeReleased += released[t] as number;
    shortfall = Math.max(shortfall, (it[t] as number) - cumulativeReleased);
    need[t] = itOnly ? (need[t] as number) + shortfall : (need[t] as number) - cumulativeReleased;
  }
  return need;
}

function keepsMilestones(timeline: Timeline, goLive: ReadonlyMap<string, number>): boolean {
  const months = [...goLive.values()];
  return timeline.milestones.every((m) => months.filter((g) => g <= m.month).length >= m.index);
}

/**
 * Moves one site's go-live at a time (up to `reach` months either way) while that lowers the
 * cash excess and keeps every milestone: a plain descent, stopped at a local minimum.
 */
function descend(
  timeline: Timeline,
  sites: readonly Candidate[],
  start: ReadonlyMap<string, number>,
  reach = 6,
  dueOf: ReadonlyMap<string, number> | null = null,
): Map<string, number> {
  const goLive = new Map(start);
  const last = lastMonth(timeline.calendar);
  // With `dueOf`, lower the peak need itself (room for the sites still to come), each site kept by its due month.
  const measure = dueOf === null ? cashExcess : peakNeed;
  let excess = measure(timeline, sites, goLive);
  for (let round = 0; round < 200 && excess > 0; round++) {
    let bestMove: [string, number, number] | null = null;
    for (const site of sites) {
      const current = goLive.get(site.siteId) as number;
      const ready = Math.max(0, site.readyMonth ?? 0);
      for (let d = -reach; d <= reach; d++) {
        const month = current + d;
        if (d === 0 || month < ready || month > Math.min(last, dueOf?.get(site.siteId) ?? last)) continue;
        goLive.set(site.siteId, month);
        if (dueOf !== null || keepsMilestones(timeline, goLive)) {
          const e = measure(timeline, sites, goLive);
          if (e < (bestMove?.[2] ?? excess) - 1e-9) bestMove = [site.siteId, month, e];
        }
        goLive.set(site.siteId, current);
      }
    }
    if (bestMove === null) break;
    goLive.set(bestMove[0], bestMove[1]);
    excess = bestMove[2];
  }
  return goLive;
}

/**
 * Pulls sites earlier, one month at a time (cheapest first), while the plan stays within the
 * cash rule and the zone limits. No objective but npv is ever worse for it, so it is also the
 * tie-break among equally good plans: every site as early as the money allows.
 * @example pullEarlier(problem, timeline, sites, goLive).get("S0435") // <= goLive.get("S0435")
 */
export function pullEarlier(
  problem: OptimizationProblem,
  timeline: Timeline,
  sites: readonly Candidate[],
  start: ReadonlyMap<string, number>,
): Map<string, number> {
  const goLive = new Map(start);
  if (problem.objective.kind === "npv") return goLive;
  // With a costly bridge, a move may not lean on the bridge more than before.
  const costlyBridge = (timeline.cash.bridge?.monthlyRate ?? 0) > 0 && timeline.cashRuleEnforced;
  let bridgeUse = costlyBridge ? bridgeBnMonths(timeline, sites, goLive) : 0;
  const zoneOk = (): boolean =>
    timeline.zoneLimits.every((z) => sites.filter((c) => c.gridZone === z.gridZone && (goLive.get(c.siteId) ?? Infinity) <= z.month).length <= z.maxSites);
  for (let moved = true; moved; ) {
    moved = false;
    for (const site of [...sites].sort((a, b) => a.capexBn - b.capexBn)) {
      const current = goLive.get(site.siteId) as number;
      if (current - 1 < Math.max(0, site.readyMonth ?? 0)) continue;
      goLive.set(site.siteId, current - 1);
      const use = costlyBridge ? bridgeBnMonths(timeline, sites, goLive) : 0;
      if (cashExcess(timeline, sites, goLive) > 0 || !zoneOk() || use > bridgeUse + 1e-9) goLive.set(site.siteId, current);
      else {
        moved = true;
        bridgeUse = use;
      }
    }
  }
  return goLive;
}

/**
 * The best verified just-in-time plan for these sites, or null when none of the variants is feasible.
 * @example warmPlan(problem, chosen)?.plan.ledger.peakEquityBn
 */
export function warmPlan(problem: OptimizationProblem, sites: readonly Candidate[], target: number | null = null): WarmPlan | null {
  const timeline = problem.timeline;
  if (timeline === null || sites.length !== problem.sitesToSelect) return null;
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  let best: WarmPlan | null = null;
  for (const pick of [cheapest, earliest, shortestBuild]) {
    for (const when of ["milestone", "spread", "ready"] as const) {
      const assigned = assign(timeline, sites, pick, when);
      if (assigned === null) continue;
      const goLive = pullEarlier(problem, timeline, sites, descend(timeline, sites, assigned));
      const plan = planOf(timeline, sites, goLive);
      const check = verifySelection(
        problem,
        plan.sites.map((s) => s.siteId),
        plan,
      );
      if (!check.ok || check.objective === undefined) continue;
      if (best === null || sign * check.objective > sign * best.objective) best = { goLive, plan, objective: check.objective };
      if (target !== null && sign * best.objective >= sign * target - 1e-9 * Math.max(1, Math.abs(target))) return best;
    }
  }
  return best;
}

/**
 * Builds a plan from a pool of candidates without a solver: milestone by milestone, the first
 * site in `order` that is ready in time, fits the caps, spacing and budget, and keeps the partial
 * plan within the cash rule goes live at the milestone (or at the month that leaves the most
 * cash). The finished plan is then descended on and verified; null when it fails.
 */
function construct(
  problem: OptimizationProblem,
  timeline: Timeline,
  order: readonly Candidate[],
  spacingOk: (a: Candidate, b: Candidate) => boolean,
): WarmPlan | null {
  const n = problem.sitesToSelect;
  const chosen: Candidate[] = [];
  let goLive = new Map<string, number>();
  const due = new Map<string, number>();
  const count = new Map<string, number>();
  const cover = timeline.cash.equityBn + (timeline.cash.bridge?.limitBn ?? 0);
  // A fold, not Math.min(...): a spread of 100,000 candidates overflows the call stack.
  const cheapestCapex = order.reduce((least, c) => Math.min(least, c.capexBn), Number.POSITIVE_INFINITY);
  let capex = 0;
  for (const milestone of timeline.milestones.slice(0, n)) {
    const dueMonth = Math.min(milestone.month, lastMonth(timeline.calendar));
    let added = false;
    for (const c of order) {
      if (goLive.has(c.siteId)) continue;
      const ready = Math.max(0, c.readyMonth ?? Infinity);
      if (ready > dueMonth) continue;
      if ((count.get(`r:${c.region}`) ?? 0) >= (problem.regionCaps.get(c.region) ?? Infinity)) continue;
      if ((count.get(`z:${c.gridZone}`) ?? 0) >= (problem.gridZoneCaps.get(c.gridZone) ?? Infinity)) continue;
      if (capex + c.capexBn + (n - chosen.length - 1) * cheapestCapex > problem.budgetBn + 1e-9) continue;
      if (chosen.some((p) => !spacingOk(p, c))) continue;
      const trial = [...chosen, c];
      let bestMonth = -1;
      let bestNeed = Infinity;
      for (let m = dueMonth; m >= ready; m--) {
        goLive.set(c.siteId, m);
        const need = timeline.cashRuleEnforced ? peakNeed(timeline, trial, goLive) : 0;
        if (need < bestNeed - 1e-12) {
          bestNeed = need;
          bestMonth = m;
        }
      }
      if (bestNeed > cover + 1e-9) {
        goLive.delete(c.siteId);
        continue;
      }
      goLive.set(c.siteId, bestMonth);
      due.set(c.siteId, dueMonth);
      if (timeline.cashRuleEnforced) goLive = descend(timeline, trial, goLive, 6, due);
      chosen.push(c);
      capex += c.capexBn;
      count.set(`r:${c.region}`, (count.get(`r:${c.region}`) ?? 0) + 1);
      count.set(`z:${c.gridZone}`, (count.get(`z:${c.gridZone}`) ?? 0) + 1);
      added = true;
      break;
    }
    if (!added) return null;
  }
  const final = pullEarlier(problem, timeline, chosen, descend(timeline, chosen, goLive));
  const plan = planOf(timeline, chosen, final);
  const check = verifySelection(
    problem,
    plan.sites.map((s) => s.siteId),
    plan,
  );
  return check.ok && check.objective !== undefined ? { goLive: final, plan, objective: check.objective } : null;
}

/**
 * The best plan the constructive heuristic finds from the pool, trying the pool in value order
 * (`values`, larger is better) and in a few orders that favour early, cheap sites.
 * @example constructivePlan(problem, pool, values, (a, b) => greatCircleKm(a, b) >= 100)
 */
export function constructivePlan(
  problem: OptimizationProblem,
  pool: readonly Candidate[],
  values: ReadonlyMap<string, number>,
  spacingOk: (a: Candidate, b: Candidate) => boolean,
): WarmPlan | null {
  const timeline = problem.timeline;
  if (timeline === null || pool.length < problem.sitesToSelect) return null;
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  const value = (c: Candidate): number => values.get(c.siteId) ?? -Infinity;
  const locked = (c: Candidate): number => (c.lockedIn ? 1 : 0);
  const spread = pool.reduce((most, c) => Math.max(most, value(c)), 1e-9) - pool.reduce((least, c) => Math.min(least, value(c)), Number.POSITIVE_INFINITY);
  const orders: Candidate[][] = [0, 0.25, 1].map((capexWeight) =>
    [...pool].sort(
      (a, b) =>
        locked(b) - locked(a) ||
        value(b) - (capexWeight * spread * a.capexBn) / 10 - (value(a) - (capexWeight * spread * b.capexBn) / 10) ||
        (a.siteId < b.siteId ? -1 : 1),
    ),
  );
  let best: WarmPlan | null = null;
  for (const order of orders) {
    const plan = construct(problem, timeline, order, spacingOk);
    if (plan !== null && (best === null || sign * plan.objective > sign * best.objective)) best = plan;
  }
  return best;
}
