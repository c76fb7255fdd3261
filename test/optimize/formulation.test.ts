import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import { distance } from "@turf/distance";
import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { cliqueCover, cliquePartition, conflictEdges } from "../../src/optimize/conflicts.ts";
import { formulate } from "../../src/optimize/formulate.ts";
import { exportLp, optimize, type OptimizeOptions } from "../../src/optimize/solve.ts";
import { isSolved, type OptimizationProblem, type OptimizeResult } from "../../src/optimize/types.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";
import { handProblem, handSite, milestonesAt } from "./handmade.ts";
import { referenceHighs } from "./reference.ts";

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

describe("conflict graph and clique cover", () => {
  it("finds exactly the pairs closer than the spacing, and every clique row is a clique covering them all", () => {
    const rng = seededRandom(7);
    for (const [count, spreadDeg, km] of [
      [150, 8, 150],
      [200, 12, 300],
      [120, 3, 100],
      [80, 20, 500],
    ] as const) {
      const points = Array.from({ length: count }, () => ({
        lat: 39 + rng.uniform(-spreadDeg, spreadDeg) * 0.6,
        lon: -98 + rng.uniform(-spreadDeg, spreadDeg),
      }));
      const edges = conflictEdges(points, km);
      expect(edges.map(([a, b]) => `${a}-${b}`).sort()).toEqual(bruteForceEdges(points, km).sort());
      expect(edges.length).toBeGreaterThan(count / 2);
      const conflict = new Set(edges.map(([a, b]) => `${a}-${b}`));
      const isEdge = (a: number, b: number): boolean => conflict.has(a < b ? `${a}-${b}` : `${b}-${a}`);
      const cliques = cliqueCover(points.length, edges);
      const covered = new Set<string>();
      for (const clique of cliques) {
        expect(clique.length).toBeGreaterThanOrEqual(2);
        for (const a of clique)
          for (const b of clique)
            if (a < b) {
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

/** Same status and (for solved ones) the same objective within 1e-6 relative. */
function sameAnswer(a: OptimizeResult, b: OptimizeResult): string | null {
  if (a.status !== b.status) return `status ${a.status} vs ${b.status}`;
  if (isSolved(a) && isSolved(b)) return approxMismatch(a.objective, b.objective, { rel: 1e-6, abs: 1e-6 });
  return null;
}

function medium(t: number): OptimizationProblem {
  const rng = seededRandom(31_000 + t);
  const objective = OBJECTIVE_KINDS[t % OBJECTIVE_KINDS.length] ?? "maxScore";
  return { ...randomProblem(rng, randomMix(rng, { sites: [14, 30], pick: [2, 4], months: [8, 14] }, objective, rng.next() < 0.6)), timeLimitMs: 30_000 };
}

describe("the steps of our path never change the optimum", () => {
  it("when bound elimination keeps only the incumbent's sites, their go-live months are still optimized", async () => {
    // Two sites, both needed: elimination can drop nothing but the timing. Going live in month 0
    // is worth 8 GW-months each less $1B of capex (14 in all); at the milestones' months 6 and 7, 1.
    const candidates = [handSite("A", { capexBn: 1 }), handSite("B", { capexBn: 1, lon: -99 })];
    const problem = handProblem(
      candidates,
      {
        calendar: { startDate: "2026-01-01", months: 8 },
        milestones: milestonesAt(6, 7),
        draw: { upfrontShare: 0 },
        cash: { equityBn: 10, trancheBn: 1, trancheCount: 2, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
        stack: PLAIN_STACK,
        cashRuleEnforced: false,
        zoneLimits: [],
      },
      { objective: { kind: "npv", valueBnPerGwMonth: 1, discountRatePctPerYear: 0, opexBnPerGwMonth: 0, minAverageScore: 0 } },
    );
    for (const solver of ["highs", "jsLPSolver"] as const) {
      const result = await optimize({ ...problem, solver });
      expect(isSolved(result) ? [result.status, result.objective, result.plan?.sites.map((s) => s.goLiveMonth)] : result.status, solver).toEqual([
        "optimal",
        14,
        [0, 0],
      ]);
    }
  });

  it("one full model (restrictTo 0), the default path and a small restricted first model agree (HiGHS)", async () => {
    const failures: string[] = [];
    let optimal = 0;
    let restricted = 0;
    for (let t = 0; t < 16; t++) {
      const problem = medium(t);
      const runs: [string, OptimizeOptions][] = [
        ["default", {}],
        // Without branch and check, which decides most of these before a restricted model.
        ["restricted", { restrictTo: problem.sitesToSelect + 2, checkShare: 0 }],
      ];
      const whole = await optimize(problem, { restrictTo: 0 });
      if (whole.status === "optimal") optimal++;
      for (const [name, options] of runs) {
        const other = await optimize(problem, options);
        const mismatch = sameAnswer(other, whole);
        if (mismatch) failures.push(`#${t} ${name}: ${mismatch}`);
        if (other.stats.steps.some((s) => s.step === "restricted")) restricted++;
      }
    }
    expect(failures).toEqual([]);
    expect(optimal, "whole models proven optimal").toBeGreaterThan(6);
    // Only the runs without branch and check reach a restricted model now.
    expect(restricted, "runs through a restricted model").toBeGreaterThanOrEqual(5);
  }, 180_000);
});

describe("the exported LP text is the model that is solved", () => {
  beforeAll(async () => {
    await referenceHighs();
  });

  it("HiGHS on exportLp's text reaches the optimize optimum", async () => {
    const highs = await referenceHighs();
    const failures: string[] = [];
    let compared = 0;
    for (let t = 0; t < 30; t++) {
      const problem = medium(100 + t);
      const result = await optimize(problem, { restrictTo: 0 });
      const text = exportLp(problem, [{ step: "full", formulation: formulate(problem) }]);
      expect(text.split("\n").every((line) => line.length < 255)).toBe(true);
      const solution = highs.solve(text, { mip_rel_gap: 0, mip_abs_gap: 0 });
      if (result.status === "infeasible") {
        if (solution.Status !== "Infeasible") failures.push(`#${t}: optimize infeasible, LP text ${solution.Status}`);
        continue;
      }
      if (!isSolved(result) || solution.Status !== "Optimal") {
        failures.push(`#${t}: optimize ${result.status}, LP text ${solution.Status}`);
        continue;
      }
      compared++;
      const m = approxMismatch(solution.ObjectiveValue, result.objective, { rel: 1e-6, abs: 1e-6 });
      if (m !== null) failures.push(`#${t}: ${m}`);
    }
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(10);
  }, 120_000);
});
