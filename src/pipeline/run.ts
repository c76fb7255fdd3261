import { performance } from "node:perf_hooks";
import type { ScenarioModel } from "../scenario/schema.ts";
import { screenSites, type ScreenResult } from "../screen/screen.ts";
import { normalizeWeights, scoreSites, type ScoredSite, type Weights } from "../score/score.ts";
import type { SiteId, SiteTable } from "../sites/types.ts";
import { optimize, type OptimizeOptions, type SolveProgress } from "../optimize/solve.ts";
import { verifySelection } from "../optimize/verify.ts";
import { isSolved, selectionCapexBn, type OptimizationProblem, type OptimizeResult, type Verification } from "../optimize/types.ts";
import { applyLayers } from "../layers/apply.ts";
import type { LoadedLayer } from "../layers/layer.ts";
import { buildProblem, type ProblemOptions } from "./problem.ts";
import type { OnRunProgress, RunStage } from "./progress.ts";
import { riskOfRun, type RunRisk } from "../risk/inRun.ts";

export interface RunScenarioOptions extends ProblemOptions, Pick<OptimizeOptions, "onModel"> {
  /** GeoJSON layers (from `loadLayers`): exclusion zones and derived columns. */
  readonly layers?: readonly LoadedLayer[];
  /** Told as each stage starts and when the run is done (see {@link OnRunProgress}). */
  readonly onProgress?: OnRunProgress;
  /** Worker threads of the delay-risk evaluation (models with `risk.inRun`), default 0. */
  readonly riskWorkers?: number;
}

export interface StageTimingsMs {
  readonly screen: number;
  readonly score: number;
  readonly solve: number;
  readonly verify: number;
}

/** Everything one run of one model over one site table produced, for reports and comparisons. */
export interface RunOutcome {
  readonly model: ScenarioModel;
  readonly table: SiteTable;
  readonly weights: Weights;
  readonly screen: ScreenResult;
  /** Screened-in sites, best overall score first (ties by site id). */
  readonly ranked: readonly ScoredSite[];
  readonly problem: OptimizationProblem;
  readonly result: OptimizeResult;
  /** Independent re-check of the selection; null when there is none. */
  readonly verification: Verification | null;
  readonly timingsMs: StageTimingsMs;
  /** The delay-risk section (models with `risk.inRun` and a plan); absent otherwise. */
  readonly risk?: RunRisk;
}

const gapOf = (incumbent: number | null, bound: number | null): number | null =>
  incumbent === null || bound === null ? null : Math.abs(bound - incumbent) / Math.max(1, Math.abs(incumbent));

const byScore = (a: ScoredSite, b: ScoredSite): number => b.overall - a.overall || (a.site.siteId < b.site.siteId ? -1 : a.site.siteId > b.site.siteId ? 1 : 0);

/**
 * Screens, scores, optimizes and verifies: the whole pipeline after loading, as one pure step.
 * Expected outcomes (infeasible, time limit) are in `result.status`; nothing is thrown for them.
 * @example const outcome = await runScenario(table, model); outcome.result.status // "optimal"
 */
