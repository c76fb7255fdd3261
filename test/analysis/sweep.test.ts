import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { summarizeSweep, sweepModels, type SweepInput, type SweepRow } from "../../src/analysis/sweep.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runFromFiles } from "../../src/pipeline/runFromFiles.ts";
import { asSiteId } from "../../src/sites/types.ts";

/** The bundled models written for data/sites.csv: us-plants.json scores columns of data/us-plants.csv. */
async function modelFilesForBundledSites(): Promise<string[]> {
  return (await readdir("models")).filter((f) => f.endsWith(".json") && f !== "us-plants.json").sort();
}

async function bundledInputs(): Promise<SweepInput[]> {
  const files = await modelFilesForBundledSites();
  const inputs: SweepInput[] = [];
  for (const file of files) {
    const loaded = await loadRunInputs("data/sites.csv", `models/${file}`);
    if (!loaded.ok) throw new Error(`models/${file} did not load: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
    inputs.push({ table: loaded.value.table, model: loaded.value.model, layers: loaded.value.layers });
  }
  return inputs;
}

const row = (model: string, status: SweepRow["status"], ids: string[]): SweepRow => ({
  model, status, objectiveKind: "maxScore", objective: status === "optimal" ? 1 : null, budgetBn: 100, budgetUsedBn: null, selected: ids.map(asSiteId), solveMs: 0,
});

describe("sweep over the bundled models", () => {
  it("robust core is the intersection of the models' selections; single-model sites are in one selection only", async () => {
    const inputs = await bundledInputs();
    expect(inputs.length).toBeGreaterThanOrEqual(3);
    const sweep = await sweepModels(inputs);
    expect(sweep.rows.map((r) => r.model)).toEqual(inputs.map((i) => i.model.name));
    const selections = sweep.rows.filter((r) => r.status === "optimal").map((r) => new Set<string>(r.selected));
    expect(selections.length).toBe(inputs.length);
    for (const s of selections) expect(s.size).toBe(10);
    const first = selections[0] ?? new Set<string>();
    const intersection = [...first].filter((id) => selections.every((s) => s.has(id))).sort();
    expect([...sweep.robustCore]).toEqual(intersection);
    for (const { siteId, model } of sweep.uniqueTo) {
      const holders = sweep.rows.filter((r) => r.selected.includes(siteId)).map((r) => r.model);
      expect(holders).toEqual([model]);
    }
    const allChosen = new Set(selections.flatMap((s) => [...s]));
    const expectedUnique = [...allChosen].filter((id) => selections.filter((s) => s.has(id)).length === 1).sort();
    expect(sweep.uniqueTo.map((u) => u.siteId as string)).toEqual(expectedUnique);
  }, 120_000);

  it("gives each model the selection of an independent run of its files (layers included)", async () => {
    const files = await modelFilesForBundledSites();
    const sweep = await sweepModels(await bundledInputs());
    for (const [i, file] of files.entries()) {
      const run = await runFromFiles("data/sites.csv", `models/${file}`);
      if (run.status !== "ran" || run.outcome.result.status !== "optimal") throw new Error(`models/${file} did not solve`);
      expect([...(sweep.rows[i]?.selected ?? [])], file).toEqual([...run.outcome.result.selected]);
    }
  }, 120_000);
});

describe("summarizeSweep", () => {
  it("leaves models without a selection out of the core", () => {
    const sweep = summarizeSweep([row("a", "optimal", ["S1", "S2", "S3"]), row("b", "optimal", ["S2", "S3", "S4"]), row("c", "infeasible", [])]);
    expect(sweep.robustCore).toEqual(["S2", "S3"]);
    expect(sweep.uniqueTo).toEqual([{ siteId: "S1", model: "a" }, { siteId: "S4", model: "b" }]);
    expect(sweep.withoutSelection).toEqual(["c"]);
  });
});
