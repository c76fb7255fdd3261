/**
 * The default objective in two stages: score first, then GW live as early as the money allows.
 *
 * Stage 1 maximises the total score (maxScore) on the dated model. Stage 2 maximises GW-months
 * (maxGwMonths, total score as its tie-break) subject to a total score of at least (1 − tolerance)
 * × the best: two solves, not a small weight that could be outweighed. With a tolerance of 0 it
 * is strictly lexicographic. A site is then held back only where money, a zone limit or a
 * milestone forces it: a plan that could move a held-back site a month earlier would have more
 * GW-months with the same score.
 *
 * Stage 2 runs on the candidates that can still reach the floor: a site whose score plus the
 * N − 1 best other scores is below it cannot be in any plan of stage 2 (exact).
 */
import { performance } from "node:perf_hooks";
import { verifySelection } from "./verify.ts";
import type { OptimizationProblem, OptimizeResult, SolveStats } from "./types.ts";

/** Share of the time limit stage 1 may use: finding the best score matters more than proving the dates. */
const STAGE_ONE_SHARE = 0.7;

/** Scores within this absolute amount count as equal (verifier recomputations differ in the last digits). */
const SCORE_SLACK = 1e-6;

/**
 * True when a maxScore problem needs stage 2: it has a schedule, no early-power points already
 * price time, and it is not a robust plan (whose price of robustness is a score difference).
 */
export function secondStageApplies(problem: OptimizationProblem): boolean {
  const o = problem.objective;
  // Robust planning prices robustness in score: a tolerance would blur that price, so it keeps one stage.
  return (
    o.kind === "maxScore" &&
    o.gwMonthsStage !== false &&
    o.earlyPowerPointsPerMonth === 0 &&
    problem.timeline !== null &&
    problem.scoreFloor === undefined &&
    problem.scoreOnly !== true &&
    problem.scenarios === undefined
  );
}

/**
 * Indices of the candidates whose score plus the N − 1 best other scores reaches `floor` (locked-in
 * sites always stay).
 * @example candidatesReaching(problem, 700).length
 */
export function candidatesReaching(problem: OptimizationProblem, floor: number): number[] {
  const n = problem.sitesToSelect;
  const scores = problem.candidates.map((c) => c.score);
  const top = [...scores].sort((a, b) => b - a).slice(0, n);
  const topSum = top.reduce((s, v) => s + v, 0);
  const cutoff = top[top.length - 1] ?? -Infinity;
  return problem.candidates
    .map((c, i) => ({ c, i, best: c.score >= cutoff ? topSum : topSum - cutoff + c.score }))
    .filter(({ c, best }) => c.lockedIn || best >= floor - SCORE_SLACK)
    .map(({ i }) => i);
}

/**
 * Runs both stages within the problem's time limit (stage 1 may use 70% of it, stage 2 the rest).
 * The result's objective is the total score of the plan it returns, its bound stage 1's bound on
 * the score; `secondStage` holds the GW-months and the floor.
 */
export async function optimizeInStages<O>(
  problem: OptimizationProblem,
  options: O,
  single: (problem: OptimizationProblem, options: O) => Promise<OptimizeResult>,
): Promise<OptimizeResult> {
  const started = performance.now();
  const limitMs = Math.max(0, problem.timeLimitMs);
  const tolerancePct = problem.objective.kind === "maxScore" ? problem.objective.scoreTolerancePct : 0;
  const first = await single({ ...problem, timeLimitMs: limitMs > 0 ? Math.max(1, Math.floor(limitMs * STAGE_ONE_SHARE)) : 0 }, options);
  if (first.status !== "optimal" && first.status !== "time_limit") return first;
  const bestScore = first.objective;
  const floor = bestScore * (1 - tolerancePct / 100) - SCORE_SLACK;
  const kept = candidatesReaching(problem, floor);
  const keptSet = new Set(kept);
  const stage2: OptimizationProblem = {
    ...problem,
    candidates: problem.candidates.filter((_, i) => keptSet.has(i)),
    objective: { kind: "maxGwMonths" },
    scoreFloor: floor,
    timeLimitMs: limitMs > 0 ? Math.max(1, limitMs - (performance.now() - started)) : 0,
  };
  const second = await single(stage2, options);
  const stats = mergeStats(first.stats, second.stats, problem.candidates.length, kept.length);
  const gwMonthsOf = (r: typeof first): number =>
    r.plan?.sites.reduce((s, p) => s + problem.gwPerSite * ((problem.timeline?.calendar.months ?? 0) - p.goLiveMonth), 0) ?? 0;
  if (second.status !== "optimal" && second.status !== "time_limit") {
    // Stage 1's plan meets the floor: keep it, and say that its dates were not optimised.
    return {
      ...first,
      status: "time_limit",
      stats,
      stoppedBy: `the GW-months stage ended without a plan (${second.status === "infeasible" ? "infeasible" : second.message}); the dates are stage 1's`,
      secondStage: { gwMonths: gwMonthsOf(first), gwMonthsBound: null, scoreFloor: floor, bestScore, tolerancePct, proven: false },
    };
  }
  // The plan is judged by the original problem: its objective is its total score.
  const verification = verifySelection(problem, second.selected, second.plan);
  if (!verification.ok || verification.objective === undefined) {
    return {
      status: "no_solution",
      bound: first.bound,
      message: `the GW-months stage's plan failed verification (this is a bug): ${verification.violations[0] ?? ""}`,
      stats,
    };
  }
  const objective = verification.objective;
  const bound = Math.max(first.bound, objective);
  const proven = first.status === "optimal" && second.status === "optimal";
  return {
    status: proven ? "optimal" : "time_limit",
    objective,
    objectiveParts: verification.objectiveParts ?? [],
    bound,
    gap: Math.abs(bound - objective) / Math.max(1, Math.abs(objective)),
    selected: second.selected,
    plan: second.plan,
    stats,
    ...(second.stoppedBy === undefined ? {} : { stoppedBy: second.stoppedBy }),
    secondStage: {
      gwMonths: gwMonthsOf(second),
      gwMonthsBound: second.bound === null ? null : Math.floor(second.bound + 1e-6),
      scoreFloor: floor,
      bestScore,
      tolerancePct,
      proven,
    },
  };
}

function mergeStats(a: SolveStats, b: SolveStats, candidates: number, kept: number): SolveStats {
  const larger = b.variables > a.variables ? b : a;
  return {
    ...larger,
    candidates,
    candidatesAfterReduction: Math.min(a.candidatesAfterReduction, kept),
    nodes: a.nodes === null && b.nodes === null ? null : (a.nodes ?? 0) + (b.nodes ?? 0),
    buildMs: a.buildMs + b.buildMs,
    solveMs: a.solveMs + b.solveMs,
    steps: [
      ...a.steps.map((s) => ({ ...s, note: `score stage${s.note === undefined ? "" : `: ${s.note}`}` })),
      ...b.steps.map((s) => ({ ...s, note: `GW-months stage${s.note === undefined ? "" : `: ${s.note}`}` })),
    ],
  };
}
