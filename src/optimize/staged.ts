import { DAYS_PER_MONTH } from "./formulate.ts";
import { eliminateByBound } from "./bound.ts";
import type { Candidate, OptimizationProblem, OptimizeResult, SolveStats } from "./types.ts";

/**
 * Exact speed-ups around one MILP solve (see REDUCTIONS.md, "Staged solving"):
 *
 * 1. **Incumbent, then bound elimination.** Solve the problem restricted to the best-valued
 *    sites; its optimum is a feasible selection of the full problem, so its value is a lower
 *    bound. Every site whose relaxed upper bound (bound.ts) falls below it cannot be in any
 *    optimum and is dropped. If every remaining site was already in the restricted problem, the
 *    restricted optimum is the global optimum; otherwise the full problem is solved on the
 *    remaining sites, which contain every optimal selection.
 * 2. **Cash rule last.** With the cash rule on, first solve without it (per-site variables and
 *    aggregated readiness, much smaller). The objective does not depend on the slot order, so if
 *    that optimum can also be scheduled within the cash rule it is optimal for the full problem;
 *    the schedule is then found by solving the full model on just those sites. Otherwise solve
 *    the full model.
 *
 * Written as a generator that yields the sub-problems to solve, so the same logic drives the
 * synchronous (jsLPSolver) and asynchronous (HiGHS) paths.
 */
export type Staged = Generator<OptimizationProblem, OptimizeResult, OptimizeResult>;

export interface StagedOptions {
  /** Below this many candidates, solve directly (staging costs more than it saves). */
  readonly minCandidates: number;
  /** Size of the restricted first problem; default max(6 × sites to select, 60). */
  readonly restrictTo?: number;
}

export const DEFAULT_STAGED: StagedOptions = { minCandidates: 80 };

const solved = (r: OptimizeResult): r is Extract<OptimizeResult, { status: "optimal" | "time_limit" }> =>
  r.status === "optimal" || r.status === "time_limit";

/** Per-site objective value in "larger is better" form; constants common to all selections are left out. */
export function siteValues(problem: OptimizationProblem): number[] {
  const objective = problem.objective;
  if (objective.kind === "minCost") return problem.candidates.map((c) => -c.annualCostBn);
  const lastDay = problem.slots && problem.slots.length > 0 ? Math.max(...problem.slots.map((s) => s.day)) : 0;
  return problem.candidates.map((c) =>
    problem.slots === null || c.onlineDay === null ? c.score : c.score + (objective.earlyPowerPointsPerMonth * (lastDay - c.onlineDay)) / DAYS_PER_MONTH,
  );
}

function mergeStats(final: SolveStats, earlier: readonly OptimizeResult[], candidates: number, kept: number, notes: readonly string[]): SolveStats {
  const extraMs = earlier.reduce((sum, r) => sum + r.stats.solveMs, 0);
  const extraBuild = earlier.reduce((sum, r) => sum + r.stats.buildMs, 0);
  return {
    ...final,
    formulation: [final.formulation, ...notes].join("; "),
    candidates,
    candidatesAfterReduction: Math.min(kept, final.candidatesAfterReduction),
    solveMs: final.solveMs + extraMs,
    buildMs: final.buildMs + extraBuild,
    // The size of the largest model solved along the way, not of the last (often tiny) one.
    variables: Math.max(final.variables, ...earlier.map((r) => r.stats.variables)),
    constraints: Math.max(final.constraints, ...earlier.map((r) => r.stats.constraints)),
    conflictEdges: Math.max(final.conflictEdges, ...earlier.map((r) => r.stats.conflictEdges)),
    cliqueRows: Math.max(final.cliqueRows, ...earlier.map((r) => r.stats.cliqueRows)),
  };
}

function withStats(result: OptimizeResult, stats: SolveStats): OptimizeResult {
  return { ...result, stats } as OptimizeResult;
}

