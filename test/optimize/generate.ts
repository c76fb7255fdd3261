/**
 * Seeded random instances of the dated site-selection problem, small enough for exhaustive
 * enumeration or a plain time-indexed HiGHS model. Budgets, caps, milestones and cash are set
 * around what a typical plan needs, so that some instances are loose, some bind and some are
 * infeasible.
 */
import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import type { Random } from "../../src/core/random.ts";
import type { Candidate, OptimizationProblem, ProblemObjective } from "../../src/optimize/types.ts";
import type { CashRule, Timeline } from "../../src/schedule/types.ts";
import { asSiteId } from "../../src/sites/types.ts";

export type ObjectiveKind = "maxScore" | "maxScoreBonus" | "maxGwMonths" | "npv" | "minCost";
export const OBJECTIVE_KINDS: readonly ObjectiveKind[] = ["maxScore", "maxScoreBonus", "maxGwMonths", "npv", "minCost"];

/** Which constraint groups a generated instance switches on. */
export interface InstanceMix {
  readonly sites: number;
  readonly pick: number;
  /** Calendar months (month 0 .. months − 1); 0 = no timeline (selection only). */
  readonly months: number;
  readonly objective: ObjectiveKind;
  readonly cashRule: boolean;
  readonly bridge: boolean;
  readonly zoneLimit: boolean;
  readonly budget: boolean;
  readonly regionCaps: boolean;
  readonly zoneCaps: boolean;
  readonly spacingKm: number;
  readonly lockedIn: number;
}

/** A random mix around the given sizes; the objective and cash rule are the caller's. */
export function randomMix(
  rng: Random,
  sizes: { sites: [number, number]; pick: [number, number]; months: [number, number] },
  objective: ObjectiveKind,
  cashRule: boolean,
): InstanceMix {
  const sites = rng.int(...sizes.sites);
  return {
    sites,
    pick: Math.min(sites, rng.int(...sizes.pick)),
    months: rng.int(...sizes.months),
    objective,
    cashRule,
    bridge: cashRule && rng.next() < 0.3,
    zoneLimit: rng.next() < 0.25,
    budget: rng.next() < 0.6,
    regionCaps: rng.next() < 0.35,
    zoneCaps: rng.next() < 0.25,
    spacingKm: rng.next() < 0.4 ? rng.pick([150, 300]) : 0,
    lockedIn: rng.next() < 0.15 ? 1 : 0,
  };
}

const REGIONS = ["North", "South", "East"];
const ZONES = ["ZA", "ZB"];
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function objectiveOf(rng: Random, kind: ObjectiveKind): ProblemObjective {
  switch (kind) {
    case "maxScore":
      return { kind: "maxScore", earlyPowerPointsPerMonth: 0, scoreTolerancePct: 0 };
    case "maxScoreBonus":
      return { kind: "maxScore", earlyPowerPointsPerMonth: round(rng.uniform(0.2, 4), 2), scoreTolerancePct: 0 };
    case "maxGwMonths":
      return { kind: "maxGwMonths" };
    case "npv": {
      const valueBnPerGwMonth = round(rng.uniform(0.3, 1.5), 2);
      return {
        kind: "npv",
        valueBnPerGwMonth,
        discountRatePctPerYear: round(rng.uniform(0, 15), 1),
        opexBnPerGwMonth: round(valueBnPerGwMonth * 0.02, 4),
        minAverageScore: 0,
      };
    }
    case "minCost":
      return { kind: "minCost", minAverageScore: Math.round(rng.uniform(40, 70)) };
  }
}

