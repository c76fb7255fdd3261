/**
 * The exact schedule of a fixed set of sites: the go-live month of each, within its readiness and
 * the calendar, that meets every milestone, zone limit and the monthly cash rule with the best
 * objective (or, in least-equity mode, with the least peak equity). A depth-first branch and bound
 * that assigns go-lives in date order (slot 1, slot 2, …) and prunes with the ledger's own bounds:
 *
 * - a site not yet assigned goes live no earlier than the last assigned month, so by month t it
 *   needs at least the least cash need over its remaining months, and it releases its tranche no
 *   earlier than that month + lag: every month's need has a lower bound, which must fit in equity
 *   (+ bridge) and bounds the bridge cost;
 * - milestone k needs k go-lives by its month: the sites assigned by then plus those still able
 *   to make it must be at least k, and slot k is never later than milestone k's month;
 * - the objective is bounded by the assigned values plus each other site's best value from the
 *   last assigned month on, less the bridge cost bound.
 *
 * Every bound is a relaxation of the ledger, so the search is exact: `optimal` is the best schedule
 * and `infeasible` proves that no schedule of the set exists. Sites going live in the same month are
 * taken in index order only (no schedule is visited twice). The cash need of a site is read through
 * {@link siteCashNeed} only.
 */
import { performance } from "node:perf_hooks";
import { lastMonth } from "../schedule/calendar.ts";
import { siteCashNeed } from "./cashNeed.ts";
import { siteValue } from "./formulate.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";

export interface FixedSetOptions {
  /** Stop at this `performance.now()` time (ms); absent = no clock. */
  readonly deadline?: number;
  /** Stop after this many nodes; absent = no limit. */
  readonly nodeLimit?: number;
  /** Minimize the peak equity need (cash rule off) instead of maximizing the objective. */
  readonly leastEquity?: boolean;
  /** Only schedules strictly better than this value are of interest (larger is better; see {@link FixedSetSolution.value}). */
  readonly cutoff?: number;
}

export interface FixedSetSolution {
  readonly goLive: ReadonlyMap<string, number>;
  /**
   * Larger is better: the objective (negated for minCost) less the bridge cost; in least-equity
   * mode, minus the peak equity need.
   */
  readonly value: number;
}

export type FixedSetOutcome =
  | ({ readonly kind: "optimal"; readonly nodes: number } & FixedSetSolution)
  /** No schedule at all (or none better than the cutoff). */
  | { readonly kind: "infeasible"; readonly nodes: number }
  /** Stopped by the clock or the node limit: the best schedule found, if any. */
  | { readonly kind: "stopped"; readonly best: FixedSetSolution | null; readonly nodes: number };

const MONEY_TOLERANCE_BN = 1e-6;

/**
 * The best schedule of `sites` (all of them go live), or a proof that none exists.
 * @example scheduleFixedSet(problem, chosen).kind // "optimal"
 */
