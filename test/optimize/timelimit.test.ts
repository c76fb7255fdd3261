import { describe, expect, it } from "vitest";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { buildProblem } from "../../src/pipeline/problem.ts";
import { screenSites } from "../../src/screen/screen.ts";
import { scoreSites } from "../../src/score/score.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { verifySelection } from "../../src/optimize/verify.ts";

describe("time limit", () => {
  it("returns the best whole selection found with a valid bound and gap, or no_solution — never a fractional pick", async () => {
    const loaded = await loadRunInputs("data/sites.csv", "models/baseline.json");
    if (!loaded.ok) throw new Error("bundled inputs must load");
    const model = structuredClone(loaded.value.model);
    (model.optimization as { minSpacingKm: number }).minSpacingKm = 300;
    (model.schedule as { tranches: { cashRule: boolean } }).tranches.cashRule = false;
    const screen = screenSites(loaded.value.table.sites, model);
    const base = buildProblem(scoreSites(screen.passed, model), screen.readiness, model);
    const exact = optimize({ ...base, timeLimitMs: 120_000 });
    if (exact.status !== "optimal") throw new Error(`reference solve should be optimal, got ${exact.status}`);
    // The weak pairwise form without reductions or staging, under tight limits: 1 ms is overshot
    // by the root LP alone; longer limits may stop mid-search (which one depends on the machine).
    const statuses: string[] = [];
    for (const timeLimitMs of [1, 50, 200]) {
      const problem = { ...base, timeLimitMs };
      const result = optimize(problem, { conflicts: "pairwise", reductions: false, staged: false });
      statuses.push(result.status);
      if (result.status === "time_limit" || result.status === "optimal") {
        expect(result.selected).toHaveLength(10);
        expect(verifySelection(problem, result.selected, result.schedule).ok).toBe(true);
        expect(result.bound).toBeGreaterThanOrEqual(result.objective - 1e-9);
        expect(result.gap).toBeCloseTo((result.bound - result.objective) / Math.max(1, Math.abs(result.objective)), 12);
        // The bound really bounds: the proven optimum lies between the answer and its bound.
        expect(exact.objective).toBeGreaterThanOrEqual(result.objective - 1e-9);
        expect(exact.objective).toBeLessThanOrEqual(result.bound + 1e-9);
      } else if (result.status === "no_solution") {
        expect(result.message).toMatch(/time limit/);
        if (result.bound !== null) expect(result.bound).toBeGreaterThanOrEqual(exact.objective - 1e-9);
      } else {
        throw new Error(`unexpected status ${result.status} at ${timeLimitMs} ms`);
      }
    }
    expect(statuses[0]).not.toBe("optimal");
  }, 180_000);
});
