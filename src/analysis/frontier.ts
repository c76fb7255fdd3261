/**
 * The budget trade-off: the same problem re-solved at budgets around the model's, so the report
 * can show what each extra (or missing) billion buys.
 */
import { performance } from "node:perf_hooks";
import { optimize } from "../optimize/solve.ts";
import { isSolved, selectionCapexBn, type OptimizationProblem, type OptimizeResult } from "../optimize/types.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import type { FrontierPoint } from "../report/html/frontierChart.ts";

export type { FrontierPoint };

/** Solves one problem: `optimize` unless a test passes its own. */
export type Solve = (problem: OptimizationProblem) => Promise<OptimizeResult>;

export interface FrontierOptions {
  readonly solve?: Solve;
  /**
   * Time limit of each re-solve, ms (default: the model's, at most 5 s). A frontier is a sketch
   * of the trade-off: a level that hits the limit shows its best selection, marked as such,
   * rather than holding the whole report up for a minute.
   */
  readonly timeLimitMs?: number;
  /**
   * Time left for the whole frontier, ms (the rest of the user's `--time-limit` once the main
   * solve is done). Each re-solve gets at most an even share of what is left; levels that no
   * time is left for are not solved and are missing from the curve. Absent: no overall limit.
   */
  readonly remainingMs?: number;
}

/** A re-solve given less than this is not worth starting, ms. */
const MIN_RESOLVE_MS = 50;

/**
 * Above this many screened-in candidates the CLI draws no trade-off chart unless asked: ten
 * re-solves of a 20,000-site problem took 3.7 GB (`gigasite run` otherwise needs 0.3 GB there).
 */
export const FRONTIER_AUTO_MAX_CANDIDATES = 3_000;

/**
 * Budget levels the report re-solves when the user does not say: 10, or 0 for a large problem.
 * @example defaultFrontierLevels(outcome) // 10 on the bundled 760 sites
 */
export function defaultFrontierLevels(outcome: RunOutcome): number {
  return outcome.problem.candidates.length > FRONTIER_AUTO_MAX_CANDIDATES ? 0 : 10;
}

/** Default cap on each re-solve's time limit. */
export const FRONTIER_TIME_LIMIT_MS = 5000;

/**
 * Budgets from 70% to 130% of `budgetBn` in `levels` even steps, rounded to cents of a billion
 * so labels stay short; the model's budget itself is not among them (its point comes from the run).
 * @example frontierBudgets(100, 4) // [70, 90, 110, 130]
 */
export function frontierBudgets(budgetBn: number, levels = 10): number[] {
  const count = Math.max(1, Math.floor(levels));
  const budgets = new Set<number>();
  for (let i = 0; i < count; i++) {
    const share = count === 1 ? 1 : 0.7 + (0.6 * i) / (count - 1);
    budgets.add(Math.round(budgetBn * share * 100) / 100);
  }
  budgets.delete(budgetBn);
  return [...budgets].sort((a, b) => a - b);
}

/**
 * One solve's point on the frontier; capex is summed from the problem's candidates.
 * @example frontierPoint(problem, result, false).objective // 642.3
 */
export function frontierPoint(problem: OptimizationProblem, result: OptimizeResult, chosen: boolean): FrontierPoint {
  const budgetBn = problem.budgetBn;
  if (isSolved(result)) {
    const capexBn = selectionCapexBn(problem.candidates, result.selected);
    // The run's own point: the best score its first stage found, as the other levels report it.
    return { budgetBn, status: result.status, objective: result.secondStage?.bestScore ?? result.objective, capexBn, chosen };
  }
  return { budgetBn, status: result.status, objective: null, capexBn: null, chosen };
}

/**
 * Re-solves `outcome.problem` at `levels` budgets from 70% to 130% of the model's budget, one
 * after another (the solver is CPU-bound; running them together would not finish sooner), each
 * with a capped time limit that also fits what is left of the command's own limit (see
 * {@link FrontierOptions}), and adds the run's own point, marked `chosen`. Sorted by budget.
 * @example (await computeFrontier(outcome)).find((p) => p.chosen)?.budgetBn // 100
 */
export async function computeFrontier(outcome: RunOutcome, levels = 10, options: FrontierOptions = {}): Promise<FrontierPoint[]> {
  const base = outcome.problem;
  const solve = options.solve ?? optimize;
  const cap = options.timeLimitMs ?? Math.min(base.timeLimitMs, FRONTIER_TIME_LIMIT_MS);
  const started = performance.now();
  const points: FrontierPoint[] = [frontierPoint(base, outcome.result, true)];
  const budgets = frontierBudgets(base.budgetBn, levels);
  for (const [i, budgetBn] of budgets.entries()) {
    let timeLimitMs = cap;
    if (options.remainingMs !== undefined) {
      const left = options.remainingMs - (performance.now() - started);
      const share = Math.floor(left / (budgets.length - i));
      if (share < MIN_RESOLVE_MS) break;
      timeLimitMs = cap > 0 ? Math.min(cap, share) : share;
    }
    // The chart compares scores: the GW-months stage would only re-time each level's sites.
    const problem: OptimizationProblem = { ...base, budgetBn, timeLimitMs, scoreOnly: true };
    points.push(frontierPoint(problem, await solve(problem), false));
  }
  return points.sort((a, b) => a.budgetBn - b.budgetBn);
}
