import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { summarizeSweep, sweepModels, type Sweep, type SweepInput, type SweepRow } from "../../src/analysis/sweep.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { GOLDEN_DIR } from "../golden/goldenRuns.ts";
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
  model,
  status,
  objectiveKind: "maxScore",
  objective: status === "optimal" ? 1 : null,
  budgetBn: 100,
  budgetUsedBn: null,
  selected: ids.map(asSiteId),
  solveMs: 0,
});

describe("sweep over the bundled models", () => {
  // One sweep, shared by the tests below: solving the four models is the cost of this file.
  let inputs: SweepInput[];
  let sweep: Sweep;
  beforeAll(async () => {
    inputs = await bundledInputs();
    sweep = await sweepModels(inputs);
  }, 240_000);

  it("robust core is the intersection of the models' selections; single-model sites are in one selection only", () => {
    expect(inputs.length).toBeGreaterThanOrEqual(3);
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
  });

  it("gives each model the selection of an independent run of its files (layers included)", async () => {
    // The independent runs are the golden ones: runFromFiles on each model's files, pinned under
    // test/golden/<model>/run.json, which test/golden/golden.test.ts keeps equal to a fresh run.
    const files = await modelFilesForBundledSites();
    expect(files.length).toBe(inputs.length);
    for (const [i, file] of files.entries()) {
      const name = file.replace(/\.json$/, "");
      const run = JSON.parse(await readFile(join(GOLDEN_DIR, name, "run.json"), "utf8")) as {
        status: string;
        selected: string[];
        inputs: { model: { file: string } };
      };
      expect(run.inputs.model.file).toBe(`models/${file}`);
      expect(run.status, file).toBe("optimal");
      expect([...(sweep.rows[i]?.selected ?? [])], file).toEqual(run.selected);
    }
  });
});

describe("summarizeSweep", () => {
  it("leaves models without a selection out of the core", () => {
    const sweep = summarizeSweep([row("a", "optimal", ["S1", "S2", "S3"]), row("b", "optimal", ["S2", "S3", "S4"]), row("c", "infeasible", [])]);
    expect(sweep.robustCore).toEqual(["S2", "S3"]);
    expect(sweep.uniqueTo).toEqual([
      { siteId: "S1", model: "a" },
      { siteId: "S4", model: "b" },
    ]);
    expect(sweep.withoutSelection).toEqual(["c"]);
  });
});
