/**
 * Bad input to the importer: every problem as an issue with line and column, never a throw; and
 * the writer's promises (atomic, never over an input, never over a file that is not an untouched
 * previous import unless forced).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importGppdCommand } from "../../src/cli/commands/import.ts";
import { EXIT } from "../../src/cli/exitCodes.ts";
import { parseAssumptionsJson } from "../../src/import/assumptions.ts";
import { readGppdCsv } from "../../src/import/gppd/read.ts";
import { DEFAULT_ASSUMPTIONS_FILE, loadAssumptions } from "../../src/import/load.ts";
import { parseRegionTable } from "../../src/import/regionTable.ts";
import { assumptionsPathFor, sha256Of, writeImport } from "../../src/import/write.ts";

const HEADER = "country,name,gppd_idnr,capacity_mw,latitude,longitude,primary_fuel,generation_gwh_2019";
const located = (issues: readonly { line?: number; column?: string | number; code: string; severity: string }[]) =>
  issues.map((i) => ({ line: i.line, column: i.column, code: i.code, severity: i.severity }));

describe("reading a GPPD file", () => {
  it("names every missing column on line 1", () => {
    const read = readGppdCsv("country,name,capacity_mw,latitude\nUSA,A,600,40\n", "p.csv");
    expect(located(read.issues)).toEqual(
      ["gppd_idnr", "longitude", "primary_fuel"].map((column) => ({ line: 1, column, code: "missing_column", severity: "error" })),
    );
    expect(read.plants).toEqual([]);
  });

  it("skips every unusable row with one warning: the count, each reason, the first lines and the first problem in full", () => {
    const csv = [
      HEADER,
      'USA,"Two-line\nname",P1,1200,40,-100,Gas,5000',
      "USA,B,P2,twelve hundred,40,-101,Gas,",
      "USA,C,P3,900,95,-102,Coal,abc",
      "USA,D,P1,800,41,-103,Gas,",
      "USA,E,,700,42,-104,Gas,",
      "",
    ].join("\n");
    const read = readGppdCsv(csv, "p.csv");
    expect(located(read.issues)).toEqual([{ line: 4, column: "capacity_mw", code: "rows_skipped", severity: "warning" }]);
    expect(read.issues[0]?.message).toBe(
      "4 rows skipped as unusable (capacity_mw not a number: 1; latitude out of range: 1; gppd_idnr duplicate id: 1; gppd_idnr blank: 1): " +
        'lines 4, 5, 6, 7; line 4: expected a number, found "twelve hundred"',
    );
    expect(read.plants.map((p) => [p.id, p.line])).toEqual([["P1", 2]]);
  });

  it("skips a public table's rows with a blank capacity_mw instead of refusing the import (6 of 512 in the Australian table)", () => {
    const rows = Array.from({ length: 12 }, (_, i) => `AUS,Plant ${i},AUS${i},${i % 2 === 0 ? "" : 1500},-32,150,Coal,`);
    const read = readGppdCsv([HEADER, ...rows, ""].join("\n"), "AUS.csv");
    expect(located(read.issues)).toEqual([{ line: 2, column: "capacity_mw", code: "rows_skipped", severity: "warning" }]);
    expect(read.issues[0]?.message).toBe(
      "6 rows skipped as unusable (capacity_mw blank: 6): lines 2, 4, 6, 8, 10 and 1 more; line 2: expected a number in capacity_mw, found a blank cell",
    );
    expect(read.plants.length).toBe(6);
  });

  it("skips hex, underscore and infinite capacities, and refuses a last line cut short", () => {
    const csv = `${HEADER}\nUSA,Hex,P1,0x3E8,40,-100,Gas,\nUSA,Sep,P2,1_000,40,-100,Gas,\nUSA,Inf,P3,Infinity,40,-100,Gas,\nUSA,Ok,P4,900,40,-100,Gas,\nUSA,Cut,P5,90`;
    const read = readGppdCsv(csv, "p.csv");
    expect(located(read.issues)).toEqual([
      { line: 6, column: undefined, code: "too_few_cells", severity: "error" },
      { line: 2, column: "capacity_mw", code: "rows_skipped", severity: "warning" },
    ]);
    expect(read.issues[1]?.message).toMatch(/^3 rows skipped as unusable \(capacity_mw not a number: 3\): lines 2, 3, 4;/);
    expect(read.issues[0]?.message).toMatch(/found 4: the file ends in the middle of this row/);
    expect(read.plants.map((p) => p.id)).toEqual(["P4"]);
  });

  it("does not hold a small plant's unused cells against the import, but still checks its capacity", () => {
    const csv = `${HEADER}\nUSA,Tiny,P1,0,425.2,-75,,\nUSA,Odd,P2,n/a,40,-75,,\nUSA,Big,P3,900,40,-100,Gas,\n`;
    const read = readGppdCsv(csv, "p.csv", { minCapacityMw: 500 });
    expect(located(read.issues)).toEqual([{ line: 3, column: "capacity_mw", code: "rows_skipped", severity: "warning" }]);
    expect(read.plants.map((p) => p.id)).toEqual(["P3"]);
    expect(read.rowCount).toBe(3);
  });

  it("keeps a large plant without coordinates for the importer to skip with a warning", async () => {
    const loaded = await loadAssumptions();
    if (!loaded.ok) throw new Error("bundled assumptions did not load");
    const { importGppd } = await import("../../src/import/gppd/import.ts");
    const read = readGppdCsv(`${HEADER}\nUSA,Nowhere,P1,900,,,Gas,\nUSA,Austin,P2,900,30.27,-97.74,Gas,\n`, "p.csv");
    const result = importGppd(read.plants, loaded.value, { minCapacityMw: 500, file: "p.csv" });
    expect(result.sites.map((s) => s.siteId)).toEqual(["P2"]);
    expect(located(result.issues)).toEqual([{ line: 2, column: "latitude", code: "no_coordinates", severity: "warning" }]);
    expect(result.used.counts.skippedWithoutCoordinates).toBe(1);
  });
});

describe("reading assumptions and regional tables", () => {
  const bundled = readFileSync(DEFAULT_ASSUMPTIONS_FILE, "utf8");

  it("accepts the bundled file and finds its regional table beside it", async () => {
    expect(parseAssumptionsJson(bundled, "gppd.json").ok).toBe(true);
    const loaded = await loadAssumptions();
    expect(loaded.ok && loaded.value.regionTables.get("USA")?.rows.size).toBe(48);
  });

  it("reports a misspelt key and a bad value with their JSON path and line", () => {
    const edited = bundled.replace('"capexFactor": 0.95', '"capexFactr": 0.95').replace('"firmShare": 0.9,', '"firmShare": 1.9,');
    const parsed = parseAssumptionsJson(edited, "gppd.json");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const lineOf = (needle: string): number => edited.slice(0, edited.indexOf(needle)).split("\n").length;
    expect(parsed.issues.map((i) => [i.path, i.line])).toEqual(
      expect.arrayContaining([
        ["fuels.Nuclear.firmShare", lineOf('"firmShare": 1.9')],
        ["site", lineOf('"site": {')],
      ]),
    );
  });

  it("reports a JSON syntax error with its line and column", () => {
    // The stray comma after '"world": {' is the 13th character of line 3.
    const parsed = parseAssumptionsJson('{\n  "version": 1,\n  "world": {,\n}', "a.json");
    expect(parsed.ok ? null : located(parsed.issues)).toEqual([{ line: 3, column: 13, code: "json_syntax", severity: "error" }]);
  });

  it("requires a '*' fuel for fuels it does not name", () => {
    const edited = bundled.replace(/,\n\s*"\*": \{[^\n]*\n/, "\n");
    const parsed = parseAssumptionsJson(edited, "a.json");
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path)).toEqual(["fuels"]);
  });

  it("reports bad regional rows by line and column", () => {
    const table = parseRegionTable(
      "region,grid_zone,power_price_usd_mwh,carbon_kg_mwh,permitting_months,time_to_power_months,cost_of_capital_pct,incentives_bn,capex_bn\nTX,ERCOT,70,380,10,30,7.6,0.82,10.2\nTX,ERCOT,70,380,-1,30,107,0.82,\n",
      "r.csv",
      "us-states",
    );
    expect(table.ok ? [] : located(table.issues)).toEqual([
      { line: 3, column: "region", code: "duplicate_region", severity: "error" },
      { line: 3, column: "permitting_months", code: "bad_number", severity: "error" },
      { line: 3, column: "cost_of_capital_pct", code: "bad_number", severity: "error" },
      { line: 3, column: "capex_bn", code: "bad_number", severity: "error" },
    ]);
  });
});

describe("writing an import", () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-import-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const sidecar = (csv: string): string => JSON.stringify({ generator: "gigasite import gppd", output: { sha256: sha256Of(csv) } });

  it("names the sidecar after the CSV", () => {
    expect(assumptionsPathFor("/tmp/x/sites.csv")).toBe("/tmp/x/sites.assumptions.json");
    expect(assumptionsPathFor("/tmp/x/sites")).toBe("/tmp/x/sites.assumptions.json");
  });

  it("replaces an untouched previous import, refuses an edited one or a foreign file unless forced, and never writes over an input", async () => {
    const dir = tempDir();
    const out = join(dir, "sites.csv");
    expect((await writeImport(out, "a\n1\n", sidecar("a\n1\n"))).status).toBe("written");
    expect((await writeImport(out, "a\n2\n", sidecar("a\n2\n"))).status).toBe("written");
    expect(readFileSync(out, "utf8")).toBe("a\n2\n");

    writeFileSync(out, "a\n2\nhand edit\n");
    const edited = await writeImport(out, "a\n3\n", sidecar("a\n3\n"));
    expect(edited.status === "refused" && edited.message).toMatch(/changed since gigasite imported it/);
    expect(readFileSync(out, "utf8")).toBe("a\n2\nhand edit\n");
    expect((await writeImport(out, "a\n3\n", sidecar("a\n3\n"), { force: true })).status).toBe("written");

    const foreign = join(dir, "mine.csv");
    writeFileSync(foreign, "precious\n");
    const refused = await writeImport(foreign, "a\n", sidecar("a\n"));
    expect(refused.status === "refused" && refused.message).toMatch(/not a gigasite import/);
    expect(readFileSync(foreign, "utf8")).toBe("precious\n");

    const input = join(dir, "input.csv");
    writeFileSync(input, "gppd\n");
    const overInput = await writeImport(input, "a\n", sidecar("a\n"), { force: true, protect: [input] });
    expect(overInput.status === "refused" && overInput.message).toMatch(/overwrite an input file/);
    expect(readFileSync(input, "utf8")).toBe("gppd\n");

    const folder = await writeImport(dir, "a\n", sidecar("a\n"), { force: true });
    // A folder where the CSV must go is the file system's state, not the user's data: "failed" (exit 5).
    expect(folder.status === "failed" && folder.message).toMatch(/is a folder, not a file/);
  });

  it("exits 2 on a file that is not a GPPD table and writes nothing", async () => {
    const dir = tempDir();
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "country,name,capacity_mw\nUSA,A,1200\n");
    const out = join(dir, "sites.csv");
    const code = await importGppdCommand(bad, { minMw: 500, out });
    expect(code).toBe(EXIT.badInput);
    expect(existsSync(out)).toBe(false);
  });

  it("imports the fixture end to end and records the output's hash in the sidecar", async () => {
    const dir = tempDir();
    const out = join(dir, "world.csv");
    const code = await importGppdCommand("test/fixtures/gppd/world-plants.csv", { minMw: 1000, out });
    expect(code).toBe(EXIT.ok);
    const meta = JSON.parse(readFileSync(join(dir, "world.assumptions.json"), "utf8")) as {
      output: { sha256: string };
      minCapacityMw: number;
      rules: Record<string, string>;
      counts: { candidates: number };
    };
    expect(meta.output.sha256).toBe(sha256Of(readFileSync(out)));
    expect(meta.minCapacityMw).toBe(1000);
    const header = readFileSync(out, "utf8").split("\n")[0]?.split(",") ?? [];
    for (const column of header) if (column !== "water_stress") expect(Object.keys(meta.rules)).toContain(column);
    expect(meta.counts.candidates).toBe(readFileSync(out, "utf8").trim().split("\n").length - 1);
  });
});
