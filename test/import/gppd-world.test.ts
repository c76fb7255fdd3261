/**
 * The importer on a hand-made GPPD-format file (global layout) with plants in Australia, Japan,
 * Chile, Fiji (on both sides of the antimeridian), Norway, New Zealand and South Africa: any
 * country, any hemisphere, defaults where no regional table exists, and a verified run.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/geo/sphere.ts";
import type { Assumptions, RegionTable } from "../../src/import/assumptions.ts";
import { importGppd, type GppdImport } from "../../src/import/gppd/import.ts";
import { readGppdCsv } from "../../src/import/gppd/read.ts";
import { roundTo } from "../../src/import/gppd/derive.ts";
import { loadAssumptions } from "../../src/import/load.ts";
import { loadModel } from "../../src/scenario/load.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { toCsv } from "../../src/core/csv.ts";
import { buildReportHtml } from "../../src/analysis/reportHtml.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import { expectApprox } from "../helpers/approx.ts";

const file = "test/fixtures/gppd/world-plants.csv";
const text = readFileSync(new URL("../fixtures/gppd/world-plants.csv", import.meta.url), "utf8");
const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

let assumptions: Assumptions;
beforeAll(async () => {
  const loaded = await loadAssumptions();
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
  assumptions = loaded.value;
});

const importText = (csv: string, a: Assumptions = assumptions, minCapacityMw = 500): GppdImport => {
  const read = readGppdCsv(csv, file, { minCapacityMw });
  expect(read.issues).toEqual([]);
  return importGppd(read.plants, a, { minCapacityMw, file, rowCount: read.rowCount });
};

describe("import gppd on plants outside the US", () => {
  it("imports every plant at or above the threshold, with its coordinates as given", () => {
    const result = importText(text);
    const expected = rows.filter((r) => Number(r.capacity_mw) >= 500);
    expect(result.sites.map((s) => s.siteId)).toEqual(expected.map((r) => r.gppd_idnr));
    for (const [i, site] of result.sites.entries()) {
      expect([site.lat, site.lon]).toEqual([Number(expected[i]?.latitude), Number(expected[i]?.longitude)]);
      expect(site.country).toBe(expected[i]?.country);
    }
    expect(result.sites.some((s) => s.lat < 0 && s.lon > 170)).toBe(true);
    expect(result.sites.some((s) => s.lon < -179)).toBe(true);
  });

  it("uses the country as region and grid zone and the world default values where no table exists", () => {
    const result = importText(text);
    const world = assumptions.raw.world;
    for (const site of result.sites) {
      expect([site.region, site.gridZone, site.regionSource, site.assumptionsKey]).toEqual([site.country, site.country, "country", "*"]);
      expect(site.powerPriceUsdMwh).toBe(world.power_price_usd_mwh);
      expect(site.costOfCapitalPct).toBe(world.cost_of_capital_pct);
      expectApprox(site.capexBn, roundTo(world.capex_bn * assumptions.raw.site.capexFactor, 2));
      expect(site.extras.get("water_stress") ?? null).toBeNull();
    }
  });

  it("takes the capacity factor from reported, then estimated generation (global layout), then the fuel default", () => {
    const result = importText(text);
    const site = (id: string) => result.sites.find((s) => s.siteId === id);
    // Latrobe Valley (fixture): 1,480 MW, no reported generation, estimated 9,000, 8,800, 8,600,
    // 8,700, 8,500 GWh → mean 8,720 / (1,480 × 8.76 = 12,964.8) = 0.6726 → 0.673.
    expect([site("AUSX000002")?.capacityFactor, site("AUSX000002")?.capacityFactorSource]).toEqual([0.673, "estimated"]);
    // Sognefjord Hydro (fixture): 3,000 MW, reported 15,000, 14,000, 16,000 → 15,000 / 26,280 = 0.571;
    // energy-limited, so firm = 3,000 × min(0.5, 0.571) = 1,500 MW.
    expect([site("NORX000001")?.capacityFactor, site("NORX000001")?.firmPowerMw]).toEqual([0.571, 1500]);
    // Taveuni Gas (fixture): no generation at all → gas default 0.4; firm 1,250 × 0.85 = 1,062.5 → 1,063.
    expect([site("FJIX000002")?.capacityFactorSource, site("FJIX000002")?.capacityFactor, site("FJIX000002")?.firmPowerMw]).toEqual([
      "fuel default",
      0.4,
      1063,
    ]);
  });

  it("writes a CSV the sites loader accepts, and the baseline model picks ten verified sites from it", async () => {
    const result = importText(text);
    const loaded = parseSitesCsv(toCsv(result.header, result.rows), "world-sites.csv");
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.line}: ${i.message}`).join("; "));
    const model = await loadModel("models/baseline.json");
    if (!model.ok) throw new Error("baseline model did not load");
    // This test is about the import and the antimeridian; the cash rule is tested in test/optimize.
    const m = model.value;
    // 1 GW of facility power per site, as the imported plants' capacities are: the firm-power screen is not under test.
    const outcome = await runScenario(loaded.value, {
      ...m,
      optimization: { ...m.optimization, gwIs: "facility" },
      schedule: { ...m.schedule!, tranches: { ...m.schedule!.tranches!, cashRule: false } },
    });
    expect(outcome.result.status).toBe("optimal");
    expect(outcome.verification?.ok).toBe(true);
    if (outcome.result.status !== "optimal") return;
    expect(outcome.result.selected).toHaveLength(10);
    // The two Fiji plants straddle the antimeridian ~40 km apart: the 100 km spacing rule must see
    // them as neighbours (a naive longitude difference would put them 360° apart).
    const fiji = result.sites.filter((s) => s.country === "FJI");
    expect(haversineKm(fiji[0]!.lat, fiji[0]!.lon, fiji[1]!.lat, fiji[1]!.lon)).toBeLessThan(100);
    expect(outcome.result.selected.filter((id) => id.startsWith("FJI")).length).toBeLessThanOrEqual(1);
    const html = await buildReportHtml(outcome, { sitesFile: "world-sites.csv", modelFile: "models/baseline.json" }, { frontierLevels: 2 });
    for (const id of outcome.result.selected) expect(html).toContain(id);
    expect(html).toContain("Equal Earth projection");
  });

  it("takes the region from a region column when the file has one; a region without a row is its own grid zone", () => {
    const withRegion = Papa.unparse(
      rows.map((r) => ({ ...r, region: r.country === "AUS" ? "NSW" : "" })),
      { newline: "\n" },
    );
    const result = importText(withRegion);
    const aus = result.sites.filter((s) => s.country === "AUS");
    expect(aus.map((s) => [s.region, s.gridZone, s.regionSource])).toEqual(aus.map(() => ["NSW", "NSW", "region column"]));
    const others = result.sites.filter((s) => s.country !== "AUS");
    expect(others.every((s) => s.region === s.country && s.regionSource === "country")).toBe(true);
  });

  it("applies a countries entry over the world default, and a country's own regional table by region", () => {
    const nsw: RegionTable = {
      file: "aus-regions.csv",
      locate: "region-column",
      extraColumns: [],
      rows: new Map([
        [
          "NSW",
          {
            gridZone: "NEM",
            powerPriceUsdMwh: 70,
            carbonKgMwh: 600,
            permittingMonths: 20,
            timeToPowerMonths: 30,
            costOfCapitalPct: 7.5,
            incentivesBn: 0.2,
            capexBn: 11,
            extras: new Map(),
          },
        ],
      ]),
    };
    const custom: Assumptions = {
      ...assumptions,
      raw: { ...assumptions.raw, countries: { JPN: { capex_bn: 12, grid_zone: "JP-EAST" } } },
      regionTables: new Map([...assumptions.regionTables, ["AUS", nsw]]),
    };
    const withRegion = Papa.unparse(
      rows.map((r) => ({ ...r, region: r.gppd_idnr === "AUSX000001" ? "NSW" : "" })),
      { newline: "\n" },
    );
    const result = importText(withRegion, custom);
    const hunter = result.sites.find((s) => s.siteId === "AUSX000001");
    // Coal: time to power 30 × 0.3 = 9; permitting 20 × 0.6 = 12; capex 11 × 0.95 = 10.45.
    expect([hunter?.assumptionsKey, hunter?.gridZone, hunter?.timeToPowerMonths, hunter?.permittingMonths, hunter?.capexBn, hunter?.powerPriceUsdMwh]).toEqual([
      "AUS/NSW",
      "NEM",
      9,
      12,
      10.45,
      70,
    ]);
    // Latrobe has no region cell: region AUS, no row, and the table's median (its only row) as the country default.
    const latrobe = result.sites.find((s) => s.siteId === "AUSX000002");
    expect([latrobe?.region, latrobe?.assumptionsKey, latrobe?.capexBn]).toEqual(["AUS", "AUS", 10.45]);
    const kashima = result.sites.find((s) => s.siteId === "JPNX000001");
    expect([kashima?.assumptionsKey, kashima?.gridZone, kashima?.capexBn, kashima?.powerPriceUsdMwh]).toEqual([
      "JPN",
      "JP-EAST",
      11.4,
      assumptions.raw.world.power_price_usd_mwh,
    ]);
  });

  it("gives a US plant outside the 48 states of data/regions.csv the median of that table", () => {
    const regions = Papa.parse<Record<string, string>>(readFileSync(new URL("../../data/regions.csv", import.meta.url), "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const median = (column: string): number => {
      const v = regions.map((r) => Number(r[column])).sort((a, b) => a - b);
      return v.length % 2 === 1 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
    };
    const alaska = "country,name,gppd_idnr,capacity_mw,latitude,longitude,primary_fuel\nUSA,Anchorage Gas (made up),USAX1,1300,61.2,-149.9,Gas\n";
    const [site] = importText(alaska).sites;
    expect([site?.region, site?.regionSource, site?.assumptionsKey, site?.gridZone]).toEqual(["AK", "state outline", "USA", "AK"]);
    expect(site?.powerPriceUsdMwh).toBe(median("power_price_usd_mwh"));
    expectApprox(site?.capexBn, roundTo(median("capex_bn") * 0.95, 2));
    expectApprox(site?.timeToPowerMonths, roundTo(median("time_to_power_months") * 0.4, 1));
    expect(site?.extras.get("water_stress")).toBe(median("water_stress"));
  });
});
