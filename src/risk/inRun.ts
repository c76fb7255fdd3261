/**
 * The delay-risk section of a run: the evaluation of the run's plan when the model asks for it
 * (`risk.inRun`, or `risk.robust`), for run.json, summary.md, the terminal, risk.csv and the report.
 */
import { optimize } from "../optimize/solve.ts";
import { isSolved, type Candidate, type OptimizationProblem } from "../optimize/types.ts";
import type { Plan } from "../schedule/types.ts";
import { scenariosMet } from "../optimize/verifyScenarios.ts";
import { DEFAULT_RISK } from "../scenario/riskSchema.ts";
import { evaluatePlanRisk } from "./evaluateRun.ts";
import { planRiskBase } from "./evaluate.ts";
import { planRiskOf, type RunForRisk } from "./ofRun.ts";
import type { RobustOutcome } from "./robust.ts";
import type { RiskSummary } from "./summary.ts";
import { uncertaintyOf } from "./uncertainty.ts";

export interface RunRisk {
  /** The plan's evaluation. */
  readonly summary: RiskSummary;
  /** With `risk.robust`: the robust plan's figures against the deterministic plan's. */
  readonly robust: RobustOutcome | null;
  /** Wall time of the evaluation (and the deterministic re-solve of robust planning), ms. */
  readonly ms: number;
}

/** Scenarios of the problem a plan meets, counted by the verifier's own code. */
function metBy(problem: OptimizationProblem, plan: Plan): number {
  const rule = problem.scenarios;
  if (rule === undefined || problem.timeline === null) return 0;
  const goLive = new Map(plan.sites.map((s) => [s.siteId as string, s.goLiveMonth]));
  const chosen = problem.candidates.filter((c: Candidate) => goLive.has(c.siteId));
  return scenariosMet(problem.timeline, chosen, goLive, rule.count);
}

/**
 * The run's risk section, or null when the model does not ask for one or there is no plan.
 * @example (await riskOfRun(outcome))?.summary.probabilityAllMet
 */
export async function riskOfRun(outcome: RunForRisk, options: { readonly workers?: number } = {}): Promise<RunRisk | null> {
  const risk = outcome.model.risk;
  if (risk?.inRun !== true && risk?.robust === undefined) return null;
  const started = performance.now();
  const setup = planRiskOf(outcome);
  if (!setup.ok) return null;
  const workers = options.workers ?? 0;
  const run = await evaluatePlanRisk(setup.base, { samples: setup.samples, workers });
  const robust = risk.robust === undefined ? null : await robustOutcome(outcome, run.summary, setup.samples, setup.base.seed, workers);
  return { summary: run.summary, robust, ms: performance.now() - started };
}

async function robustOutcome(outcome: RunForRisk, outOfSample: RiskSummary, samples: number, seed: number, workers: number): Promise<RobustOutcome | null> {
  const { problem, result, model } = outcome;
  const spec = model.risk?.robust;
  const rule = problem.scenarios;
  if (spec === undefined || rule === undefined || !isSolved(result) || result.plan === null || problem.timeline === null) return null;
  // The deterministic plan: the same problem without the scenario rows, in one stage as the robust
  // plan is (the price of robustness is a difference of best scores).
  const { scenarios: _dropped, ...withoutScenarios } = problem;
  const deterministic = await optimize({ ...withoutScenarios, scoreOnly: true });
  let det: RobustOutcome["deterministic"] = null;
  if (isSolved(deterministic) && deterministic.plan !== null) {
    const chosen = new Set(deterministic.plan.sites.map((s) => s.siteId as string));
    const sites = outcome.ranked.map((s) => s.site).filter((s) => chosen.has(s.siteId));
    const base = planRiskBase(
      problem.timeline,
      deterministic.plan,
      uncertaintyOf(model, problem.timeline.calendar, sites, outcome.screen.readiness),
      problem.gwPerSite,
      seed,
    );
    const evaluated = await evaluatePlanRisk(base, { samples, workers });
    det = {
      objective: deterministic.objective,
      selected: deterministic.selected,
      scenariosMet: metBy(problem, deterministic.plan),
      outOfSample: evaluated.summary,
    };
  }
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  return {
    alpha: spec.alpha,
    scenarios: rule.count,
    requiredScenarios: rule.required,
    seed: spec.seed ?? DEFAULT_RISK.robustSeed,
    scenariosMet: metBy(problem, result.plan),
    outOfSample,
    deterministic: det,
    priceOfRobustness: det === null ? null : sign * (det.objective - result.objective),
  };
}
