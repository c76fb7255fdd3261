import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/geo/sphere.ts";
import { isStateCode, stateAt } from "../../src/geo/states.ts";
import { CLUSTER_RADIUS_KM, OPTIONAL_COLUMNS, SITE_COLUMNS, generateSitesCsv, parseRegions } from "../../scripts/generate-sites.ts";

const dataUrl = new URL("../../data/", import.meta.url);
const regionsCsv = readFileSync(new URL("regions.csv", dataUrl), "utf8");
const committed = readFileSync(new URL("sites.csv", dataUrl), "utf8");
const rows = Papa.parse<Record<string, string>>(committed, { header: true, skipEmptyLines: true }).data;

const num = (row: Record<string, string>, column: string): number => Number(row[column]);
const isBlank = (row: Record<string, string>, column: string): boolean => (row[column] ?? "") === "";

describe("data/sites.csv is reproducible", () => {
  let generated = "";
  beforeAll(() => {
    generated = generateSitesCsv(regionsCsv);
  }, 60_000);

  it("regenerates to the committed bytes, twice", () => {
    expect(generated === committed, "run `npm run data:sites` and commit data/sites.csv").toBe(true);
    expect(generateSitesCsv(regionsCsv) === generated).toBe(true);
  }, 60_000);

  it("changes with the seed (the comparison above can fail)", () => {
    expect(generateSitesCsv(regionsCsv, 1) === generated).toBe(false);
  }, 60_000);

  it("uses LF line endings, a trailing newline and the documented column order", () => {
    expect(committed.includes("\r")).toBe(false);
    expect(committed.endsWith("\n")).toBe(true);
    expect(committed.endsWith("\n\n")).toBe(false);
    expect(committed.slice(0, committed.indexOf("\n")).split(",")).toEqual([...SITE_COLUMNS]);
  });
});

describe("data/sites.csv content", () => {
  it("has 700..800 sites with unique ids S0001… and unique names", () => {
    expect(rows.length).toBeGreaterThanOrEqual(700);
    expect(rows.length).toBeLessThanOrEqual(800);
    rows.forEach((row, i) => {
      expect(row.site_id).toBe(`S${String(i + 1).padStart(4, "0")}`);
    });
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it("puts every site inside the state it names, on the grid zone of that state", () => {
    const zoneOf = new Map(parseRegions(regionsCsv).map((r) => [r.region, r.gridZone]));
    for (const row of rows) {
      const region = row.region ?? "";
      expect(isStateCode(region), `${row.site_id} region ${region}`).toBe(true);
      expect(stateAt(num(row, "lat"), num(row, "lon")), `${row.site_id} ${row.lat},${row.lon}`).toBe(region);
      expect(row.grid_zone, row.site_id).toBe(zoneOf.get(region as never));
      expect(row.country).toBe("US");
      expect(row.lat).toMatch(/^-?\d+\.\d{4}$/);
      expect(row.lon).toMatch(/^-?\d+\.\d{4}$/);
    }
  });

  it("fills required cells and keeps numbers in range", () => {
    for (const row of rows) {
      for (const column of SITE_COLUMNS) {
        if (!(OPTIONAL_COLUMNS as readonly string[]).includes(column)) expect(isBlank(row, column), `${row.site_id} ${column}`).toBe(false);
      }
      expect(num(row, "capex_bn")).toBeGreaterThanOrEqual(7);
      expect(num(row, "capex_bn")).toBeLessThanOrEqual(13);
      expect(num(row, "firm_power_mw")).toBeGreaterThan(0);
      for (const column of ["brownfield", "permitted"]) expect(["", "true", "false"]).toContain(row[column]);
      if (!isBlank(row, "water_stress")) expect(num(row, "water_stress")).toBeLessThanOrEqual(5);
    }
  });

  it("contains the hard cases: sub-1 GW sites, brownfield + permitted, blanks in every optional column", () => {
    const lowPower = rows.filter((r) => num(r, "firm_power_mw") < 1000).length / rows.length;
    expect(lowPower).toBeGreaterThan(0.08);
    expect(lowPower).toBeLessThan(0.22);
    expect(rows.some((r) => r.brownfield === "true" && r.permitted === "true")).toBe(true);
    for (const row of rows.filter((r) => r.permitted === "true")) expect(["", "0"]).toContain(row.permitting_months);
    for (const column of OPTIONAL_COLUMNS)
      expect(
        rows.some((r) => isBlank(r, column)),
        column,
      ).toBe(true);
    const blankShare = rows.reduce((n, r) => n + OPTIONAL_COLUMNS.filter((c) => isBlank(r, c)).length, 0) / (rows.length * OPTIONAL_COLUMNS.length);
    expect(blankShare).toBeGreaterThan(0.03);
    expect(blankShare).toBeLessThan(0.08);
  });

  it("has tight clusters of 4..8 sites, every pair within 20 km", () => {
    const clusters = new Map<string, Record<string, string>[]>();
    for (const row of rows) {
      const match = /^(.*) Campus [A-H]$/.exec(row.name ?? "");
      if (match?.[1] !== undefined) clusters.set(match[1], [...(clusters.get(match[1]) ?? []), row]);
    }
    const tight = [...clusters.values()].filter((members) => members.length >= 4);
    expect(tight.length).toBeGreaterThanOrEqual(3);
    expect(2 * CLUSTER_RADIUS_KM).toBeLessThanOrEqual(20);
    for (const members of tight) {
      expect(members.length).toBeLessThanOrEqual(8);
      for (const a of members) {
        for (const b of members) expect(haversineKm(num(a, "lat"), num(a, "lon"), num(b, "lat"), num(b, "lon"))).toBeLessThanOrEqual(20);
      }
    }
    expect(new Set(tight.map((m) => m[0]?.region)).size).toBe(tight.length);
  });

  it("weights the list toward states where data centres are built", () => {
    const count = (code: string): number => rows.filter((r) => r.region === code).length;
    for (const big of ["TX", "VA", "GA", "OH", "AZ"]) expect(count(big), big).toBeGreaterThan(count("CA"));
    expect(count("TX")).toBeGreaterThan(count("VA"));
  });
});

describe("data/regions.csv", () => {
  it("has one row for each of the 48 contiguous states, and every site's state is one", () => {
    const regions = parseRegions(regionsCsv);
    expect(regions).toHaveLength(48);
    const codes = new Set(regions.map((r) => r.region));
    expect(codes.size).toBe(48);
    for (const excluded of ["AK", "HI", "DC", "PR"]) expect(codes.has(excluded as never)).toBe(false);
    for (const row of rows) expect(codes.has(row.region as never)).toBe(true);
    for (const r of regions) {
      expect(r.capexBn).toBeGreaterThanOrEqual(8);
      expect(r.capexBn).toBeLessThanOrEqual(13.5);
      expect(r.waterStress).toBeGreaterThanOrEqual(0);
      expect(r.waterStress).toBeLessThanOrEqual(5);
    }
  });
});
