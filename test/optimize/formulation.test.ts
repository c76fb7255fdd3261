import { distance } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { cliqueCover, cliquePartition, conflictEdges } from "../../src/optimize/conflicts.ts";
import { reduceCandidates } from "../../src/optimize/reduce.ts";
import { optimize, optimizeAsync, type OptimizeOptions } from "../../src/optimize/solve.ts";
import type { OptimizationProblem, OptimizeResult } from "../../src/optimize/types.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { randomMix, randomProblem } from "./generate.ts";

function bruteForceEdges(points: readonly { lat: number; lon: number }[], km: number): string[] {
  const edges: string[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as { lat: number; lon: number };
      const b = points[j] as { lat: number; lon: number };
      if (distance([a.lon, a.lat], [b.lon, b.lat], { units: "kilometers" }) < km) edges.push(`${i}-${j}`);
    }
  }
  return edges;
}

/** Same status and (for solved ones) the same objective within 1e-6 relative. */
function sameAnswer(a: OptimizeResult, b: OptimizeResult): string | null {
  if (a.status !== b.status) return `status ${a.status} vs ${b.status}`;
  if ((a.status === "optimal" || a.status === "time_limit") && (b.status === "optimal" || b.status === "time_limit")) {
    return approxMismatch(a.objective, b.objective, { rel: 1e-6, abs: 1e-6 });
  }
  return null;
}

describe("conflict graph and clique cover", () => {
  it("finds exactly the pairs closer than the spacing, and every clique row is a clique covering them all", () => {
    const rng = seededRandom(7);
    for (const [count, spreadDeg, km] of [
      [150, 8, 150],
      [200, 12, 300],
      [120, 3, 100],
      [80, 20, 500],
    ] as const) {
      const points = Array.from({ length: count }, () => ({ lat: 39 + rng.uniform(-spreadDeg, spreadDeg) * 0.6, lon: -98 + rng.uniform(-spreadDeg, spreadDeg) }));
      const edges = conflictEdges(points, km);
      expect(edges.map(([a, b]) => `${a}-${b}`).sort()).toEqual(bruteForceEdges(points, km).sort());
      expect(edges.length).toBeGreaterThan(count / 2);
      const conflict = new Set(edges.map(([a, b]) => `${a}-${b}`));
      const isEdge = (a: number, b: number): boolean => conflict.has(a < b ? `${a}-${b}` : `${b}-${a}`);
      const cliques = cliqueCover(points.length, edges);
      const covered = new Set<string>();
      for (const clique of cliques) {
        expect(clique.length).toBeGreaterThanOrEqual(2);
        for (const a of clique) for (const b of clique) if (a < b) {
          expect(isEdge(a, b)).toBe(true);
          covered.add(`${a}-${b}`);
        }
      }
      for (const e of conflict) expect(covered.has(e)).toBe(true);
      // Fewer rows than pairs is the point of the cover.
      expect(cliques.length).toBeLessThan(edges.length);
      const parts = cliquePartition(points.length, edges);
      expect(parts.flat().sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
      for (const part of parts) for (const a of part) for (const b of part) if (a !== b) expect(isEdge(a, b)).toBe(true);
    }
  });
});

function compareOn(problems: readonly OptimizationProblem[], left: OptimizeOptions, right: OptimizeOptions): { failures: string[]; optimal: number } {
  const failures: string[] = [];
  let optimal = 0;
  problems.forEach((problem, t) => {
    const a = optimize(problem, left);
    const b = optimize(problem, right);
    const mismatch = sameAnswer(a, b);
    if (mismatch) failures.push(`#${t}: ${mismatch}`);
    if (a.status === "optimal") optimal++;
  });
  return { failures, optimal };
}

describe("equivalent formulations give the same optimum", () => {
  const rng = seededRandom(99);
  const withSlots = Array.from({ length: 50 }, () => {
    const mix = { ...randomMix(rng, 20, 45, 3, 6), slots: true, cash: false };
    return randomProblem(rng, mix);
  });

  it("aggregated readiness (Hall rows) vs per-(site, slot) variables, cash rule off", () => {
    const { failures, optimal } = compareOn(withSlots, { readiness: "aggregated" }, { readiness: "perSlot" });
    expect(failures).toEqual([]);
    expect(optimal).toBeGreaterThan(15);
  }, 120_000);

  it("cash rule: lazy cash cuts on per-site variables (jsLPSolver) vs per-(site, slot) cash rows (HiGHS)", async () => {
    const cashRng = seededRandom(5150);
    const failures: string[] = [];
    let optimal = 0;
    let cutRounds = 0;
    for (let t = 0; t < 60; t++) {
      const base = randomProblem(cashRng, { ...randomMix(cashRng, 15, 60, 3, 6), slots: true, cash: true });
      // Tight money so the cuts are actually needed.
      const problem = base.cash === null ? base : { ...base, cash: { ...base.cash, equityBn: base.cash.equityBn * 0.7, trancheBn: base.cash.trancheBn * 0.95 } };
      const lazy = optimize(problem, { staged: false, readiness: "aggregated" });
      const complete = await optimizeAsync({ ...problem, solver: "highs" }, { staged: false, readiness: "perSlot" });
      const mismatch = sameAnswer(lazy, complete);
      if (mismatch) failures.push(`#${t}: ${mismatch}`);
      if (lazy.status === "optimal") optimal++;
      if (/solves\)/.test(lazy.stats.formulation)) cutRounds++;
    }
    expect(failures).toEqual([]);
    expect(optimal).toBeGreaterThan(15);
    expect(cutRounds).toBeGreaterThan(5);
  }, 180_000);

  it("clique rows vs pairwise rows", () => {
    const problems = Array.from({ length: 40 }, () => randomProblem(rng, { ...randomMix(rng, 20, 50, 3, 6), spacingKm: rng.pick([150, 300]) }));
    const { failures, optimal } = compareOn(problems, { conflicts: "clique" }, { conflicts: "pairwise" });
    expect(failures).toEqual([]);
    expect(optimal).toBeGreaterThan(10);
  }, 120_000);
});

describe("reductions never change the optimum", () => {
  // HiGHS referees here: jsLPSolver can stall on the larger unreduced models, which would test
  // jsLPSolver rather than the reductions.
  it("solves with and without reductions agree, and each reduction fires on some instances", async () => {
    const rng = seededRandom(4242);
    const removed = { late: 0, overBudget: 0, dominated: 0 };
    const problems = Array.from({ length: 70 }, () => randomProblem(rng, { ...randomMix(rng, 25, 70, 3, 6), lockedIn: 0 }));
    for (const p of problems) {
      const r = reduceCandidates(p);
      removed.late += r.removedLate;
      removed.overBudget += r.removedOverBudget;
      removed.dominated += r.removedDominated;
    }
    const failures: string[] = [];
    let optimal = 0;
    for (const [t, problem] of problems.entries()) {
      const highsProblem = { ...problem, solver: "highs" as const };
      const reduced = await optimizeAsync(highsProblem, { reductions: true });
      const full = await optimizeAsync(highsProblem, { reductions: false });
      const mismatch = sameAnswer(reduced, full);
      if (mismatch) failures.push(`#${t}: ${mismatch}`);
      if (reduced.status === "optimal") optimal++;
    }
    expect(failures).toEqual([]);
    expect(optimal).toBeGreaterThan(20);
    expect(removed.late).toBeGreaterThan(0);
    expect(removed.overBudget).toBeGreaterThan(0);
    expect(removed.dominated).toBeGreaterThan(0);
  }, 180_000);
});
