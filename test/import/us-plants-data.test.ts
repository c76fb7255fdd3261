/**
 * The bundled real candidate set: `data/us-plants.csv` is what `npm run data:plants` builds from
 * the public tables beside the project (checked only where they are, with the reason printed
 * where not), and `gigasite run --sites data/us-plants.csv --model models/us-plants.json` works
 * from the committed files alone, as on a fresh clone.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { buildUsPlants, missingInputs, US_PLANTS } from "../../scripts/build-us-plants.ts";
import { EXIT } from "../../src/cli/exitCodes.ts";
import { assumptionsPathFor } from "../../src/import/write.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { gigasite } from "../helpers/gigasiteCli.ts";

const missing = missingInputs();
if (missing !== null) console.warn(`skipping the rebuild check of ${US_PLANTS.out} in test/import/us-plants-data.test.ts: ${missing}`);

const MODEL = "models/us-plants.json";
const rows = Papa.parse<Record<string, string>>(readFileSync(US_PLANTS.out, "utf8"), { header: true, skipEmptyLines: true }).data;
const byId = new Map(rows.map((r) => [r.site_id, r]));

describe.skipIf(missing !== null)("data/us-plants.csv is what npm run data:plants builds", () => {
  it("rebuilds byte for byte, with its sidecar", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-us-plants-"));
    try {
      const out = join(dir, "us-plants.csv");
      expect(await buildUsPlants(out)).toBe(EXIT.ok);
      expect(readFileSync(out, "utf8")).toBe(readFileSync(US_PLANTS.out, "utf8"));
      expect(readFileSync(assumptionsPathFor(out), "utf8")).toBe(readFileSync(assumptionsPathFor(US_PLANTS.out), "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("the bundled real candidate set", () => {
  it("holds the 734 US plants of 500 MW or more, 729 of them joined with EIA-860", () => {
    expect(rows).toHaveLength(734);
    expect(rows.filter((r) => r.eia860_plant_code !== "")).toHaveLength(729);
    expect(rows.filter((r) => r.grid_zone_source === "balancing authority")).toHaveLength(728);
  });

  it("runs the us-plants model from the committed files to ten verified sites that meet its grid voltage filter", async () => {
    const loaded = await loadRunInputs(US_PLANTS.out, MODEL);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
    const outcome = await runScenario(loaded.value.table, loaded.value.model);
    expect(outcome.result.status).toBe("optimal");
    expect(outcome.verification?.ok).toBe(true);
    if (outcome.result.status !== "optimal") return;
    expect(outcome.result.selected).toHaveLength(10);
    for (const id of outcome.result.selected) {
      const row = byId.get(id);
      expect(Number(row?.grid_voltage_kv)).toBeGreaterThanOrEqual(345);
      expect(Number(row?.firm_power_mw)).toBeGreaterThanOrEqual(1000);
    }
  }, 120_000);

  it("runs as `gigasite run --sites data/us-plants.csv --model models/us-plants.json`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-us-plants-run-"));
    try {
      const result = await gigasite("run", "--sites", US_PLANTS.out, "--model", MODEL, "--out", dir, "--no-report", "--frontier", "0");
      expect(result.code).toBe(EXIT.ok);
      expect(result.stdout).toMatch(/us-plants: 734 candidates/);
      expect(result.stdout).toMatch(/verified: every constraint re-checked independently/);
      const selection = Papa.parse<Record<string, string>>(readFileSync(join(dir, "us-plants", "selection.csv"), "utf8"), {
        header: true,
        skipEmptyLines: true,
      }).data;
      expect(selection).toHaveLength(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
