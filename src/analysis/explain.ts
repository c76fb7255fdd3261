import type { ProblemObjective } from "../optimize/types.ts";
/**
 * Why one site is in or out of a run: its score breakdown, the filter that dropped it, the rule
 * that binds (from the report's runners-up logic), and what forcing the opposite decision costs.
 * The forced solve is warm: it reuses the run's screened, scored problem and only flips one
 * site's lock, so nothing is re-loaded, re-screened or re-scored.
 */
import { optimize } from "../optimize/solve.ts";
import { isSolved, type OptimizationProblem, type OptimizeResult } from "../optimize/types.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import { explainNotSelected, type NotSelected } from "./runnersUp.ts";
import { scoreSites, type ScoredSite } from "../score/score.ts";
import type { SiteId } from "../sites/types.ts";

/** The answer of a solve with one site locked in or out. */
export interface ForcedSolve {
  readonly lock: "in" | "out";
  readonly status: OptimizeResult["status"];
  readonly objective: number | null;
  /**
   * Objective lost against the run's own answer, always ≥ 0 up to solver tolerance (score
   * points under maxScore, $B/yr under minCost); null when the forced model has no selection.
   */
  readonly lossVsRun: number | null;
  readonly selected: readonly SiteId[];
  /** Run sites the forced selection drops (for lock "in": the sites the forced one displaces). */
  readonly dropped: readonly SiteId[];
  /** Sites the forced selection adds (for lock "out": the replacements). */
  readonly added: readonly SiteId[];
  /** Why no selection exists, when infeasible. */
  readonly reasons: readonly string[];
  readonly solveMs: number;
}

export type Explanation =
  | { readonly kind: "not_found"; readonly siteId: string }
  | {
      readonly kind: "screened_out";
      readonly siteId: string;
      /** Every rule the site fails. */
      readonly reasons: readonly string[];
      /** Its score as if it had passed screening, for the breakdown. */
      readonly scored: ScoredSite;
    }
  | { readonly kind: "no_selection"; readonly siteId: string; readonly scored: ScoredSite; readonly rank: number; readonly status: string }
  | {
      readonly kind: "selected" | "not_selected";
      readonly siteId: string;
      readonly scored: ScoredSite;
      /** Rank among screened-in sites, 1 = best score. */
      readonly rank: number;
      /** The binding reason for a site left out, or its slot for a selected one. */
      readonly reason: NotSelected;
      /** The run solved again with the site locked out (selected) or locked in (not selected). */
      readonly forced: ForcedSolve;
    };

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The run's problem with one site locked in (kept, with `lockedIn`) or out (removed).
 * @example forcedProblem(outcome.problem, "S0412", "in").candidates.find((c) => c.siteId === "S0412")?.lockedIn // true
 */
export function forcedProblem(problem: OptimizationProblem, siteId: string, lock: "in" | "out"): OptimizationProblem {
  const candidates =
    lock === "out"
      ? problem.candidates.filter((c) => c.siteId !== siteId)
      : problem.candidates.map((c) => (c.siteId === siteId ? { ...c, lockedIn: true } : c));
  return { ...problem, candidates };
}

/**
 * Objective lost by `forced` against `run`: positive means the forced answer is worse.
 * @example objectiveLoss("maxScore", 715.1, 709.4) // 5.7
 */
export function objectiveLoss(kind: ProblemObjective["kind"], run: number, forced: number): number {
  return kind === "minCost" ? forced - run : run - forced;
}

/**
 * Solves the run's problem with one site forced in or out, and measures the loss.
 * @example (await forceSite(outcome, "S0412", "in")).dropped // ["S0007"]
 */
export async function forceSite(outcome: RunOutcome, siteId: string, lock: "in" | "out"): Promise<ForcedSolve> {
  const base = outcome.result;
  const baseSelected = isSolved(base) ? base.selected : [];
  const result = await optimize(forcedProblem(outcome.problem, siteId, lock));
  const solved = isSolved(result) ? result : null;
  const selected = solved?.selected ?? [];
  const kind = outcome.problem.objective.kind;
  const lossVsRun = solved && isSolved(base) ? objectiveLoss(kind, base.objective, solved.objective) : null;
  return {
    lock,
    status: result.status,
    objective: solved?.objective ?? null,
    lossVsRun,
    selected,
    dropped: baseSelected.filter((id) => !selected.includes(id)).sort(byId),
    added: selected.filter((id) => !baseSelected.includes(id)).sort(byId),
    reasons: result.status === "infeasible" ? result.reasons : result.status === "no_solution" ? [result.message] : [],
    solveMs: result.stats.solveMs + result.stats.buildMs,
  };
}

/**
 * Explains one site of a run: score breakdown, screening, binding reason and the cost of the
 * opposite decision (one warm re-solve).
 * @example const e = await explainSite(outcome, "S0412"); if (e.kind === "not_selected") e.forced.lossVsRun
 */
export async function explainSite(outcome: RunOutcome, siteId: string): Promise<Explanation> {
  const excluded = outcome.screen.excluded.find((e) => e.site.siteId === siteId);
  if (excluded) {
    const [scored] = scoreSites([excluded.site], outcome.model);
    return { kind: "screened_out", siteId, reasons: excluded.reasons, scored: scored as ScoredSite };
  }
  const index = outcome.ranked.findIndex((s) => s.site.siteId === siteId);
  const scored = outcome.ranked[index];
  if (index < 0 || scored === undefined) return { kind: "not_found", siteId };
  const rank = index + 1;
  const r = outcome.result;
  if (!isSolved(r)) return { kind: "no_selection", siteId, scored, rank, status: r.status };
  const isSelected = r.selected.includes(scored.site.siteId);
  const reason = explainNotSelected(outcome, siteId);
  const forced = await forceSite(outcome, siteId, isSelected ? "out" : "in");
  return { kind: isSelected ? "selected" : "not_selected", siteId, scored, rank, reason, forced };
}
