import { describe, expect, it } from "vitest";
import { alternativesJson, sweepJson } from "../../src/analysis/outputs.ts";
import { summarizeSweep, type SweepRow } from "../../src/analysis/sweep.ts";
import { asSiteId } from "../../src/sites/types.ts";

const row = (model: string, ids: string[], objective: number): SweepRow => ({
  model,
  status: "optimal",
  objectiveKind: "maxScore",
  objective,
  budgetBn: 100,
  budgetUsedBn: 91.23456789,
  selected: ids.map(asSiteId),
  solveMs: 5,
});

describe("analysis outputs", () => {
  it("sweep JSON carries the core, the single-model sites and rounded figures", () => {
    const json = sweepJson(summarizeSweep([row("a", ["S1", "S2"], 700.1234567891), row("b", ["S2", "S3"], 690)]));
    expect(json.robust_core).toEqual(["S2"]);
    expect(json.unique_to).toEqual([
      { site_id: "S1", model: "a" },
      { site_id: "S3", model: "b" },
    ]);
    const models = json.models as { objective: number; budget_used_bn: number }[];
    expect(models[0]?.objective).toBe(700.123457);
    expect(models[0]?.budget_used_bn).toBe(91.234568);
  });

  it("alternatives JSON names what each selection drops and adds", () => {
    const json = alternativesJson(
      {
        stoppedBecause: "k_reached",
        firstStatus: "optimal",
        alternatives: [
          { rank: 1, status: "optimal", objective: 10, lossVsBest: 0, lossFraction: 0, selected: [asSiteId("A"), asSiteId("B")], out: [], in: [], solveMs: 1 },
          {
            rank: 2,
            status: "optimal",
            objective: 9.5,
            lossVsBest: 0.5,
            lossFraction: 0.05,
            selected: [asSiteId("A"), asSiteId("C")],
            out: [asSiteId("B")],
            in: [asSiteId("C")],
            solveMs: 1,
          },
        ],
      },
      "m",
      "maxScore",
    );
    const alts = json.alternatives as { drops: string[]; adds: string[]; loss_vs_best: number }[];
    expect(alts.map((a) => [a.drops, a.adds, a.loss_vs_best])).toEqual([
      [[], [], 0],
      [["B"], ["C"], 0.5],
    ]);
  });
});