export function scheduleFixedSet(problem: OptimizationProblem, sites: readonly Candidate[], options: FixedSetOptions = {}): FixedSetOutcome {
  const timeline = problem.timeline;
  if (timeline === null) throw new Error("scheduleFixedSet needs a timeline");
  const T = timeline.calendar.months;
  const last = lastMonth(timeline.calendar);
  const n = sites.length;
  const leastEquity = options.leastEquity === true;
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  const cash = timeline.cash;
  const cashOn = timeline.cashRuleEnforced && !leastEquity;
  const bridgeLimit = cash.bridge?.limitBn ?? 0;
  // Bridge interest is money paid from cash, which this search does not model: it runs only where
  // the bridge is free (poolCashRule), so a plan's value has no bridge term here.
  const cover = cash.equityBn + bridgeLimit;
  const ready = sites.map((s) => (s.readyMonth === null ? Number.POSITIVE_INFINITY : Math.max(0, s.readyMonth)));
  if (ready.some((r) => r > last)) return { kind: "infeasible", nodes: 0 };

  // Tranches are per site when every go-live releases one (count ≥ sites): a site's net need by t
  // is then its cash need less its own tranche once released. Otherwise releases are counted apart.
  const perSiteRelease = cash.trancheCount >= n;
  // Month bounds a go-live is looked at up to: each milestone's month, and the last month.
  const horizons = [...new Set([...timeline.milestones.map((m) => Math.min(last, m.month)), last])].sort((a, b) => a - b);
  const H = horizons.length;
  const horizonOf = new Map(horizons.map((b, h) => [b, h]));
  // net[j][m·T + t]: net cash need by month t when live in m; least[j][(h·T + a)·T + t]: its least
  // over go-lives a .. horizons[h].
  const net: Float64Array[] = [];
  const least: Float64Array[] = [];
  const value: Float64Array[] = [];
  const bestFrom: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const site = sites[j] as Candidate;
    const r = ready[j] as number;
    const nj = new Float64Array(T * T);
    const lj = new Float64Array(H * T * T).fill(Number.POSITIVE_INFINITY);
    const vj = new Float64Array(T).fill(Number.NEGATIVE_INFINITY);
    const bj = new Float64Array(T).fill(Number.NEGATIVE_INFINITY);
    for (let m = r; m <= last; m++) {
      for (let t = 0; t < T; t++) {
        const released = perSiteRelease && m + cash.lagMonths <= t ? cash.trancheBn : 0;
        nj[m * T + t] = siteCashNeed(timeline, site, m, t) - released;
      }
      vj[m] = leastEquity ? 0 : sign * siteValue(problem, site, m);
    }
    horizons.forEach((b, h) => {
      for (let a = b; a >= r; a--) {
        for (let t = 0; t < T; t++) {
          const here = nj[a * T + t] as number;
          lj[(h * T + a) * T + t] = a === b ? here : Math.min(here, lj[(h * T + a + 1) * T + t] as number);
        }
      }
    });
    for (let m = last; m >= r; m--) bj[m] = m === last ? (vj[m] as number) : Math.max(vj[m] as number, bj[m + 1] as number);
    net.push(nj);
    least.push(lj);
    value.push(vj);
    bestFrom.push(bj);
  }
  const leastBy = (u: number, h: number, a: number, t: number): number => (least[u] as Float64Array)[(h * T + a) * T + t] as number;
  // Slot k (0-based) goes live by the earliest month of any milestone asking for more than k sites.
  const slotDeadline = Array.from({ length: n }, (_, k) => Math.min(last, ...timeline.milestones.filter((m) => m.index >= k + 1).map((m) => m.month)));
  const zoneLimits = timeline.zoneLimits.filter((z) => z.month >= 0);

  const month = new Int32Array(n).fill(-1);
  const liveMonths: number[] = []; // assigned go-lives, in date order
  const assignedNet = new Float64Array(T);
  let assignedValue = 0;
  let nodes = 0;
  let stopped = false;
  let best: FixedSetSolution | null = null;
  let bestValue = options.cutoff ?? Number.NEGATIVE_INFINITY;
  const nodeLimit = options.nodeLimit ?? Number.POSITIVE_INFINITY;
  const lastHorizon = H - 1;
  const extra = new Float64Array(n);
  // Per milestone still open: how many more go-lives it needs by its month (set by `bound`).
  const owed = new Int32Array(timeline.milestones.length);
  const milestoneCount = timeline.milestones.length;
  const milestoneMonth = Int32Array.from(timeline.milestones, (m) => m.month);
  const milestoneHorizon = Int32Array.from(timeline.milestones, (m) => horizonOf.get(Math.min(last, m.month)) as number);

  /** Upper bound (larger is better) on any completion of the current assignment, floor month f; −∞ when none is feasible. */
  const bound = (f: number): number => {
    let k = 0;
    for (const milestone of timeline.milestones) {
      let live = 0;
      for (const m of liveMonths) if (m <= milestone.month) live++;
      let could = live;
      if (milestone.month >= f) for (let u = 0; u < n; u++) if (month[u] === -1 && Math.max(f, ready[u] as number) <= milestone.month) could++;
      if (could < milestone.index) return Number.NEGATIVE_INFINITY;
      owed[k++] = milestone.month >= f ? milestone.index - live : 0;
    }
    let peak = 0;
    let released = 0;
    for (let t = 0; t < T; t++) {
      // Each open site at its least net need from the floor on; then the milestones still owed
      // go-lives force some open sites earlier: the largest such forced extra counts too.
      let lower = assignedNet[t] as number;
      for (let u = 0; u < n; u++) if (month[u] === -1) lower += leastBy(u, lastHorizon, Math.max(f, ready[u] as number), t);
      let forced = 0;
      for (let q = 0; q < milestoneCount; q++) {
        const required = owed[q] as number;
        if (required <= 0) continue;
        const due = milestoneMonth[q] as number;
        const h = milestoneHorizon[q] as number;
        // The `required` smallest extras, kept sorted in `extra` by insertion.
        let kept = 0;
        for (let u = 0; u < n; u++) {
          if (month[u] !== -1) continue;
          const a = Math.max(f, ready[u] as number);
          if (a > due) continue;
          const x = leastBy(u, h, a, t) - leastBy(u, lastHorizon, a, t);
          if (kept === required && x >= (extra[kept - 1] as number)) continue;
          let i = kept < required ? kept++ : kept - 1;
          while (i > 0 && (extra[i - 1] as number) > x) {
            extra[i] = extra[i - 1] as number;
            i--;
          }
          extra[i] = x;
        }
        let sum = 0;
        for (let i = 0; i < kept; i++) sum += extra[i] as number;
        if (sum > forced) forced = sum;
      }
      lower += forced;
      if (!perSiteRelease) {
        while (released < liveMonths.length && (liveMonths[released] as number) + cash.lagMonths <= t) released++;
        let open = 0;
        for (let u = 0; u < n; u++) if (month[u] === -1 && Math.max(f, ready[u] as number) + cash.lagMonths <= t) open++;
        lower -= cash.trancheBn * Math.min(cash.trancheCount, released + open);
      }
      if (cashOn && lower > cover + MONEY_TOLERANCE_BN) return Number.NEGATIVE_INFINITY;
      if (lower > peak) peak = lower;
    }
    if (leastEquity) return -peak;
    let upper = assignedValue;
    for (let u = 0; u < n; u++) if (month[u] === -1) upper += (bestFrom[u] as Float64Array)[Math.max(f, ready[u] as number)] as number;
    return upper;
  };

  const zoneAllows = (j: number, m: number): boolean => {
    const zone = (sites[j] as Candidate).gridZone;
    for (const z of zoneLimits) {
      if (z.gridZone !== zone || m > z.month) continue;
      let count = 1;
      for (let i = 0; i < n; i++) if (month[i] !== -1 && (month[i] as number) <= z.month && (sites[i] as Candidate).gridZone === zone) count++;
      if (count > z.maxSites) return false;
    }
    return true;
  };

  const search = (f: number, lastAtFloor: number, assigned: number): void => {
    if (assigned === n) {
      const exact = bound(f);
      if (exact > bestValue + 1e-9 * Math.max(1, Math.abs(exact))) {
        bestValue = exact;
        best = { goLive: new Map(sites.map((s, j) => [s.siteId as string, month[j] as number])), value: exact };
      }
      return;
    }
    const deadline = slotDeadline[assigned] as number;
    for (let m = f; m <= deadline && !stopped; m++) {
      for (let j = 0; j < n && !stopped; j++) {
        if (month[j] !== -1 || (ready[j] as number) > m || (m === f && j <= lastAtFloor)) continue;
        if (zoneLimits.length > 0 && !zoneAllows(j, m)) continue;
        nodes++;
        if ((nodes & 255) === 0 && options.deadline !== undefined && performance.now() > options.deadline) stopped = true;
        if (nodes >= nodeLimit) stopped = true;
        month[j] = m;
        liveMonths.push(m);
        const nj = net[j] as Float64Array;
        for (let t = 0; t < T; t++) assignedNet[t] = (assignedNet[t] as number) + (nj[m * T + t] as number);
        const vj = (value[j] as Float64Array)[m] as number;
        assignedValue += vj;
        const upper = bound(m);
        if (upper > bestValue + 1e-9 * Math.max(1, Math.abs(upper))) search(m, j, assigned + 1);
        assignedValue -= vj;
        for (let t = 0; t < T; t++) assignedNet[t] = (assignedNet[t] as number) - (nj[m * T + t] as number);
        liveMonths.pop();
        month[j] = -1;
      }
    }
  };
  if (n > 0 && bound(0) > bestValue) search(0, -1, 0);
  const found = best as FixedSetSolution | null;
  if (stopped) return { kind: "stopped", best: found, nodes };
  return found === null ? { kind: "infeasible", nodes } : { kind: "optimal", ...found, nodes };
}