/** Cash rule last (step 2), around one direct solve. */
function* cashLast(problem: OptimizationProblem): Staged {
  if (problem.cash === null || problem.slots === null) return yield problem;
  const relaxed = yield { ...problem, cash: null };
  if (relaxed.status !== "optimal") return yield problem;
  const chosen = new Set(relaxed.selected);
  const onChosen = yield { ...problem, candidates: problem.candidates.filter((c) => chosen.has(c.siteId)), excludedSelections: [] };
  if (onChosen.status === "optimal" && Math.abs(onChosen.objective - relaxed.objective) <= 1e-9 * Math.max(1, Math.abs(relaxed.objective))) {
    const stats = mergeStats(onChosen.stats, [relaxed], problem.candidates.length, relaxed.stats.candidatesAfterReduction, [
      "cash rule checked on the optimum without it (it holds, so that optimum is optimal)",
    ]);
    return withStats({ ...onChosen, stats: { ...stats, variables: relaxed.stats.variables, constraints: relaxed.stats.constraints } }, stats);
  }
  const full = yield problem;
  return withStats(full, mergeStats(full.stats, [relaxed, onChosen], problem.candidates.length, full.stats.candidatesAfterReduction, ["cash rule binds: solved with it"]));
}

/**
 * The staged solve of `problem`. Drive it with {@link runStagedSync} or {@link runStagedAsync}.
 * No-good cuts (alternatives) and small problems go straight to the direct solve.
 */
export function* staged(problem: OptimizationProblem, options: StagedOptions = DEFAULT_STAGED): Staged {
  const n = problem.candidates.length;
  if ((problem.excludedSelections?.length ?? 0) > 0 || n < options.minCandidates) return yield* cashLast(problem);
  const values = siteValues(problem);
  const order = values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const topCount = Math.min(n, options.restrictTo ?? Math.max(6 * problem.sitesToSelect, 60));
  const top = new Set(order.slice(0, topCount));
  problem.candidates.forEach((c, i) => c.lockedIn && top.add(i));
  const started = Date.now();
  const restricted = yield* cashLast({ ...problem, candidates: [...top].sort((a, b) => a - b).map((i) => problem.candidates[i] as Candidate) });
  if (restricted.status !== "optimal") {
    const direct = yield* cashLast(problem);
    return withStats(direct, mergeStats(direct.stats, [restricted], n, direct.stats.candidatesAfterReduction, []));
  }
  const byId = new Map(problem.candidates.map((c, i) => [c.siteId, i]));
  const incumbent = restricted.selected.reduce((sum, id) => sum + (values[byId.get(id) as number] as number), 0);
  const elimination = eliminateByBound(problem, values, incumbent);
  const note = `bound elimination kept ${elimination.kept.length} of ${n} sites (incumbent from the best ${top.size})`;
  if (elimination.kept.every((i) => top.has(i))) {
    return withStats(restricted, mergeStats(restricted.stats, [], n, elimination.kept.length, [note, "restricted optimum is global"]));
  }
  const full = yield* cashLast({ ...problem, candidates: elimination.kept.map((i) => problem.candidates[i] as Candidate) });
  return withStats(full, mergeStats(full.stats, [restricted], n, elimination.kept.length, [note]));
}

/** The whole staged solve shares the problem's time limit: each sub-solve gets what is left of it. */
function withinDeadline(sub: OptimizationProblem, deadline: number): OptimizationProblem {
  return { ...sub, timeLimitMs: Math.max(1, Math.min(sub.timeLimitMs, deadline - Date.now())) };
}

export function runStagedSync(problem: OptimizationProblem, solve: (p: OptimizationProblem) => OptimizeResult, options?: StagedOptions): OptimizeResult {
  const deadline = Date.now() + problem.timeLimitMs;
  const gen = staged(problem, options);
  let step = gen.next();
  while (!step.done) step = gen.next(solve(withinDeadline(step.value, deadline)));
  return step.value;
}

export async function runStagedAsync(problem: OptimizationProblem, solve: (p: OptimizationProblem) => Promise<OptimizeResult>, options?: StagedOptions): Promise<OptimizeResult> {
  const deadline = Date.now() + problem.timeLimitMs;
  const gen = staged(problem, options);
  let step = gen.next();
  while (!step.done) step = gen.next(await solve(withinDeadline(step.value, deadline)));
  return step.value;
}

export { solved as isSolved };
