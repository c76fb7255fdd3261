/**
 * The optimization problem of one run as JSON, for the bench's native-HiGHS comparator
 * (bench/plain_highs.py), which writes the plain time-indexed model from it with code of its own.
 */
import type { OptimizationProblem } from "../src/optimize/types.ts";

/** Screened, scored candidates and every rule of the dated model, in plain JSON. */
export function plainProblemJson(problem: OptimizationProblem): string {
  const t = problem.timeline;
  if (t === null) throw new Error("the stress set's problems are all dated");
  return JSON.stringify({
    sitesToSelect: problem.sitesToSelect,
    gwPerSite: problem.gwPerSite,
    budgetBn: problem.budgetBn,
    minSpacingKm: problem.minSpacingKm,
    regionCaps: Object.fromEntries(problem.regionCaps),
    gridZoneCaps: Object.fromEntries(problem.gridZoneCaps),
    objective: problem.objective,
    candidates: problem.candidates.map((c) => ({
      siteId: c.siteId,
      lat: c.lat,
      lon: c.lon,
      region: c.region,
      gridZone: c.gridZone,
      score: c.score,
      capexBn: c.capexBn,
      annualCostBn: c.annualCostBn,
      readyMonth: c.readyMonth,
      buildMonths: c.buildMonths,
      lockedIn: c.lockedIn,
    })),
    timeline: {
      months: t.calendar.months,
      milestones: t.milestones.map((m) => ({ index: m.index, month: m.month })),
      upfrontShare: t.draw.upfrontShare,
      cashRule: t.cashRuleEnforced,
      equityBn: t.cash.equityBn,
      trancheBn: t.cash.trancheBn,
      trancheCount: t.cash.trancheCount,
      lagMonths: t.cash.lagMonths,
      bridge: t.cash.bridge,
      zoneLimits: t.zoneLimits.map((z) => ({ gridZone: z.gridZone, maxSites: z.maxSites, month: z.month })),
    },
  });
}
