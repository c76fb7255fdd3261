/**
 * Building blocks of the hand-made instances in the optimizer tests: a site with defaults, and
 * a problem with no caps, no spacing, a $100B budget and maxScore without a bonus.
 */
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import { asSiteId } from "../../src/sites/types.ts";

/** A site at 35° N (longitude given), region R, zone Z, $10B, ready month 0, one build month. */
export function handSite(id: string, fields: Partial<Omit<Candidate, "siteId">> = {}): Candidate {
  return {
    siteId: asSiteId(id),
    lat: 35,
    lon: -100,
    region: "R",
    gridZone: "Z",
    score: 50,
    capexBn: 10,
    annualCostBn: 1,
    energyBnPerYear: 0,
    readyMonth: 0,
    buildMonths: 1,
    lockedIn: false,
    ...fields,
  };
}

/** A problem over the sites and timeline, picking as many sites as there are milestones. */
export function handProblem(candidates: readonly Candidate[], timeline: Timeline | null, fields: Partial<OptimizationProblem> = {}): OptimizationProblem {
  return {
    candidates,
    sitesToSelect: timeline?.milestones.length ?? 3,
    gwPerSite: 1,
    budgetBn: 100,
    regionCaps: new Map(),
    gridZoneCaps: new Map(),
    minSpacingKm: 0,
    timeline,
    objective: { kind: "maxScore", earlyPowerPointsPerMonth: 0, scoreTolerancePct: 0 },
    timeLimitMs: 20_000,
    solver: "highs",
    ...fields,
  };
}

/** Milestones k = 1..n at the given months, dated the first of each month from 2026-01. */
export function milestonesAt(...months: number[]): Timeline["milestones"] {
  return months.map((month, k) => {
    const index = 2026 * 12 + month;
    return { index: k + 1, date: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`, month };
  });
}
