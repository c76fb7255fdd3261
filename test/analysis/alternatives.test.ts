import { describe, expect, it } from "vitest";
import { findAlternatives } from "../../src/analysis/alternatives.ts";
import { seededRandom } from "../../src/core/random.ts";
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { enumerateOptimum } from "../optimize/enumerate.ts";
import { randomProblem } from "../optimize/generate.ts";

/**
 * Every feasible selection of a schedule-free instance, best first, by brute force with no code
 * from src/optimize: budget, caps, spacing (haversine), locked-in sites and the minCost score floor.
 */
function allSelections(problem: OptimizationProblem): { objective: number; ids: string[] }[] {
  const sites = problem.candidates;
  const n = problem.sitesToSelect;
  const rad = Math.PI / 180;
  const km = (a: Candidate, b: Candidate): number => {
    const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.sin(((b.lon - a.lon) * rad) / 2) ** 2 * Math.cos(a.lat * rad) * Math.cos(b.lat * rad);
    return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * 6371.0088;
  };
  const out: { objective: number; ids: string[] }[] = [];
  const chosen: Candidate[] = [];
  const feasible = (): boolean => {
    if (sites.some((c) => c.lockedIn && !chosen.includes(c))) return false;
    if (chosen.reduce((s, c) => s + c.capexBn, 0) > problem.budgetBn + 1e-9) return false;
    for (const [caps, key] of [
      [problem.regionCaps, (c: Candidate) => c.region],
      [problem.gridZoneCaps, (c: Candidate) => c.gridZone],
    ] as const) {
      for (const [name, cap] of caps) if (chosen.filter((c) => key(c) === name).length > cap) return false;
    }
    for (let i = 0; i < chosen.length; i++)
      for (let j = i + 1; j < chosen.length; j++) if (km(chosen[i] as Candidate, chosen[j] as Candidate) < problem.minSpacingKm) return false;
    if (problem.objective.kind === "minCost" && chosen.reduce((s, c) => s + c.score, 0) < n * problem.objective.minAverageScore - 1e-9) return false;
    return true;
  };
  const walk = (start: number): void => {
    if (chosen.length === n) {
      if (feasible()) {
        const objective = chosen.reduce((s, c) => s + (problem.objective.kind === "minCost" ? c.annualCostBn : c.score), 0);
        out.push({ objective, ids: chosen.map((c) => c.siteId as string).sort() });
      }
      return;
    }
    for (let i = start; i < sites.length; i++) {
      chosen.push(sites[i] as Candidate);
      walk(i + 1);
      chosen.pop();
    }
  };
  walk(0);
  return out.sort((a, b) => (problem.objective.kind === "minCost" ? a.objective - b.objective : b.objective - a.objective));
}

function instance(seed: number): OptimizationProblem {
  const rng = seededRandom(seed);
  const sites = rng.int(8, 11);
  return randomProblem(rng, {
    sites,
    pick: rng.int(2, 4),
    budget: rng.next() < 0.7,
    regionCaps: rng.next() < 0.5,
    zoneCaps: rng.next() < 0.4,
    spacingKm: rng.pick([0, 100, 300]),
    lockedIn: rng.next() < 0.2 ? 1 : 0,
    months: 0,
    objective: rng.next() < 0.3 ? "minCost" : "maxScore",
    cashRule: false,
    bridge: false,
    zoneLimit: false,
  });
}

/**
 * The k best selections by Murty's partitioning over the brute-force optimum of
 * test/optimize/enumerate.ts (which checks slots and the cash rule too): after the best S of a
 * node (in I, out E), its children force S's first j−1 sites in and its j-th site out.
 */
