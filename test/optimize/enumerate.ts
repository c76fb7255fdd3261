/**
 * A brute-force reference for tiny instances, written without any code from src/optimize or
 * src/schedule: every N-subset of sites and, for a dated problem, every go-live month of each
 * site in it, checked against every rule with a ledger of its own. Its formulas are written
 * from the definitions, not from the model builder:
 *
 * - a site going live in month m with B build months is built in months m − B .. m − 1; it draws
 *   its upfront share in the first build month and the rest evenly, and what would fall before
 *   month 0 is drawn in month 0;
 * - tranche k (k ≤ trancheCount) is released `lag` months after the k-th go-live;
 * - in every month: capex drawn so far ≤ equity + tranches released so far + bridge (≤ limit);
 * - the objective of each kind, with the bridge's cost per $B-month outstanding.
 */
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import type { Timeline } from "../../src/schedule/types.ts";

/** Money within this of a limit is on the limit (the "one explicit tolerance"). */
export const MONEY_TOLERANCE = 1e-6;

export interface EnumeratedPlan {
  readonly ids: readonly string[];
  /** Go-live month per selected site id (empty without a timeline). */
  readonly goLive: ReadonlyMap<string, number>;
  readonly objective: number;
  /** Max over months of cumulative drawn − released (no bridge): the least equity the plan needs. */
  readonly peakNeedBn: number;
}

export type Enumerated =
  | {
      readonly status: "optimal";
      readonly objective: number;
      readonly best: EnumeratedPlan;
      /** The best plan's site ids (= best.ids). */
      readonly ids: readonly string[];
      /** Plans (sites and months) whose objective is within 1e-9 relative of the best. */
      readonly optimalPlans: number;
      /** Best objective among the other plans, null when there is none. */
      readonly runnerUp: number | null;
      readonly feasiblePlans: number;
    }
  | { readonly status: "infeasible"; readonly feasiblePlans: 0 };

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(a.lat * rad) * Math.cos(b.lat * rad);
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * EARTH_RADIUS_KM;
}

/** Capex a site has drawn by the end of month t (≥ 0) when it goes live in month m. */
export function drawnBy(capexBn: number, buildMonths: number, upfrontShare: number, goLive: number, t: number): number {
  const start = goLive - buildMonths;
  if (t < start) return 0;
  const monthsBuilt = Math.min(buildMonths, t - start + 1);
  return capexBn * (upfrontShare + ((1 - upfrontShare) * monthsBuilt) / buildMonths);
}

/** Capex drawn in month t alone (month 0 takes what would fall before it). */
export function drawnIn(capexBn: number, buildMonths: number, upfrontShare: number, goLive: number, t: number): number {
  if (t < 0) return 0;
  return drawnBy(capexBn, buildMonths, upfrontShare, goLive, t) - (t === 0 ? 0 : drawnBy(capexBn, buildMonths, upfrontShare, goLive, t - 1));
}

/** Monthly discount factor of an npv objective, 1 otherwise. */
export function discountOf(problem: OptimizationProblem): number {
  return problem.objective.kind === "npv" ? (1 + problem.objective.discountRatePctPerYear / 100) ** (-1 / 12) : 1;
}

/** Weight of the total score in maxGwMonths (the documented tie-break: half a GW-month over the whole pick). */
export function gwMonthsTieBreak(problem: OptimizationProblem): number {
  return problem.gwPerSite / (200 * Math.max(1, problem.sitesToSelect));
}

export interface HandLedger {
  readonly cumulativeDrawn: readonly number[];
  readonly cumulativeReleased: readonly number[];
  readonly sitesLive: readonly number[];
  /** Least bridge outstanding each month (0..limit); only with the cash rule. */
  readonly bridge: readonly number[];
  /** Cash rule holds in every month (true when the rule is off). */
  readonly cashOk: boolean;
  /** Cumulative drawn − released + bridge interest paid, month by month: what equity and the bridge must cover. */
  readonly need: readonly number[];
  /** Max over months of the need, and its first month. */
  readonly peakNeedBn: number;
  readonly peakNeedMonth: number;
}

