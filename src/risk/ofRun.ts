/**
 * A run's plan as a delay-risk evaluation: its dated sites, their uncertainty under the run's
 * model, and the evaluation's settings (samples and seed from the model, or the defaults).
 */
import type { OptimizationProblem, OptimizeResult } from "../optimize/types.ts";
import type { Readiness } from "../schedule/readiness.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import type { Site, SiteId } from "../sites/types.ts";
import { DEFAULT_RISK } from "../scenario/riskSchema.ts";
import { planRiskBase, type PlanRiskBase } from "./evaluate.ts";
import { uncertaintyOf } from "./uncertainty.ts";

/** What delay risk needs of a run (a pipeline `RunOutcome` is one). */
export interface RunForRisk {
  readonly model: ScenarioModel;
  readonly problem: OptimizationProblem;
  readonly result: OptimizeResult;
  /** Screened-in sites (each with its CSV row). */
  readonly ranked: readonly { readonly site: Site }[];
  readonly screen: { readonly readiness: ReadonlyMap<SiteId, Readiness> };
}

export type PlanRiskSetup = { readonly ok: true; readonly base: PlanRiskBase; readonly samples: number } | { readonly ok: false; readonly reason: string };

/**
 * The evaluation of a run's plan, or why there is none (no schedule, no plan).
 * @example const setup = planRiskOf(outcome); setup.ok && setup.samples // 10000
 */
export function planRiskOf(outcome: RunForRisk, overrides: { readonly samples?: number; readonly seed?: number } = {}): PlanRiskSetup {
  const { problem, result, model } = outcome;
  const timeline = problem.timeline;
  if (timeline === null || model.schedule === undefined) return { ok: false, reason: "the model has no schedule, so there are no dates to put at risk" };
  if (result.status !== "optimal" && result.status !== "time_limit") return { ok: false, reason: `the model has no plan to evaluate (${result.status})` };
  if (result.plan === null) return { ok: false, reason: "the run has no dated plan" };
  const chosen = new Set(result.plan.sites.map((s) => s.siteId as string));
  const sites = outcome.ranked.map((s) => s.site).filter((s) => chosen.has(s.siteId));
  const uncertainty = uncertaintyOf(model, timeline.calendar, sites, outcome.screen.readiness);
  const seed = overrides.seed ?? model.risk?.seed ?? DEFAULT_RISK.seed;
  const samples = overrides.samples ?? model.risk?.samples ?? DEFAULT_RISK.samples;
  return { ok: true, base: planRiskBase(timeline, result.plan, uncertainty, problem.gwPerSite, seed), samples };
}
