import { greatCircleKm } from "./conflicts.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";

/**
 * Provably safe reductions: each removes only sites that no optimal solution needs, so the
 * optimum is unchanged. The proofs are in REDUCTIONS.md; test/optimize/reductions.test.ts checks
 * them against solves without reductions. Locked-in sites are never removed (when one of them
 * cannot be selected, the diagnosis reports the problem as infeasible instead).
 */
export interface Reduction {
  /** Indices into `problem.candidates` that stay in the model, ascending. */
  readonly kept: readonly number[];
  /** Sites that cannot fill any slot (no online date, or online after the last slot). */
  readonly removedLate: number;
  /** Sites whose capex plus the N−1 cheapest others exceeds the budget. */
  readonly removedOverBudget: number;
  /** Sites with N pairwise well-spaced dominators. */
  readonly removedDominated: number;
}

/** Dominators examined per site before giving up (the site is then kept): keeps 20,000 sites fast. */
export const DOMINANCE_SCAN_CAP = 2000;
/** Slack on the 2·spacing test so rounding in the triangle inequality can never bite. */
const SPACING_MARGIN_KM = 1e-6;
const EPS = 1e-9;

function lastSlotDay(problem: OptimizationProblem): number | null {
  const slots = problem.slots;
  if (slots === null || slots.length === 0) return null;
  return Math.max(...slots.map((s) => s.day));
}

function removeLate(problem: OptimizationProblem, indices: readonly number[]): number[] {
  const lastDay = lastSlotDay(problem);
  if (problem.slots === null || lastDay === null) return [...indices];
  return indices.filter((i) => {
    const c = problem.candidates[i] as Candidate;
    return c.lockedIn || (c.onlineDay !== null && c.onlineDay <= lastDay);
  });
}

function removeOverBudget(problem: OptimizationProblem, indices: readonly number[]): number[] {
  const n = problem.sitesToSelect;
  if (n < 1 || indices.length < n) return [...indices];
  const capex = (i: number): number => (problem.candidates[i] as Candidate).capexBn;
  const sorted = [...indices].sort((a, b) => capex(a) - capex(b) || a - b);
  const rank = new Map(sorted.map((i, r) => [i, r]));
  let cheapestNMinus1 = 0;
  for (let r = 0; r < n - 1; r++) cheapestNMinus1 += capex(sorted[r] as number);
  const cheapestN = cheapestNMinus1 + capex(sorted[n - 1] as number);
  return indices.filter((i) => {
    const c = problem.candidates[i] as Candidate;
    // The N−1 cheapest others: the N−1 cheapest overall unless i is one of them.
    const others = (rank.get(i) ?? 0) < n - 1 ? cheapestN - c.capexBn : cheapestNMinus1;
    return c.lockedIn || c.capexBn + others <= problem.budgetBn + EPS * Math.max(1, problem.budgetBn);
  });
}

function dominates(problem: OptimizationProblem, j: number, i: number): boolean {
  const a = problem.candidates[j] as Candidate;
  const b = problem.candidates[i] as Candidate;
  if (a.score < b.score || a.capexBn > b.capexBn || a.annualCostBn > b.annualCostBn) return false;
  const useDays = problem.slots !== null;
  const dayA = a.onlineDay ?? Infinity;
  const dayB = b.onlineDay ?? Infinity;
  if (useDays && dayA > dayB) return false;
  if (problem.regionCaps.size > 0 && a.region !== b.region) return false;
  if (problem.gridZoneCaps.size > 0 && a.gridZone !== b.gridZone) return false;
  const allEqual =
    a.score === b.score && a.capexBn === b.capexBn && a.annualCostBn === b.annualCostBn && (!useDays || dayA === dayB);
  // Equal sites are ordered by index, so the relation stays a strict partial order.
  return !allEqual || j < i;
}

function removeDominated(problem: OptimizationProblem, indices: readonly number[]): number[] {
  const n = problem.sitesToSelect;
  const objective = problem.objective;
  // A negative early-power weight rewards late sites, so "earlier" would no longer be "better".
  if (problem.slots !== null && objective.kind === "maxScore" && objective.earlyPowerPointsPerMonth < 0) return [...indices];
  const twiceSpacing = 2 * problem.minSpacingKm + SPACING_MARGIN_KM;
  const byScore = [...indices].sort(
    (a, b) => (problem.candidates[b] as Candidate).score - (problem.candidates[a] as Candidate).score || a - b,
  );
  return indices.filter((i) => {
    const site = problem.candidates[i] as Candidate;
    if (site.lockedIn) return true;
    const chosen: Candidate[] = [];
    let examined = 0;
    for (const j of byScore) {
      const other = problem.candidates[j] as Candidate;
      if (other.score < site.score) break;
      if (j === i) continue;
      if (++examined > DOMINANCE_SCAN_CAP) return true;
      if (!dominates(problem, j, i)) continue;
      if (problem.minSpacingKm > 0 && chosen.some((d) => greatCircleKm(d, other) < twiceSpacing)) continue;
      chosen.push(other);
      if (chosen.length >= n) return false;
    }
    return true;
  });
}

/**
 * Applies the reductions in order: too late, over budget, dominated.
 * @example reduceCandidates(problem).kept // indices of the candidates the model keeps
 */
export function reduceCandidates(problem: OptimizationProblem): Reduction {
  const all = problem.candidates.map((_, i) => i);
  const onTime = removeLate(problem, all);
  const affordable = removeOverBudget(problem, onTime);
  // Dominance is safe for the best selection only; with no-good cuts the next best may need a dominated site.
  const undominated = (problem.excludedSelections?.length ?? 0) > 0 ? affordable : removeDominated(problem, affordable);
  return {
    kept: undominated,
    removedLate: all.length - onTime.length,
    removedOverBudget: onTime.length - affordable.length,
    removedDominated: affordable.length - undominated.length,
  };
}
