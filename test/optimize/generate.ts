import type { Random } from "../../src/core/random.ts";
import { asSiteId } from "../../src/sites/types.ts";
import type { Candidate, OptimizationProblem, Slot } from "../../src/optimize/types.ts";

/** Which constraint groups a generated instance switches on. */
export interface InstanceMix {
  readonly sites: number;
  readonly pick: number;
  readonly budget: boolean;
  readonly regionCaps: boolean;
  readonly zoneCaps: boolean;
  readonly spacingKm: number;
  readonly lockedIn: number;
  readonly slots: boolean;
  readonly cash: boolean;
  readonly minCost: boolean;
  readonly earlyPower: boolean;
  /** Half-width of the square the sites fall in, degrees (small = crowded). */
  readonly spreadDeg: number;
}

const DAY_2026_07_01 = 20635;

function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** A random mix of constraint groups, sized between the given bounds. */
export function randomMix(rng: Random, minSites: number, maxSites: number, minPick: number, maxPick: number): InstanceMix {
  const sites = rng.int(minSites, maxSites);
  const pick = Math.min(sites, rng.int(minPick, maxPick));
  return {
    sites,
    pick,
    budget: rng.next() < 0.7,
    regionCaps: rng.next() < 0.5,
    zoneCaps: rng.next() < 0.4,
    spacingKm: rng.next() < 0.6 ? rng.pick([100, 200, 300, 500]) : 0,
    lockedIn: rng.next() < 0.25 ? rng.int(1, 2) : 0,
    slots: rng.next() < 0.6,
    cash: rng.next() < 0.5,
    minCost: rng.next() < 0.3,
    earlyPower: rng.next() < 0.5,
    spreadDeg: rng.pick([3, 6, 12]),
  };
}

/**
 * A random optimization problem. Budgets, caps and cash are set around what a typical pick
 * needs, so that some instances are tight, some loose and some infeasible.
 */
export function randomProblem(rng: Random, mix: InstanceMix): OptimizationProblem {
  const regions = ["North", "South", "East", "West"];
  const zones = ["ZA", "ZB", "ZC"];
  const candidates: Candidate[] = [];
  for (let i = 0; i < mix.sites; i++) {
    candidates.push({
      siteId: asSiteId(`S${String(i).padStart(4, "0")}`),
      lat: 39 + rng.uniform(-mix.spreadDeg, mix.spreadDeg) * 0.6,
      lon: -98 + rng.uniform(-mix.spreadDeg, mix.spreadDeg),
      region: rng.pick(regions),
      gridZone: rng.pick(zones),
      score: Math.round(rng.uniform(30, 95) * 10) / 10,
      capexBn: Math.round(rng.uniform(6, 14) * 100) / 100,
      annualCostBn: Math.round(rng.uniform(0.5, 2) * 1000) / 1000,
      onlineDay: rng.next() < 0.05 ? null : DAY_2026_07_01 + rng.int(0, 4 * 365),
      lockedIn: false,
    });
  }
  for (let l = 0; l < mix.lockedIn && candidates.length > 0; l++) {
    const i = rng.int(0, candidates.length - 1);
    candidates[i] = { ...(candidates[i] as Candidate), lockedIn: true };
  }
  const n = mix.pick;
  const slots: Slot[] | null = mix.slots
    ? Array.from({ length: n }, (_, k) => {
        const day = DAY_2026_07_01 + 120 + Math.round(((k + rng.next() * 0.5) * 3.2 * 365) / Math.max(1, n));
        return { slot: k + 1, date: isoOfDay(day), day };
      })
    : null;
  const capCount = (): number => Math.max(1, Math.ceil(n / rng.int(2, 4)));
  return {
    candidates,
    sitesToSelect: n,
    budgetBn: mix.budget ? Math.round(n * rng.uniform(7, 10.5) * 10) / 10 : 1e6,
    regionCaps: new Map(mix.regionCaps ? regions.filter(() => rng.next() < 0.7).map((r) => [r, capCount()]) : []),
    gridZoneCaps: new Map(mix.zoneCaps ? zones.filter(() => rng.next() < 0.7).map((z) => [z, capCount()]) : []),
    minSpacingKm: mix.spacingKm,
    slots,
    cash:
      mix.slots && mix.cash
        ? { equityBn: Math.round(rng.uniform(8, 25) * 10) / 10, trancheBn: Math.round(rng.uniform(7, 11) * 10) / 10, trancheCount: rng.int(Math.max(0, n - 2), n) }
        : null,
    objective: mix.minCost
      ? { kind: "minCost", minAverageScore: Math.round(rng.uniform(50, 75)) }
      : { kind: "maxScore", earlyPowerPointsPerMonth: mix.earlyPower ? Math.round(rng.uniform(0, 2) * 100) / 100 : 0 },
    timeLimitMs: 60_000,
    solver: "jsLPSolver",
  };
}
