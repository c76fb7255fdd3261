import type { Plan, Timeline } from "../schedule/types.ts";
import type { SiteId } from "../sites/types.ts";

/**
 * The optimizer's view of one screened, scored site: only what the MILP needs. Built by the
 * pipeline from a `ScoredSite` and the model; the optimizer never sees CSV rows.
 */
export interface Candidate {
  readonly siteId: SiteId;
  readonly lat: number;
  readonly lon: number;
  readonly region: string;
  readonly gridZone: string;
  /** Overall score, 0–100. */
  readonly score: number;
  /** Capex of the site's build (capex_bn × GW per site), $B. */
  readonly capexBn: number;
  /** Annualized cost of the site, $B per year (see finance/cost.ts); +Infinity when unknown. */
  readonly annualCostBn: number;
  /** Energy cost of the site running at its full load, $B per year (8,760 h × facility MW × price); +Infinity when unknown. */
  readonly energyBnPerYear: number;
  /** Earliest go-live month on the plan's calendar; null when the problem has no timeline. */
  readonly readyMonth: number | null;
  /** Build months: capex is drawn over the months before go-live. */
  readonly buildMonths: number;
  readonly lockedIn: boolean;
  /** Robust planning: the site's ready month in each sampled scenario (see {@link OptimizationProblem.scenarios}). */
  readonly scenarioReadyMonths?: readonly number[];
  /** Robust planning: the site's build in each sampled scenario, whole months (its planned build is `buildMonths`). */
  readonly scenarioBuildMonths?: readonly number[];
}

/**
 * Robust planning (sample-average approximation): every milestone must be met in at least
 * `required` of `count` sampled scenarios. In scenario s a site planned live in month g goes live
 * at the latest of g, its scenario ready month and its planned construction start (g − build
 * months) plus its scenario build; it counts for a milestone when that is on or before its month.
 */
export interface ScenarioRule {
  readonly count: number;
  readonly required: number;
}

export type ProblemObjective =
  /**
   * Total score, plus points per month each site is live before the last milestone; then (the
   * run's second stage, see optimize/lexicographic.ts) the most GW-months among plans within
   * `scoreTolerancePct` of the best.
   */
  | { readonly kind: "maxScore"; readonly earlyPowerPointsPerMonth: number; readonly scoreTolerancePct: number; readonly gwMonthsStage?: boolean }
  /** GW-months live by the last milestone; total score breaks ties. */
  | { readonly kind: "maxGwMonths" }
  /**
   * Value of GW-months live less energy and operating cost, every use of cash (capex, contingency,
   * fees, interest, IT capex, carrying cost) and bridge interest, discounted monthly, $B.
   */
  | {
      readonly kind: "npv";
      readonly valueBnPerGwMonth: number;
      readonly discountRatePctPerYear: number;
      readonly opexBnPerGwMonth: number;
      /** Floor on the average score (0–100), or 0 for none. */
      readonly minAverageScore: number;
    }
  | { readonly kind: "minCost"; readonly minAverageScore: number };

export type Engine = "jsLPSolver" | "highs";

export interface OptimizationProblem {
  readonly candidates: readonly Candidate[];
  readonly sitesToSelect: number;
  readonly gwPerSite: number;
  readonly budgetBn: number;
  /** Cap per region present among the candidates (absent = uncapped). */
  readonly regionCaps: ReadonlyMap<string, number>;
  /** Cap per grid zone present among the candidates (absent = uncapped). */
  readonly gridZoneCaps: ReadonlyMap<string, number>;
  readonly minSpacingKm: number;
  /** The dated part of the problem, or null when the model has no schedule (selection only). */
  readonly timeline: Timeline | null;
  readonly objective: ProblemObjective;
  /** Time limit of the whole solve (every step), ms; 0 = none. */
  readonly timeLimitMs: number;
  readonly solver: Engine;
  /**
   * Selections the answer must differ from (no-good cuts, for near-optimal alternatives): each
   * adds `Σ_{i in S} x_i <= |S| − 1`. Optional: absent means none.
   */
  readonly excludedSelections?: readonly (readonly SiteId[])[];
  /** Robust planning over sampled scenarios; absent means none. Candidates then carry `scenarioReadyMonths` and `scenarioBuildMonths`. */
  readonly scenarios?: ScenarioRule;
  /** Least total score of the selection (the second stage of maxScore runs); absent means none. */
  readonly scoreFloor?: number;
  /**
   * maxScore without its GW-months stage: for re-solves that compare scores only (the budget
   * trade-off chart). Absent or false: both stages.
   */
  readonly scoreOnly?: boolean;
}

/**
 * The least total score a selection must reach: the objective's average-score floor × sites,
 * and the problem's own floor.
 * @example scoreFloorOf({ ...problem, objective: { kind: "minCost", minAverageScore: 55 } }) // 550 for ten sites
 */
