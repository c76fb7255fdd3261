/**
 * What must not change an import: the order of the rows, plants below the threshold, or the
 * threshold moving across no plant. Seeded, so a failure replays.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import type { Assumptions } from "../../src/import/assumptions.ts";
import { importGppd, type ImportedSite } from "../../src/import/gppd/import.ts";
import { readGppdCsv } from "../../src/import/gppd/read.ts";
import { loadAssumptions } from "../../src/import/load.ts";
import { seededRandom } from "../../src/core/random.ts";

const text = readFileSync(new URL("../fixtures/gppd/world-plants.csv", import.meta.url), "utf8");
const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
const rows = parsed.data;
const fields = parsed.meta.fields ?? [];

let assumptions: Assumptions;
beforeAll(async () => {
  const loaded = await loadAssumptions();
  if (!loaded.ok) throw new Error("bundled assumptions did not load");
  assumptions = loaded.value;
});

/** Sites by id, without the row's line (which moves when rows move). */
function sitesOf(records: readonly Record<string, string>[], minCapacityMw = 500): Map<string, Omit<ImportedSite, "line">> {
  const read = readGppdCsv(Papa.unparse({ fields, data: records.map((r) => fields.map((f) => r[f] ?? "")) }, { newline: "\n" }), "p.csv", { minCapacityMw });
  expect(read.issues).toEqual([]);
  const result = importGppd(read.plants, assumptions, { minCapacityMw, file: "p.csv" });
  return new Map(result.sites.map(({ line: _line, ...site }) => [site.siteId, site]));
}

describe("import invariants", () => {
  it("gives every plant the same values whatever the row order (10 seeded shuffles)", () => {
    const reference = sitesOf(rows);
    const rng = seededRandom(9);
    for (let round = 0; round < 10; round++) {
      const shuffled = [...rows];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(sitesOf(shuffled)).toEqual(reference);
    }
  });

  it("is unchanged by adding plants below the threshold, even with bad unused cells", () => {
    const rng = seededRandom(11);
    const small = Array.from({ length: 25 }, (_, i) => ({
      ...rows[0],
      gppd_idnr: `SMALL${i}`,
      name: `Small ${i}`,
      capacity_mw: String(rng.int(0, 499)),
      latitude: i % 5 === 0 ? "not a latitude" : String(rng.uniform(-89, 89)),
      primary_fuel: rng.pick(["Solar", "Wind", "Gas", ""]),
    }));
    expect(sitesOf([...small.slice(0, 12), ...rows, ...small.slice(12)])).toEqual(sitesOf(rows));
  });

  it("keeps the same sites when the threshold moves between two plant sizes", () => {
    const capacities = [...new Set(rows.map((r) => Number(r.capacity_mw)))].sort((a, b) => a - b);
    const i = capacities.findIndex((c) => c >= 500);
    const [below, at] = [capacities[i - 1] ?? 0, capacities[i] ?? 0];
    expect(sitesOf(rows, below + (at - below) / 2)).toEqual(sitesOf(rows, at));
  });
});
