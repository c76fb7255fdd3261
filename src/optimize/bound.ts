import type { Candidate, OptimizationProblem } from "./types.ts";

/**
 * Bound-based elimination (documented in REDUCTIONS.md). Given the value of any feasible
 * selection (an incumbent), a site i can be dropped when even the most generous relaxation of
 * "a selection containing i" cannot reach that value:
 *
 *   UB(i) = value(i) + best N−1 other sites under the region caps alone (or the zone caps alone),
 *
 * where the caps of i's own group lose one place. Region caps (or zone caps) with a cardinality
 * limit form a matroid, so picking sites greedily by value gives the exact best N−1 under them;
 * dropping every other constraint (spacing, budget, schedule, the other caps) only raises the
 * bound, so UB(i) really is an upper bound on every selection that contains i. If UB(i) is below
 * the incumbent, no optimal selection contains i. Sites with UB(i) equal to the incumbent are kept,
 * so ties between optima are never broken by this step.
 *
 * Values are in "larger is better" form: the score (plus the early-power term) for maxScore, the
 * negated annualized cost for minCost.
 */
export interface BoundElimination {
  /** Indices of candidates that may be in an optimum. */
  readonly kept: readonly number[];
  readonly removed: number;
}

type GroupKey = (c: Candidate) => string;

/**
 * Best total of `count` sites other than `excluded`, under group caps where the excluded site's
 * group has one place fewer (it is taken by the excluded site). Greedy by value is exact for this
 * partition matroid; the scan stops after `count` picks, so it touches only the top of the order.
 */
class CappedGreedy {
  private readonly order: readonly number[];

  constructor(
    private readonly values: readonly number[],
    private readonly keyOf: (i: number) => string,
    private readonly caps: ReadonlyMap<string, number>,
    private readonly count: number,
  ) {
    this.order = values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  }

  /** −Infinity when fewer than `count` other sites fit the caps. */
  bestWithout(excluded: number): number {
    const used = new Map<string, number>([[this.keyOf(excluded), 1]]);
    let sum = 0;
    let taken = 0;
    for (const i of this.order) {
      if (taken === this.count) break;
      if (i === excluded) continue;
      const key = this.keyOf(i);
      const n = used.get(key) ?? 0;
      if (n >= (this.caps.get(key) ?? Infinity)) continue;
      used.set(key, n + 1);
      sum += this.values[i] as number;
      taken++;
    }
    return taken === this.count ? sum : -Infinity;
  }
}

/**
 * Drops the candidates that cannot be in any selection worth at least `incumbent`.
 * @example eliminateByBound(problem, values, 715.07).kept.length
 */
export function eliminateByBound(problem: OptimizationProblem, values: readonly number[], incumbent: number): BoundElimination {
  const others = problem.sitesToSelect - 1;
  const candidates = problem.candidates;
  const bounds: CappedGreedy[] = [];
  const byRegion: GroupKey = (c) => c.region;
  const byZone: GroupKey = (c) => c.gridZone;
  for (const [caps, key] of [
    [problem.regionCaps, byRegion],
    [problem.gridZoneCaps, byZone],
  ] as const) {
    bounds.push(new CappedGreedy(values, (i) => key(candidates[i] as Candidate), caps, others));
  }
  // Tolerance: a site whose bound equals the incumbent up to rounding is kept.
  const tolerance = 1e-7 * Math.max(1, Math.abs(incumbent));
  const kept: number[] = [];
  candidates.forEach((c, i) => {
    if (c.lockedIn) {
      kept.push(i);
      return;
    }
    const best = Math.min(...bounds.map((b) => b.bestWithout(i)));
    if ((values[i] as number) + best >= incumbent - tolerance) kept.push(i);
  });
  return { kept, removed: candidates.length - kept.length };
}
