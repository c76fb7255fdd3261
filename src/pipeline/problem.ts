import type { Readiness } from "../schedule/readiness.ts";
import { firstMonthOnOrAfter, milestoneMonth, monthOfDate, planCalendar } from "../schedule/calendar.ts";
import { DEFAULT_FINANCING, type ScenarioModel } from "../scenario/schema.ts";
import { annualCost } from "../finance/cost.ts";
import { DEFAULT_ENGINE } from "../optimize/solve.ts";
import type { ScoredSite } from "../score/score.ts";
import type { SiteId } from "../sites/types.ts";
import type { Candidate, OptimizationProblem, ProblemObjective } from "../optimize/types.ts";
import type { CapitalStack, Timeline } from "../schedule/types.ts";
import { scenariosOf } from "../risk/scenarios.ts";

/**
 * Default tolerance of maxScore's second stage, % of the best total score. Scores are flat at
 * the top (the bundled data's five best selections are within 0.14% of each other), so a
 * tolerance of that order lets the dates choose among selections the scores cannot tell apart,
 * while a plan is never more than 0.2% (about 1.4 points in 700) below the best score.
 */
export const DEFAULT_SCORE_TOLERANCE_PCT = 0.2;

/** Default solver time limit when the model sets none. */
export const DEFAULT_TIME_LIMIT_SECONDS = 60;

export interface ProblemOptions {
  readonly solver?: "jsLPSolver" | "highs";
  readonly timeLimitSeconds?: number;
}

/**
 * The model's dated part: calendar (start to the last milestone's month), milestones, draw
 * profile, cash rule and zone limits; null without a schedule.
 * @example timelineOf(model)?.calendar.months // 60 for 2025-01 .. 2029-12
 */
export function timelineOf(model: ScenarioModel): Timeline | null {
  const schedule = model.schedule;
  if (!schedule) return null;
  const dates = [...schedule.milestones].sort();
  const calendar = planCalendar(schedule);
  const tranches = schedule.tranches;
  const gw = model.optimization.gwPerSite;
  return {
    calendar,
    milestones: dates.map((date, i) => ({ index: i + 1, date, month: milestoneMonth(calendar, date) })),
    draw: { upfrontShare: schedule.capexDraw?.upfrontShare ?? 0 },
    cash: {
      equityBn: tranches?.equityBn ?? 0,
      trancheBn: tranches?.amountBn ?? 0,
      trancheCount: tranches?.count ?? schedule.milestones.length,
      lagMonths: tranches?.lagMonths ?? 0,
      bridge: tranches?.bridge ? { limitBn: tranches.bridge.limitBn, monthlyRate: tranches.bridge.ratePctPerYear / 1200 } : null,
      trancheUses: tranches?.uses ?? "any",
      signingMonth: tranches?.firstOnSigning === undefined ? null : Math.max(0, monthOfDate(calendar, tranches.firstOnSigning)),
    },
    stack: stackOf(model),
    cashRuleEnforced: tranches?.cashRule === true,
    // A limit in GW allows whole sites only: 2.5 GW at 1 GW per site is 2 sites.
    zoneLimits: (schedule.zoneLimits ?? []).map((z) => ({
      gridZone: z.gridZone,
      maxSites: Math.floor(z.maxGw / gw + 1e-9),
      date: z.by,
      month: milestoneMonth(calendar, z.by),
    })),
  };
}