export function scoreFloorOf(problem: OptimizationProblem): number {
  const o = problem.objective;
  const average = o.kind === "minCost" || o.kind === "npv" ? o.minAverageScore : 0;
  return Math.max(average * problem.sitesToSelect, problem.scoreFloor ?? 0);
}

/** A labelled part of the objective; the parts add up to the objective. */
export interface ObjectivePart {
  readonly label: string;
  readonly value: number;
}

/** One step the optimizer took, for run.json and the terminal. */
export interface SolveStep {
  readonly step: "diagnose" | "relaxation" | "warm-start" | "schedule" | "construct" | "restricted" | "eliminate" | "full" | "least-equity";
  readonly candidates: number;
  readonly variables: number;
  readonly rows: number;
  readonly status: "optimal" | "time_limit" | "infeasible" | "no_solution" | "proven_infeasible" | "skipped" | "done";
  readonly objective: number | null;
  readonly bound: number | null;
  readonly ms: number;
  readonly note?: string;
}

export interface SolveStats {
  readonly solver: Engine;
  /** The formulation, in a few words. */
  readonly formulation: string;
  readonly candidates: number;
  /** Candidates left after bound elimination (all of them when no elimination ran). */
  readonly candidatesAfterReduction: number;
  /** Size of the largest model solved. */
  readonly variables: number;
  readonly constraints: number;
  readonly conflictEdges: number;
  readonly cliqueRows: number;
  readonly nodes: number | null;
  readonly buildMs: number;
  readonly solveMs: number;
  readonly steps: readonly SolveStep[];
}

interface Solved {
  /** The objective, recomputed by the verifier from the plan. */
  readonly objective: number;
  readonly objectiveParts: readonly ObjectivePart[];
  /** Best bound on the objective. */
  readonly bound: number;
  /** Relative gap |bound − objective| / max(1, |objective|). */
  readonly gap: number;
  /** Selected sites, in go-live order when there is a plan, else best score first. */
  readonly selected: readonly SiteId[];
  readonly plan: Plan | null;
  readonly stats: SolveStats;
  /**
   * With `time_limit`: why the search stopped before the limit, when it did (the engine failed,
   * e.g. jsLPSolver cycling); absent when the time limit itself stopped it.
   */
  readonly stoppedBy?: string;
  /** maxScore's second stage (optimize/lexicographic.ts): the GW-months it reached among plans within the tolerance. */
  readonly secondStage?: SecondStage;
}

export interface SecondStage {
  /** GW-months live by the last milestone of the returned plan. */
  readonly gwMonths: number;
  /** Proven bound on GW-months among plans at or above the floor (null when the stage gave none). */
  readonly gwMonthsBound: number | null;
  /** Least total score stage 2 allowed: (1 − tolerance) × the best score found. */
  readonly scoreFloor: number;
  readonly bestScore: number;
  readonly tolerancePct: number;
  /** Both stages proven optimal. */
  readonly proven: boolean;
}

export type OptimizeResult =
  | ({ readonly status: "optimal" } & Solved)
  | ({ readonly status: "time_limit" } & Solved)
  | {
      readonly status: "no_solution";
      readonly bound: number | null;
      readonly message: string;
      readonly stats: SolveStats;
    }
  | {
      readonly status: "infeasible";
      /** Requirements that cannot be met, in words, with figures from the data. */
      readonly reasons: readonly string[];
      /** The least equity for which a plan exists, $B, when the solve could establish it. */
      readonly leastEquityBn?: number | null;
      readonly stats: SolveStats;
    };

export type SolvedResult = Extract<OptimizeResult, { status: "optimal" | "time_limit" }>;

/**
 * Whether an outcome carries a selection: proven optimal, or the best found by the time limit.
 * The one test of "solved"; takes any value with a solver status (a result, a sweep row).
 * @example isSolved(result) && result.selected.length
 */
export function isSolved<T extends { readonly status: OptimizeResult["status"] }>(result: T): result is T & { readonly status: SolvedResult["status"] } {
  return result.status === "optimal" || result.status === "time_limit";
}

/**
 * Capex of a selection, $B: the budget it uses. Summed in candidate order, so every output that
 * prints it (run.json, summary, report, compare, sweep, frontier) gets the same figure.
 * @example selectionCapexBn(problem.candidates, result.selected) // 93.45
 */
export function selectionCapexBn(candidates: readonly Candidate[], selected: readonly SiteId[]): number {
  const chosen = new Set<string>(selected);
  return candidates.filter((c) => chosen.has(c.siteId)).reduce((sum, c) => sum + c.capexBn, 0);
}

export interface Verification {
  readonly ok: boolean;
  /** Every broken rule, in words. Empty when ok. */
  readonly violations: readonly string[];
  /** Constraints found tight (e.g. "budget: $99.8B of $100B"). */
  readonly binding: readonly string[];
  /** Objective recomputed by the verifier from the selection and plan. */
  readonly objective?: number;
  readonly objectiveParts?: readonly ObjectivePart[];
}
