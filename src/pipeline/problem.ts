import type { Readiness } from "../schedule/readiness.ts";
import { dayOf } from "../schedule/dates.ts";
import { DEFAULT_FINANCING, type ScenarioModel } from "../scenario/schema.ts";
import { annualCost } from "../score/cost.ts";
import type { ScoredSite } from "../score/score.ts";
import type { SiteId } from "../sites/types.ts";
import type { Candidate, CashRule, OptimizationProblem, ProblemObjective, Slot } from "../optimize/types.ts";

/** Default solver time limit when the model sets none. */
export const DEFAULT_TIME_LIMIT_SECONDS = 60;

export interface ProblemOptions {
  readonly solver?: "jsLPSolver" | "highs";
  readonly timeLimitSeconds?: number;
}

/** The model's deployment slots in date order, numbered from 1. */
export function slotsOf(model: ScenarioModel): Slot[] | null {
  if (!model.schedule) return null;
  return [...model.schedule.slots].sort().map((date, i) => ({ slot: i + 1, date, day: dayOf(date) }));
}

export function cashRuleOf(model: ScenarioModel): CashRule | null {
  const tranches = model.schedule?.tranches;
  if (!model.schedule || !tranches || !tranches.cashRule) return null;
  return {
    equityBn: tranches.equityBn,
    trancheBn: tranches.amountBn,
    trancheCount: tranches.count ?? model.schedule.slots.length,
  };
}

function capsFor(names: Iterable<string>, uniform: number | undefined, overrides: Record<string, number> | undefined): Map<string, number> {
  const caps = new Map<string, number>();
  for (const name of names) {
    const cap = overrides && Object.hasOwn(overrides, name) ? overrides[name] : uniform;
    if (cap !== undefined) caps.set(name, cap);
  }
  return caps;
}

/**
 * The optimizer's input from scored, screened sites and the model: capex for the site's GW,
 * yearly cost, online day, resolved caps, slots and the cash rule.
 * @example buildProblem(scored, screen.readiness, model).candidates.length
 */
export function buildProblem(
  scored: readonly ScoredSite[],
  readiness: ReadonlyMap<SiteId, Readiness>,
  model: ScenarioModel,
  options: ProblemOptions = {},
): OptimizationProblem {
  const opt = model.optimization;
  const financing = model.financing ?? DEFAULT_FINANCING;
  const lockedIn = new Set(opt.lockedIn ?? []);
  const candidates = scored.map((s): Candidate => {
    const r = readiness.get(s.site.siteId);
    return {
      siteId: s.site.siteId,
      lat: s.site.lat,
      lon: s.site.lon,
      region: s.site.region,
      gridZone: s.site.gridZone,
      score: s.overall,
      capexBn: s.site.capexBn * opt.gwPerSite,
      // Unknown cost only matters in minCost mode, where screening already dropped such sites.
      annualCostBn: annualCost(s.site, financing, opt.gwPerSite)?.totalBn ?? Number.POSITIVE_INFINITY,
      onlineDay: r?.kind === "dated" ? r.onlineDay : null,
      lockedIn: lockedIn.has(s.site.siteId),
    };
  });
  const objective: ProblemObjective =
    opt.objective?.kind === "minCost"
      ? { kind: "minCost", minAverageScore: opt.objective.minAverageScore }
      : { kind: "maxScore", earlyPowerPointsPerMonth: opt.objective?.earlyPowerPointsPerMonth ?? 0 };
  return {
    candidates,
    sitesToSelect: opt.sites,
    budgetBn: opt.budgetBn,
    regionCaps: capsFor(new Set(candidates.map((c) => c.region)), opt.caps?.perRegion, opt.caps?.regions),
    gridZoneCaps: capsFor(new Set(candidates.map((c) => c.gridZone)), opt.caps?.perGridZone, opt.caps?.gridZones),
    minSpacingKm: opt.minSpacingKm,
    slots: slotsOf(model),
    cash: cashRuleOf(model),
    objective,
    timeLimitMs: 1000 * (options.timeLimitSeconds ?? opt.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS),
    solver: options.solver ?? opt.solver ?? "jsLPSolver",
  };
}