function kBestByPartitioning(problem: OptimizationProblem, k: number): number[] {
  type Node = { readonly objective: number; readonly ids: readonly string[]; readonly lockedIn: ReadonlySet<string>; readonly out: ReadonlySet<string> };
  const maximize = problem.objective.kind !== "minCost";
  const solveNode = (lockedIn: ReadonlySet<string>, out: ReadonlySet<string>): Node | null => {
    const candidates = problem.candidates.filter((c) => !out.has(c.siteId)).map((c) => (lockedIn.has(c.siteId) ? { ...c, lockedIn: true } : c));
    const best = enumerateOptimum({ ...problem, candidates });
    return best.status === "optimal" ? { objective: best.objective, ids: best.ids, lockedIn, out } : null;
  };
  const queue: Node[] = [];
  const first = solveNode(new Set(), new Set());
  if (first) queue.push(first);
  const found: number[] = [];
  while (queue.length > 0 && found.length < k) {
    queue.sort((a, b) => (maximize ? b.objective - a.objective : a.objective - b.objective));
    const node = queue.shift() as Node;
    found.push(node.objective);
    const free = node.ids.filter((id) => !node.lockedIn.has(id));
    free.forEach((id, j) => {
      const child = solveNode(new Set([...node.lockedIn, ...free.slice(0, j)]), new Set([...node.out, id]));
      if (child) queue.push(child);
    });
  }
  return found;
}

describe("alternatives", () => {
  it("with milestones and the monthly cash rule, equals the k best found by partitioning over the brute-force optimum", async () => {
    let compared = 0;
    for (let seed = 101; seed <= 125; seed++) {
      const rng = seededRandom(seed);
      const problem = randomProblem(rng, {
        sites: rng.int(6, 8),
        pick: 3,
        budget: rng.next() < 0.6,
        regionCaps: rng.next() < 0.4,
        zoneCaps: false,
        spacingKm: rng.pick([0, 200]),
        lockedIn: 0,
        months: rng.int(6, 9),
        cashRule: true,
        bridge: false,
        zoneLimit: false,
        objective: rng.next() < 0.3 ? "minCost" : rng.next() < 0.5 ? "maxScoreBonus" : "maxScore",
      });
      const expected = kBestByPartitioning(problem, 4);
      const { alternatives } = await findAlternatives(problem, { k: 4 });
      expectApprox(
        alternatives.map((a) => a.objective),
        expected,
        { abs: 1e-6 },
      );
      if (expected.length > 1) compared++;
    }
    expect(compared).toBeGreaterThan(5);
  }, 120_000);

  it("equals the k best selections found by enumeration on small instances", async () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const problem = instance(seed);
      const reference = allSelections(problem);
      const k = 5;
      const { alternatives, stoppedBecause } = await findAlternatives(problem, { k });
      const expected = reference.slice(0, k);
      expect(alternatives.length, `seed ${seed}`).toBe(expected.length);
      expectApprox(
        alternatives.map((a) => a.objective),
        expected.map((e) => e.objective),
        { abs: 1e-6 },
      );
      // Exactly k feasible selections: the k-th is found and the search stops there, having reached k.
      expect(stoppedBecause).toBe(reference.length >= k ? "k_reached" : "exhausted");
      const keys = alternatives.map((a) => [...a.selected].sort().join(","));
      expect(new Set(keys).size, `seed ${seed}: selections must be distinct`).toBe(keys.length);
      const feasibleKeys = new Set(reference.map((r) => r.ids.join(",")));
      for (const key of keys) expect(feasibleKeys.has(key), `seed ${seed}: ${key} is not feasible`).toBe(true);
      if (alternatives.length > 1) compared++;
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it("stops when the next selection falls outside the tolerance", async () => {
    for (let seed = 41; seed <= 60; seed++) {
      const problem = instance(seed);
      const reference = allSelections(problem);
      const best = reference[0];
      if (!best) continue;
      const within = 0.01;
      const inside = reference.filter((r) => Math.abs(r.objective - best.objective) / Math.max(1, Math.abs(best.objective)) <= within + 1e-12);
      const { alternatives } = await findAlternatives(problem, { k: 50, withinFraction: within });
      expect(alternatives.length, `seed ${seed}`).toBe(inside.length);
      for (const a of alternatives) expect(a.lossFraction).toBeLessThanOrEqual(within + 1e-12);
    }
  }, 120_000);

  it("reports the swaps against the best selection", async () => {
    const problem = instance(3);
    const { alternatives } = await findAlternatives(problem, { k: 3 });
    const best = new Set<string>(alternatives[0]?.selected ?? []);
    for (const a of alternatives) {
      const mine = new Set<string>(a.selected);
      expect([...a.out].sort()).toEqual([...best].filter((id) => !mine.has(id)).sort());
      expect([...a.in].sort()).toEqual([...mine].filter((id) => !best.has(id)).sort());
    }
  });
});
