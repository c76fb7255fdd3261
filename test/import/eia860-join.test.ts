/**
 * The GPPD–EIA-860 join on a small hand-made pair of tables: matched and unmatched plants,
 * duplicate plant codes, bad cells (every one with its line and column), and the import without
 * an EIA table left as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { importGppdCommand } from "../../src/cli/commands/import.ts";
import { EXIT } from "../../src/cli/exitCodes.ts";
import type { Assumptions } from "../../src/import/assumptions.ts";
import { eia860FactsOf, joinableCodes, plantCodeOf } from "../../src/import/eia860/join.ts";
import { readEia860Csv } from "../../src/import/eia860/read.ts";
import { importGppd, type GppdImport, type ImportedSite } from "../../src/import/gppd/import.ts";
import { readGppdCsv } from "../../src/import/gppd/read.ts";
import { loadAssumptions } from "../../src/import/load.ts";
import { toCsv } from "../../src/core/csv.ts";
import { cellOf } from "../../src/sites/columnValue.ts";
import { passesFilter } from "../../src/scenario/filter.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

const GPPD = [
  "country,name,gppd_idnr,capacity_mw,latitude,longitude,primary_fuel,generation_gwh_2019",
  "USA,Merchant Gas,USA0000101,1500,31.0,-97.0,Gas,6000", // TX, matched: NR, ERCO
  "USA,Utility Coal,USA0000202,2000,33.5,-87.0,Coal,8000", // AL, matched: RE, SOCO
  "USA,Not In EIA,USA0000303,1200,40.0,-83.0,Gas,5000", // OH, no EIA row
  "USA,Island Plant,WRI1000001,900,18.4,-66.1,Oil,", // a GPPD-only id: never joined
  "USA,No BA Plant,USA0000404,800,41.7,-71.5,Gas,3000", // RI, EIA row says "NA" (No BA)
  "",
].join("\n");

const EIA_HEADER =
  "Utility ID,Utility Name,Plant Code,Plant Name,State,Balancing Authority Code,Balancing Authority Name,Name of Water Source,Regulatory Status,Sector Name,Grid Voltage (kV),Grid Voltage 2 (kV),Grid Voltage 3 (kV),Natural Gas Pipeline Name 1,Natural Gas Pipeline Name 2,Natural Gas Pipeline Name 3";
const EIA = [
  EIA_HEADER,
  '1,"Merchant Power, LLC",101,Merchant Gas,TX,ERCO,ERCOT Inc.,Brazos River,NR,IPP Non-CHP,345,138,,Pipe A,Pipe B,',
  "2,Alabama Power Co,202,Utility Coal,AL,SOCO,Southern Co,Warrior River,RE,Electric Utility,230,500,,,,",
  "3,Small Utility,404,No BA Plant,RI,NA,No BA,,RE,Electric Utility,,,,Pipe C,,",
  "4,Someone,909,Unused,ZZ,XYZ,,,maybe,Industrial CHP,lots,,,,,", // bad cells, but no candidate uses the row
  "",
].join("\n");

let assumptions: Assumptions;
beforeAll(async () => {
  const loaded = await loadAssumptions();
  if (!loaded.ok) throw new Error("bundled assumptions did not load");
  assumptions = loaded.value;
});

const located = (issues: readonly { line?: number; column?: string | number; code: string }[]) =>
  issues.map((i) => ({ line: i.line, column: i.column, code: i.code }));

function imported(withEia: boolean): GppdImport {
  const read = readGppdCsv(GPPD, "g.csv");
  expect(read.issues).toEqual([]);
  const eia = readEia860Csv(EIA, "e.csv", { wantedCodes: joinableCodes(read.plants) });
  expect(eia.issues).toEqual([]);
  return importGppd(read.plants, assumptions, { minCapacityMw: 500, file: "g.csv", ...(withEia ? { eia860: { file: "e.csv", plants: eia.plants } } : {}) });
}

const site = (result: GppdImport, id: string): ImportedSite => {
  const found = result.sites.find((s) => s.siteId === id);
  if (found === undefined) throw new Error(`${id} not imported`);
  return found;
};

describe("joining EIA-860 on the plant code", () => {
  it("reads the plant code from a GPPD US id, and nothing from another id", () => {
    expect(plantCodeOf("USA0003935")).toBe(3935);
    expect(plantCodeOf("USA0000101")).toBe(101);
    expect(plantCodeOf("WRI1026809")).toBeNull();
    expect(plantCodeOf("AUS0000001")).toBeNull();
    expect([
      ...joinableCodes([
        { id: "USA0000101", country: "USA" },
        { id: "USA0000202", country: "AUS" },
        { id: "WRI1", country: "USA" },
      ]),
    ]).toEqual([101]);
  });

  it("gives a matched plant its balancing authority (readable name), regulation, sector, highest voltage, water and pipelines", () => {
    const result = imported(true);
    const gas = site(result, "USA0000101");
    expect(gas.gridZone).toBe("ERCOT");
    expect(gas.gridZoneSource).toBe("balancing authority");
    expect(gas.eia860).toEqual({
      plantCode: 101,
      state: "TX",
      balancingAuthority: "ERCOT",
      regulated: false,
      sector: "IPP Non-CHP",
      gridVoltageKv: 345,
      waterSource: "Brazos River",
      gasPipelines: 2,
    });
    expect(gas.consentMonths).toBe(0);
    const coal = site(result, "USA0000202");
    expect([coal.gridZone, coal.eia860?.regulated, coal.eia860?.gridVoltageKv, coal.eia860?.gasPipelines]).toEqual(["Southern", true, 500, 0]);
    expect(coal.consentMonths).toBe(assumptions.raw.settings.regulatedConsentMonths);
  });

  it("adds the regulated plant's consent months to its permitting, and nothing for a merchant plant", () => {
    const withEia = imported(true);
    const without = imported(false);
    const consent = assumptions.raw.settings.regulatedConsentMonths;
    expect(consent).toBeGreaterThan(0);
    expect(site(withEia, "USA0000202").permittingMonths).toBeCloseTo(site(without, "USA0000202").permittingMonths + consent, 6);
    expect(site(withEia, "USA0000101").permittingMonths).toBe(site(without, "USA0000101").permittingMonths);
  });

  it("keeps today's rules for plants without a row, or without a balancing authority, and counts them", () => {
    const result = imported(true);
    const without = imported(false);
    for (const id of ["USA0000303", "WRI1000001"]) {
      expect(site(result, id).eia860).toBeNull();
      expect(site(result, id).consentMonths).toBeNull();
      const { line: _a, ...joined } = site(result, id);
      const { line: _b, ...plain } = site(without, id);
      expect(joined).toEqual(plain);
    }
    const noBa = site(result, "USA0000404");
    expect([noBa.gridZone, noBa.gridZoneSource, noBa.eia860?.balancingAuthority, noBa.eia860?.regulated]).toEqual(["ISO-NE", "region", null, true]);
    expect(result.used.counts.eia860).toEqual({
      file: "e.csv",
      matched: 3,
      unmatched: 2,
      unmatchedIds: ["USA0000303", "WRI1000001"],
      withoutBalancingAuthority: 1,
      regulated: 2,
      byGridZone: { ERCOT: 1, "ISO-NE": 1, Southern: 1 },
    });
  });

  it("places a matched plant in its EIA-860 state, saying so when the coordinates fall across the border", () => {
    const result = imported(true);
    expect([site(result, "USA0000101").region, site(result, "USA0000101").regionSource]).toEqual(["TX", "EIA-860 state"]);
    const gppd = readGppdCsv(
      "country,name,gppd_idnr,capacity_mw,latitude,longitude,primary_fuel\nUSA,River Plant,USA0000808,1500,38.9347,-82.1163,Coal\n",
      "g.csv",
    );
    const eia = readEia860Csv(`${EIA_HEADER}\n8,U,808,River Plant,OH,PJM,,Ohio River,NR,IPP Non-CHP,765,,,,,\n`, "e.csv");
    const plain = importGppd(gppd.plants, assumptions, { minCapacityMw: 500, file: "g.csv" }).sites[0];
    const joined = importGppd(gppd.plants, assumptions, { minCapacityMw: 500, file: "g.csv", eia860: { file: "e.csv", plants: eia.plants } });
    expect([plain?.region, plain?.regionSource]).toEqual(["WV", "state outline"]);
    expect([joined.sites[0]?.region, joined.sites[0]?.regionSource, joined.sites[0]?.assumptionsKey]).toEqual(["OH", "EIA-860 state (outline: WV)", "USA/OH"]);
    expect(joined.used.counts.byRegionSource).toEqual({ "EIA-860 state (outline differs)": 1 });
  });

  it("uses a balancing authority code as written when the assumptions give it no name", () => {
    const table = readEia860Csv(`${EIA_HEADER}\n7,U,707,P,TX,NEWBA,New BA,,NR,IPP Non-CHP,345,,,,,\n`, "e.csv");
    expect(
      eia860FactsOf({ id: "USA0000707", country: "USA" }, { file: "e.csv", plants: table.plants }, assumptions.raw.balancingAuthorities)?.balancingAuthority,
    ).toBe("NEWBA");
    expect(eia860FactsOf({ id: "USA0000707", country: "CAN" }, { file: "e.csv", plants: table.plants }, {})).toBeNull();
  });

  it("writes the new columns only with an EIA table, and the sites loader reads them (regulated as a filterable flag)", () => {
    const plain = imported(false);
    const joined = imported(true);
    const eiaColumns = ["regulated", "sector", "grid_voltage_kv", "water_source", "gas_pipelines", "consent_months", "eia860_plant_code", "grid_zone_source"];
    for (const column of eiaColumns) expect(plain.header).not.toContain(column);
    expect(joined.header).toEqual(expect.arrayContaining(eiaColumns));
    expect(joined.header.filter((c) => !eiaColumns.includes(c))).toEqual(plain.header);
    const loaded = parseSitesCsv(toCsv(joined.header, joined.rows), "s.csv");
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.value.extraNumericColumns).toEqual(expect.arrayContaining(["grid_voltage_kv", "gas_pipelines", "consent_months"]));
    const merchantOnly = { column: "regulated", op: "==", value: false } as const;
    const kept = loaded.value.sites.filter((s) => passesFilter(merchantOnly, cellOf(s, "regulated"))).map((s) => s.siteId);
    expect(kept).toEqual(["USA0000101"]);
  });
});

describe("bad EIA-860 input", () => {
  it("reports every bad cell and duplicate code with line and column; unused rows are checked for their code only", () => {
    const text = [
      EIA_HEADER,
      "1,U,101,A,TX,ERCO,,,NR,IPP Non-CHP,345,,,,,",
      "1,U,101,A again,TX,ERCO,,,NR,IPP Non-CHP,345,,,,,",
      "2,U,202,B,AL,SOCO,,,XX,Electric Utility,high,500,-5,,,",
      "3,U,12a,C,AL,SOCO,,,RE,Electric Utility,230,,,,,",
      "4,U,,D,AL,SOCO,,,RE,Electric Utility,230,,,,,",
      "5,U,909,E,ZZ,XYZ,,,maybe,Industrial CHP,lots,,,,,",
      "5,U,909,E twice,ZZ,XYZ,,,maybe,Industrial CHP,lots,,,,,",
      "",
    ].join("\n");
    const read = readEia860Csv(text, "e.csv", { wantedCodes: new Set([101, 202]) });
    expect(located(read.issues)).toEqual([
      { line: 3, column: "Plant Code", code: "duplicate_code" },
      { line: 4, column: "Regulatory Status", code: "bad_value" },
      { line: 4, column: "Grid Voltage (kV)", code: "bad_number" },
      { line: 4, column: "Grid Voltage 3 (kV)", code: "bad_number" },
      { line: 5, column: "Plant Code", code: "not_a_plant_code" },
      { line: 6, column: "Plant Code", code: "missing_value" },
      { line: 8, column: "Plant Code", code: "duplicate_code" },
    ]);
    expect(read.issues[0]?.message).toContain("lines 2 and 3");
    expect([...read.plants.keys()]).toEqual([101]);
  });

  it("names every missing column on line 1", () => {
    const read = readEia860Csv("Plant Code,Plant Name\n1,A\n", "e.csv");
    expect(located(read.issues)).toEqual(
      ["Balancing Authority Code", "Regulatory Status", "Sector Name", "Grid Voltage (kV)"].map((column) => ({ line: 1, column, code: "missing_column" })),
    );
  });
});

describe("import gppd --eia860 on the command line", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const files = (eia: string): { dir: string; gppd: string; eia: string; out: string } => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-eia-"));
    dirs.push(dir);
    writeFileSync(join(dir, "g.csv"), GPPD);
    writeFileSync(join(dir, "e.csv"), eia);
    return { dir, gppd: join(dir, "g.csv"), eia: join(dir, "e.csv"), out: join(dir, "sites.csv") };
  };

  it("writes the joined columns and records the table and the join counts in the sidecar", async () => {
    const f = files(EIA);
    expect(await importGppdCommand(f.gppd, { minMw: 500, out: f.out, eia860: f.eia })).toBe(EXIT.ok);
    const header = readFileSync(f.out, "utf8").split("\n")[0]?.split(",");
    expect(header).toEqual(expect.arrayContaining(["regulated", "grid_voltage_kv", "grid_zone_source"]));
    const meta = JSON.parse(readFileSync(join(f.dir, "sites.assumptions.json"), "utf8")) as {
      eia860: { file: string; sha256: string };
      counts: { eia860: { matched: number; unmatched: number } };
      rules: Record<string, string>;
    };
    expect(meta.eia860.file).toBe(f.eia);
    expect(meta.eia860.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect([meta.counts.eia860.matched, meta.counts.eia860.unmatched]).toEqual([3, 2]);
    for (const column of header ?? []) if (column !== "water_stress") expect(Object.keys(meta.rules)).toContain(column);
  });

  it("exits 2 on a bad EIA-860 file and writes nothing", async () => {
    const f = files(`${EIA_HEADER}\n1,U,101,A,TX,ERCO,,,NR,IPP Non-CHP,345kV,,,,,\n`);
    expect(await importGppdCommand(f.gppd, { minMw: 500, out: f.out, eia860: f.eia })).toBe(EXIT.badInput);
    expect(() => readFileSync(f.out)).toThrow();
  });
});