/** The model's capital stack; every part absent is zero (the plain cash rule). */
function stackOf(model: ScenarioModel): CapitalStack {
  const spec = model.schedule?.capitalStack;
  const debt = spec?.debt;
  const it = spec?.itCapex;
  return {
    contingencyShare: spec?.contingencyShare ?? 0,
    debt:
      debt === undefined
        ? null
        : {
            loanToCost: debt.loanToCost,
            monthlyRate: debt.ratePctPerYear / 1200,
            arrangementFeeShare: (debt.arrangementFeePct ?? 0) / 100,
            draw: debt.draw ?? "proRata",
          },
    itCapex: it === undefined ? null : { bnPerSite: it.bnPerGw * model.optimization.gwPerSite, deliveryMonths: it.deliveryMonths },
    holdCostBnPerMonth: spec?.holdCostBnPerMonth ?? 0,
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
  const timeline = timelineOf(model);
  const candidates = scored.map((s): Candidate => {
    const r = readiness.get(s.site.siteId);
    const cost = annualCost(s.site, financing, opt.gwPerSite, opt.gwIs ?? "itLoad");
    return {
      siteId: s.site.siteId,
      lat: s.site.lat,
      lon: s.site.lon,
      region: s.site.region,
      gridZone: s.site.gridZone,
      score: s.overall,
      capexBn: s.site.capexBn * opt.gwPerSite,
      // Unknown cost only matters in minCost mode, where screening already dropped such sites.
      annualCostBn: cost?.totalBn ?? Number.POSITIVE_INFINITY,
      energyBnPerYear: cost?.energyBn ?? Number.POSITIVE_INFINITY,
      readyMonth: timeline !== null && r?.kind === "dated" ? firstMonthOnOrAfter(timeline.calendar, r.readyDay) : null,
      buildMonths: r?.buildMonths ?? model.schedule?.buildMonths ?? 0,
      lockedIn: lockedIn.has(s.site.siteId),
    };
  });
  const objective = problemObjective(model);
  const sampled =
    timeline === null
      ? null
      : scenariosOf(
          model,
          timeline.calendar,
          scored.map((s) => s.site),
          readiness,
        );
  return {
    candidates:
      sampled === null
        ? candidates
        : candidates.map((c) => {
            const months = sampled.readyMonths.get(c.siteId);
            const builds = sampled.buildMonths.get(c.siteId);
            return months === undefined || builds === undefined ? c : { ...c, scenarioReadyMonths: months, scenarioBuildMonths: builds };
          }),
    ...(sampled === null ? {} : { scenarios: sampled.rule }),
    sitesToSelect: opt.sites,
    budgetBn: opt.budgetBn,
    regionCaps: capsFor(new Set(candidates.map((c) => c.region)), opt.caps?.perRegion, opt.caps?.regions),
    gridZoneCaps: capsFor(new Set(candidates.map((c) => c.gridZone)), opt.caps?.perGridZone, opt.caps?.gridZones),
    minSpacingKm: opt.minSpacingKm,
    gwPerSite: opt.gwPerSite,
    timeline,
    objective,
    timeLimitMs: 1000 * (options.timeLimitSeconds ?? opt.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS),
    solver: options.solver ?? opt.solver ?? DEFAULT_ENGINE,
  };
}

/** The model's objective as the optimizer takes it (default: maxScore without a bonus). */
export function problemObjective(model: ScenarioModel): ProblemObjective {
  const objective = model.optimization.objective;
  switch (objective?.kind) {
    case "minCost":
      return { kind: "minCost", minAverageScore: objective.minAverageScore };
    case "maxGwMonths":
      return { kind: "maxGwMonths" };
    case "npv":
      return {
        kind: "npv",
        valueBnPerGwMonth: objective.valueBnPerGwMonth,
        discountRatePctPerYear: objective.discountRatePctPerYear,
        opexBnPerGwMonth: objective.opexBnPerGwMonth ?? 0,
        minAverageScore: objective.minAverageScore ?? 0,
      };
    default:
      return {
        kind: "maxScore",
        earlyPowerPointsPerMonth: objective?.earlyPowerPointsPerMonth ?? 0,
        scoreTolerancePct: objective?.scoreTolerancePct ?? DEFAULT_SCORE_TOLERANCE_PCT,
        ...(objective?.kind === "maxScore" && objective.gwMonthsStage === false ? { gwMonthsStage: false } : {}),
      };
  }
}