/** The month-by-month ledger of sites going live in the given months, computed by hand. */
export function handLedger(timeline: Timeline, sites: readonly { capexBn: number; buildMonths: number; goLive: number }[]): HandLedger {
  const months = timeline.calendar.months;
  const cash = timeline.cash;
  const u = timeline.draw.upfrontShare;
  const order = sites.map((s) => s.goLive).sort((a, b) => a - b);
  const cumulativeDrawn: number[] = [];
  const cumulativeReleased: number[] = [];
  const sitesLive: number[] = [];
  const bridge: number[] = [];
  const needs: number[] = [];
  let cashOk = true;
  let peakNeedBn = 0;
  let peakNeedMonth = 0;
  // Bridge interest: the month's rate on last month's bridge, paid in cash (and so needing cash itself).
  let interestPaid = 0;
  for (let t = 0; t < months; t++) {
    interestPaid += (cash.bridge?.monthlyRate ?? 0) * (bridge[t - 1] ?? 0);
    const drawn = sites.reduce((sum, s) => sum + drawnBy(s.capexBn, s.buildMonths, u, s.goLive, t), 0);
    const released = cash.trancheBn * Math.min(cash.trancheCount, order.filter((m) => m + cash.lagMonths <= t).length);
    const need = drawn - released + interestPaid;
    needs.push(need);
    if (need > peakNeedBn) {
      peakNeedBn = need;
      peakNeedMonth = t;
    }
    const limit = cash.bridge?.limitBn ?? 0;
    const gap = need - cash.equityBn;
    bridge.push(timeline.cashRuleEnforced ? Math.min(limit, Math.max(0, gap)) : 0);
    if (timeline.cashRuleEnforced && gap > limit + MONEY_TOLERANCE) cashOk = false;
    cumulativeDrawn.push(drawn);
    cumulativeReleased.push(released);
    sitesLive.push(order.filter((m) => m <= t).length);
  }
  return { cumulativeDrawn, cumulativeReleased, sitesLive, bridge, need: needs, cashOk, peakNeedBn, peakNeedMonth };
}

/** The objective of a plan, from the problem's definition. */
export function planObjective(
  problem: OptimizationProblem,
  chosen: readonly Candidate[],
  goLive: ReadonlyMap<string, number>,
  ledger: HandLedger | null,
): number {
  const timeline = problem.timeline;
  const last = timeline === null ? 0 : timeline.calendar.months - 1;
  const delta = discountOf(problem);
  const month = (c: Candidate): number => goLive.get(c.siteId) as number;
  // Bridge interest is money: only npv counts it (paid the month after, within the calendar).
  let bridgeCost = 0;
  if (timeline !== null && ledger !== null && timeline.cash.bridge !== null && problem.objective.kind === "npv") {
    ledger.bridge.forEach((b, t) => {
      if (t + 1 <= last) bridgeCost += (timeline.cash.bridge?.monthlyRate ?? 0) * b * delta ** (t + 1);
    });
  }
  const scores = chosen.reduce((s, c) => s + c.score, 0);
  const objective = problem.objective;
  switch (objective.kind) {
    case "minCost":
      return chosen.reduce((s, c) => s + c.annualCostBn, 0);
    case "maxScore":
      return scores + (timeline === null ? 0 : objective.earlyPowerPointsPerMonth * chosen.reduce((s, c) => s + (last - month(c)), 0));
    case "maxGwMonths":
      return (timeline === null ? 0 : chosen.reduce((s, c) => s + problem.gwPerSite * (last - month(c) + 1), 0)) + gwMonthsTieBreak(problem) * scores;
    case "npv": {
      if (timeline === null) return 0;
      let value = 0;
      for (const c of chosen) {
        for (let t = month(c); t <= last; t++)
          value += (objective.valueBnPerGwMonth * problem.gwPerSite - objective.opexBnPerGwMonth * problem.gwPerSite - c.energyBnPerYear / 12) * delta ** t;
        for (let t = 0; t <= last; t++) value -= drawnIn(c.capexBn, c.buildMonths, timeline.draw.upfrontShare, month(c), t) * delta ** t;
      }
      return value - bridgeCost;
    }
  }
}

/** Whether a selection meets every rule that does not depend on timing. */
export function staticFeasible(problem: OptimizationProblem, chosen: readonly Candidate[]): boolean {
  const n = problem.sitesToSelect;
  if (chosen.length !== n) return false;
  const ids = new Set(chosen.map((c) => c.siteId as string));
  if (problem.candidates.some((c) => c.lockedIn && !ids.has(c.siteId))) return false;
  if (chosen.reduce((s, c) => s + c.capexBn, 0) > problem.budgetBn + MONEY_TOLERANCE) return false;
  for (const [caps, key] of [
    [problem.regionCaps, (c: Candidate) => c.region],
    [problem.gridZoneCaps, (c: Candidate) => c.gridZone],
  ] as const) {
    for (const [name, cap] of caps) if (chosen.filter((c) => key(c) === name).length > cap) return false;
  }
  for (let a = 0; a < chosen.length; a++) {
    for (let b = a + 1; b < chosen.length; b++) if (haversineKm(chosen[a] as Candidate, chosen[b] as Candidate) < problem.minSpacingKm) return false;
  }
  const average = problem.objective.kind === "minCost" || problem.objective.kind === "npv" ? problem.objective.minAverageScore : 0;
  const floor = Math.max(n * average, problem.scoreFloor ?? 0);
  if (floor > 0 && chosen.reduce((s, c) => s + c.score, 0) < floor - 1e-7 * Math.max(1, floor)) return false;
  for (const excluded of problem.excludedSelections ?? []) if (excluded.length === ids.size && excluded.every((id) => ids.has(id))) return false;
  return true;
}

