/**
 * The k best distinct selections, so decision makers see the near-optimal options and not only
 * one plan. Solve, add a no-good cut `Σ_{i in S} x_i <= N − 1` for each selection S found, solve
 * again; stop at k, when nothing feasible is left, or when the objective leaves the tolerance.
 */
import { optimize } from "../optimize/solve.ts";
import type { OptimizationProblem, OptimizeResult } from "../optimize/types.ts";
import type { SiteId } from "../sites/types.ts";
import { objectiveLoss } from "./explain.ts";

export interface Alternative {
  /** 1 = the optimum. */
  readonly rank: number;
  readonly status: "optimal" | "time_limit";
  readonly objective: number;
  /** Loss against the best selection, ≥ 0 (score points or $B/yr). */
  readonly lossVsBest: number;
  /** lossVsBest / max(1, |best objective|). */
  readonly lossFraction: number;
  readonly selected: readonly SiteId[];
  /** Sites of the best selection this one drops, and the sites it brings in instead. */
  readonly out: readonly SiteId[];
  readonly in: readonly SiteId[];
  readonly solveMs: number;
}

export type StopReason = "k_reached" | "outside_tolerance" | "exhausted" | "no_solution";

export interface Alternatives {
  readonly alternatives: readonly Alternative[];
  readonly stoppedBecause: StopReason;
  /** Status of the very first solve when it found nothing (infeasible, no_solution). */
  readonly firstStatus: OptimizeResult["status"];
}

export interface AlternativesOptions {
  /** How many selections at most (default 5). */
  readonly k?: number;
  /** Keep only selections within this fraction of the best objective (e.g. 0.02); default: no limit. */
  readonly withinFraction?: number;
  /** Called after each solve, e.g. for a progress bar. */
  readonly onSolve?: (found: number) => void;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The k best distinct selections of a problem, best first.
 * @example const { alternatives } = await findAlternatives(outcome.problem, { k: 5, withinFraction: 0.02 });
 */
export async function findAlternatives(problem: OptimizationProblem, options: AlternativesOptions = {}): Promise<Alternatives> {
  const k = options.k ?? 5;
  const found: Alternative[] = [];
  const cuts: SiteId[][] = [...(problem.excludedSelections ?? []).map((s) => [...s])];
  let best: { objective: number; selected: readonly SiteId[] } | null = null;
  let firstStatus: OptimizeResult["status"] = "optimal";
  while (found.length < k) {
    const result = await optimize({ ...problem, excludedSelections: cuts });
    if (found.length === 0) firstStatus = result.status;
    if (result.status === "infeasible") return { alternatives: found, stoppedBecause: "exhausted", firstStatus };
    if (result.status === "no_solution") return { alternatives: found, stoppedBecause: "no_solution", firstStatus };
    best ??= { objective: result.objective, selected: result.selected };
    const loss = objectiveLoss(problem.objective.kind, best.objective, result.objective);
    const lossFraction = loss / Math.max(1, Math.abs(best.objective));
    if (options.withinFraction !== undefined && lossFraction > options.withinFraction + 1e-12) {
      return { alternatives: found, stoppedBecause: "outside_tolerance", firstStatus };
    }
    const bestSet = new Set(best.selected);
    const chosen = new Set(result.selected);
    found.push({
      rank: found.length + 1,
      status: result.status,
      objective: result.objective,
      lossVsBest: loss,
      lossFraction,
      selected: result.selected,
      out: best.selected.filter((id) => !chosen.has(id)).sort(byId),
      in: result.selected.filter((id) => !bestSet.has(id)).sort(byId),
      solveMs: result.stats.buildMs + result.stats.solveMs,
    });
    cuts.push([...result.selected]);
    options.onSolve?.(found.length);
  }
  return { alternatives: found, stoppedBecause: "k_reached", firstStatus };
}
