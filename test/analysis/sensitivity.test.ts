import { beforeAll, describe, expect, it } from "vitest";
import { drawSamples, modelWithShares, problemWithShares, sensitivityBase, solveSample } from "../../src/analysis/sensitivity.ts";
import { runSensitivity } from "../../src/analysis/sensitivityRun.ts";
import { runScenario, type RunOutcome } from "../../src/pipeline/run.ts";
import { loadSites } from "../../src/sites/load.ts";
import { expectApprox } from "../helpers/approx.ts";
import { smallModel } from "./smallModel.ts";

let outcome: RunOutcome;

async function smallRun(): Promise<RunOutcome> {
  const table = await loadSites("test/fixtures/sites-small.csv");
  if (!table.ok) throw new Error("fixture did not load");
  const run = await runScenario(table.value, await smallModel());
  if (run.result.status !== "optimal") throw new Error(`small run is ${run.result.status}`);
  return run;
}

beforeAll(async () => {
  outcome = await smallRun();
}, 60_000);

describe("sensitivity", () => {
  it("with zero perturbation returns the baseline selection in every sample (through worker threads)", async () => {
    const r = outcome.result;
    if (r.status !== "optimal") throw new Error("baseline not optimal");
    const { summary, solvedBy } = await runSensitivity(outcome, {
      samples: 6,
      perturbation: { kind: "uniform", spread: 0 },
      seed: 3,
      workers: 2,
      inline: false,
    });
    expect(solvedBy).toEqual({ inline: 0, workers: 6 });
    expect(summary.baselineShare).toBe(1);
    expect(summary.distinctSelections).toBe(1);
    expect([...(summary.topSelections[0]?.selected ?? [])]).toEqual([...r.selected].sort());
    for (const s of summary.sites) {
      expect(s.selectedShare).toBe(s.baselineSelected ? 1 : 0);
      expect([s.rankMin, s.rankMax]).toEqual([s.baselineRank, s.baselineRank]);
    }
    const ranks = summary.sites.map((s) => s.baselineRank).sort((a, b) => a - b);
    expect(ranks).toEqual(outcome.ranked.map((_, i) => i + 1));
  }, 60_000);

  it("with a fixed seed gives the same answer twice, and for any split between threads", async () => {
    const options = { samples: 10, perturbation: { kind: "uniform", spread: 0.4 } as const, seed: 11 };
    const one = await runSensitivity(outcome, { ...options, workers: 0 });
    expect(one.solvedBy).toEqual({ inline: 10, workers: 0 });
    const two = await runSensitivity(outcome, { ...options, workers: 2, inline: false });
    expect(two.solvedBy.workers).toBe(10);
    const again = await runSensitivity(outcome, { ...options, workers: 1 });
    expect(again.solvedBy.inline + again.solvedBy.workers).toBe(10);
    expect(two.summary).toEqual(one.summary);
    expect(again.summary).toEqual(two.summary);
    expect(one.summary.samples).toBe(10);
  }, 60_000);

  it("a strong perturbation does move ranks (the test above is not vacuous)", async () => {
    const { summary } = await runSensitivity(outcome, { samples: 10, perturbation: { kind: "dirichlet", concentration: 2 }, seed: 5, workers: 0 });
    expect(summary.sites.some((s) => s.rankMax > s.rankMin)).toBe(true);
  }, 60_000);

  it("a warm sample gives the selection of a cold run of the equivalent model file", async () => {
    const base = sensitivityBase(outcome);
    const r = outcome.result;
    const baseline = r.status === "optimal" ? [...r.selected].sort().join(",") : "";
    let moved = 0;
    for (const [i, shares] of drawSamples(base.baseShares, { kind: "dirichlet", concentration: 5 }, 6, 21).entries()) {
      const warm = await solveSample(base, shares, i);
      if (warm.selected.join(",") !== baseline) moved++;
      const cold = await runScenario(outcome.table, modelWithShares(outcome.model, shares));
      if (cold.result.status !== "optimal") throw new Error(`cold sample ${i} is ${cold.result.status}`);
      expect(warm.selected, `sample ${i}`).toEqual([...cold.result.selected].sort());
      expectApprox(warm.objective, cold.result.objective, { rel: 1e-9 });
    }
    expect(moved, "some samples must change the selection for this test to mean anything").toBeGreaterThan(0);
  }, 60_000);

  it("re-scoring with the model's own weights reproduces the pipeline's scores bit for bit", () => {
    const base = sensitivityBase(outcome);
    const again = problemWithShares(base, base.baseShares);
    again.candidates.forEach((c, i) => {
      expect(c.score).toBe(outcome.problem.candidates[i]?.score);
    });
  });

  it("draws shares that sum to 1, within the uniform bounds, and Dirichlet draws centred on the model's weights", () => {
    const base = sensitivityBase(outcome).baseShares;
    const spread = 0.2;
    for (const shares of drawSamples(base, { kind: "uniform", spread }, 200, 9)) {
      expectApprox(
        shares.reduce((s, w) => s + w, 0),
        1,
        { abs: 1e-12 },
      );
      shares.forEach((w, k) => {
        const b = base[k] ?? 0;
        expect(w).toBeGreaterThanOrEqual((b * (1 - spread)) / (1 + spread) - 1e-12);
        expect(w).toBeLessThanOrEqual((b * (1 + spread)) / (1 - spread) + 1e-12);
      });
    }
    const draws = drawSamples(base, { kind: "dirichlet", concentration: 50 }, 4000, 4);
    const mean = base.map((_, k) => draws.reduce((s, d) => s + (d[k] ?? 0), 0) / draws.length);
    expectApprox(mean, base, { abs: 0.005 });
    expect(drawSamples(base, { kind: "uniform", spread }, 3, 1)).not.toEqual(drawSamples(base, { kind: "uniform", spread }, 3, 2));
  });
});