/** Milestones and zone limits of a dated plan. */
export function timingFeasible(timeline: Timeline, chosen: readonly Candidate[], goLive: ReadonlyMap<string, number>): boolean {
  const months = chosen.map((c) => goLive.get(c.siteId) as number);
  for (const m of timeline.milestones) if (months.filter((g) => g <= m.month).length < m.index) return false;
  for (const z of timeline.zoneLimits) {
    if (chosen.filter((c) => c.gridZone === z.gridZone && (goLive.get(c.siteId) as number) <= z.month).length > z.maxSites) return false;
  }
  return true;
}

/** Go-live months a site may take: from its readiness (or month 0) to the last month. */
function monthsOf(timeline: Timeline, c: Candidate): number[] {
  if (c.readyMonth === null) return [];
  const out: number[] = [];
  for (let m = Math.max(0, c.readyMonth); m < timeline.calendar.months; m++) out.push(m);
  return out;
}

export interface EnumerateOptions {
  /** Ignore the cash rule (for the least equity a plan needs). */
  readonly ignoreCash?: boolean;
  /** Called with every plan that meets all rules. */
  readonly onPlan?: (plan: EnumeratedPlan) => void;
}

/** Every N-subset × go-live months, by brute force. */
export function enumerateOptimum(problem: OptimizationProblem, options: EnumerateOptions = {}): Enumerated {
  const sites = problem.candidates;
  const n = problem.sitesToSelect;
  const timeline = problem.timeline;
  const maximize = problem.objective.kind !== "minCost";
  const better = (a: number, b: number): boolean => (maximize ? a > b : a < b);
  const objectives: number[] = [];
  let best: EnumeratedPlan | null = null;
  const consider = (plan: EnumeratedPlan): void => {
    objectives.push(plan.objective);
    options.onPlan?.(plan);
    if (best === null || better(plan.objective, best.objective)) best = plan;
  };
  const evaluate = (chosen: readonly Candidate[]): void => {
    if (!staticFeasible(problem, chosen)) return;
    const ids = chosen.map((c) => c.siteId as string);
    if (timeline === null) {
      consider({ ids, goLive: new Map(), objective: planObjective(problem, chosen, new Map(), null), peakNeedBn: 0 });
      return;
    }
    const domains = chosen.map((c) => monthsOf(timeline, c));
    if (domains.some((d) => d.length === 0)) return;
    const goLive = new Map<string, number>();
    const walk = (k: number): void => {
      if (k === chosen.length) {
        if (!timingFeasible(timeline, chosen, goLive)) return;
        const ledger = handLedger(
          timeline,
          chosen.map((c) => ({ capexBn: c.capexBn, buildMonths: c.buildMonths, goLive: goLive.get(c.siteId) as number })),
        );
        const enforced = timeline.cashRuleEnforced && options.ignoreCash !== true;
        if (enforced && !ledger.cashOk) return;
        const priced = enforced ? ledger : { ...ledger, bridge: ledger.bridge.map(() => 0) };
        consider({ ids, goLive: new Map(goLive), objective: planObjective(problem, chosen, goLive, priced), peakNeedBn: ledger.peakNeedBn });
        return;
      }
      const c = chosen[k] as Candidate;
      for (const m of domains[k] as number[]) {
        goLive.set(c.siteId, m);
        walk(k + 1);
      }
      goLive.delete(c.siteId);
    };
    walk(0);
  };
  const chosen: Candidate[] = [];
  const subsets = (start: number): void => {
    if (chosen.length === n) {
      evaluate(chosen);
      return;
    }
    for (let i = start; i < sites.length; i++) {
      chosen.push(sites[i] as Candidate);
      subsets(i + 1);
      chosen.pop();
    }
  };
  if (Number.isInteger(n) && n >= 1 && (timeline === null || timeline.milestones.length === n)) subsets(0);
  const found = best as EnumeratedPlan | null;
  if (found === null) return { status: "infeasible", feasiblePlans: 0 };
  const close = (v: number): boolean => Math.abs(v - found.objective) <= 1e-9 * Math.max(1, Math.abs(found.objective));
  let runnerUp: number | null = null;
  let optimalPlans = 0;
  for (const v of objectives) {
    if (close(v)) optimalPlans++;
    else if (runnerUp === null || better(v, runnerUp)) runnerUp = v;
  }
  return { status: "optimal", objective: found.objective, best: found, ids: found.ids, optimalPlans, runnerUp, feasiblePlans: objectives.length };
}

/**
 * The least equity for which a plan exists (every rule but the cash rule holds, and with the
 * bridge at its limit), or null when no plan exists at any equity.
 */
export function leastEquity(problem: OptimizationProblem): number | null {
  const timeline = problem.timeline;
  if (timeline === null) return null;
  const limit = timeline.cash.bridge?.limitBn ?? 0;
  let least: number | null = null;
  enumerateOptimum(problem, {
    ignoreCash: true,
    onPlan: (plan) => {
      const need = Math.max(0, plan.peakNeedBn - limit);
      if (least === null || need < least) least = need;
    },
  });
  return least;
}