/** `YYYY-MM-DD` of month m after January 2026 (day 1, or mid-month). */
function dateOf(month: number, day: "01" | "15"): string {
  const index = 2026 * 12 + month;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-${day}`;
}

/** A random optimization problem of the given mix. */
export function randomProblem(rng: Random, mix: InstanceMix): OptimizationProblem {
  const dated = mix.months > 0;
  const last = mix.months - 1;
  const candidates: Candidate[] = [];
  for (let i = 0; i < mix.sites; i++) {
    const buildMonths = rng.int(1, Math.max(1, Math.min(6, last)));
    candidates.push({
      siteId: asSiteId(`S${String(i).padStart(2, "0")}`),
      lat: 39 + rng.uniform(-4, 4),
      lon: -98 + rng.uniform(-6, 6),
      region: rng.pick(REGIONS),
      gridZone: rng.pick(ZONES),
      score: round(rng.uniform(30, 95), 1),
      capexBn: round(rng.uniform(4, 12), 2),
      annualCostBn: round(rng.uniform(0.5, 2), 3),
      energyBnPerYear: 0,
      // A few sites are already under construction (ready before month 0), a few too late, a few undated.
      readyMonth: !dated ? null : rng.next() < 0.04 ? null : rng.int(-2, last + 1),
      buildMonths,
      lockedIn: false,
    });
  }
  // Energy is derived, not drawn, so that the seeded instances stay what they were.
  candidates.forEach((c, i) => {
    candidates[i] = { ...c, energyBnPerYear: round(c.annualCostBn * 0.4, 3) };
  });
  for (let l = 0; l < mix.lockedIn; l++) {
    const i = rng.int(0, candidates.length - 1);
    candidates[i] = { ...(candidates[i] as Candidate), lockedIn: true };
  }
  const n = mix.pick;
  const meanCapex = candidates.reduce((s, c) => s + c.capexBn, 0) / candidates.length;
  const capCount = (): number => Math.max(1, Math.ceil(n / rng.int(2, 3)));
  let timeline: Timeline | null = null;
  if (dated) {
    const months = [...Array.from({ length: n - 1 }, () => rng.int(Math.min(1, last), last)), last].sort((a, b) => a - b);
    const milestones = months.map((m, k) => {
      const date = dateOf(m, rng.next() < 0.5 ? "01" : "15");
      return { index: k + 1, date, month: m };
    });
    const cash: CashRule = {
      equityBn: round(meanCapex * rng.uniform(0.7, 1.8), 2),
      trancheBn: round(meanCapex * rng.uniform(0.5, 1.2), 2),
      trancheCount: rng.int(Math.max(1, n - 1), n + 1),
      lagMonths: rng.pick([0, 0, 1, 2]),
      bridge: mix.bridge ? { limitBn: round(rng.uniform(1, 6), 2), monthlyRate: round(rng.uniform(0, 0.02), 4) } : null,
      trancheUses: "any",
      signingMonth: null,
    };
    const zoneMonth = rng.int(0, last);
    timeline = {
      calendar: { startDate: "2026-01-01", months: mix.months },
      milestones,
      draw: { upfrontShare: rng.pick([0, 0.2, round(rng.uniform(0, 0.5), 2)]) },
      cash,
      stack: PLAIN_STACK,
      cashRuleEnforced: mix.cashRule,
      zoneLimits: mix.zoneLimit
        ? [{ gridZone: rng.pick(ZONES), maxSites: rng.int(0, Math.max(0, n - 1)), date: dateOf(zoneMonth, "15"), month: zoneMonth }]
        : [],
    };
  }
  return {
    candidates,
    sitesToSelect: n,
    gwPerSite: rng.next() < 0.8 ? 1 : 2,
    budgetBn: mix.budget ? round(n * meanCapex * rng.uniform(0.8, 1.2), 1) : 1e6,
    regionCaps: new Map(mix.regionCaps ? REGIONS.filter(() => rng.next() < 0.7).map((r) => [r, capCount()]) : []),
    gridZoneCaps: new Map(mix.zoneCaps ? ZONES.filter(() => rng.next() < 0.7).map((z) => [z, capCount()]) : []),
    minSpacingKm: mix.spacingKm,
    timeline,
    objective: objectiveOf(rng, mix.objective),
    timeLimitMs: 60_000,
    solver: "highs",
  };
}