export async function runScenario(table: SiteTable, model: ScenarioModel, options: RunScenarioOptions = {}): Promise<RunOutcome> {
  let t = performance.now();
  const started = t;
  const tell = (stage: RunStage, solve: { candidates: number; timeLimitMs: number } | null = null, result: OptimizeResult | null = null): void => {
    if (!options.onProgress) return;
    const solved = result !== null && isSolved(result) ? result : null;
    options.onProgress({
      stage,
      elapsedMs: performance.now() - started,
      ...(solve ?? {}),
      bestObjective: solved?.objective ?? null,
      bound: solved?.bound ?? null,
      gap: solved?.gap ?? null,
    });
  };
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  tell("screen");
  const layered = options.layers && options.layers.length > 0 ? applyLayers(table.sites, options.layers) : null;
  const screen = screenSites(layered?.sites ?? table.sites, model, layered?.exclusions);
  const screenMs = lap();
  tell("score");
  const ranked = scoreSites(screen.passed, model).sort(byScore);
  const weights = normalizeWeights(model);
  const scoreMs = lap();
  const problem = buildProblem(ranked, screen.readiness, model, options);
  const solving = { candidates: problem.candidates.length, timeLimitMs: problem.timeLimitMs };
  tell("solve", solving);
  const lockedOutOfReach = lockedInScreenedOut(screen, model);
  const result: OptimizeResult =
    lockedOutOfReach.length > 0
      ? infeasibleBeforeSolving(problem, lockedOutOfReach)
      : await optimize(problem, {
          ...(options.onModel ? { onModel: options.onModel } : {}),
          ...(options.onProgress
            ? {
                onProgress: (p: SolveProgress) =>
                  options.onProgress?.({
                    stage: "solve",
                    elapsedMs: performance.now() - started,
                    ...solving,
                    bestObjective: p.incumbent,
                    bound: p.bound,
                    gap: gapOf(p.incumbent, p.bound),
                  }),
              }
            : {}),
        });
  const solveMs = lap();
  tell("verify", solving, result);
  const verification = isSolved(result) ? verifySelection(problem, result.selected, result.plan) : null;
  const verifyMs = lap();
  const outcome: RunOutcome = {
    model,
    table,
    weights,
    screen,
    ranked,
    problem,
    result,
    verification,
    timingsMs: { screen: screenMs, score: scoreMs, solve: solveMs, verify: verifyMs },
  };
  const risk = await riskOfRun(outcome, options.riskWorkers !== undefined ? { workers: options.riskWorkers } : {});
  tell("done", solving, result);
  return risk === null ? outcome : { ...outcome, risk };
}

function lockedInScreenedOut(screen: ScreenResult, model: ScenarioModel): string[] {
  const wanted = new Set(model.optimization.lockedIn ?? []);
  const reasons: string[] = [];
  for (const id of wanted) {
    const excluded = screen.excluded.find((e) => e.site.siteId === id);
    if (excluded) reasons.push(`locked-in site ${id} is screened out: ${excluded.reasons.join("; ")}`);
    else if (!screen.passed.some((s) => s.siteId === id)) reasons.push(`locked-in site ${id} is not in the sites file`);
  }
  return reasons;
}

function infeasibleBeforeSolving(problem: OptimizationProblem, reasons: readonly string[]): OptimizeResult {
  return {
    status: "infeasible",
    reasons,
    stats: {
      solver: problem.solver,
      formulation: "none (infeasible before solving)",
      candidates: problem.candidates.length,
      candidatesAfterReduction: problem.candidates.length,
      variables: 0,
      constraints: 0,
      conflictEdges: 0,
      cliqueRows: 0,
      nodes: null,
      buildMs: 0,
      solveMs: 0,
      steps: [],
    },
  };
}

/** The optimizer's types that readers of a run name (report/ takes them from here, never from optimize/). */
export type { ObjectivePart, ProblemObjective } from "../optimize/types.ts";

/** A result with a selection: optimal, or the best found within the time limit. */
export type SolvedResult = Extract<OptimizeResult, { readonly status: "optimal" | "time_limit" }>;

/** The run's result when it has a selection, else null. @example solvedResult(outcome)?.objective // 715.07 */
export function solvedResult(outcome: RunOutcome): SolvedResult | null {
  const r = outcome.result;
  return isSolved(r) ? r : null;
}

/** Selected site ids of a run (empty without a solution). */
export function selectedIds(outcome: RunOutcome): ReadonlySet<SiteId> {
  const r = outcome.result;
  return new Set(isSolved(r) ? r.selected : []);
}

/** Capex of a run's selection, $B (the budget used), with or without a plan; null without a solution. */
export function budgetUsedBn(outcome: RunOutcome): number | null {
  const r = outcome.result;
  return isSolved(r) ? selectionCapexBn(outcome.problem.candidates, r.selected) : null;
}
