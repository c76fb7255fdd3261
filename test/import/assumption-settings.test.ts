/**
 * Each setting of the assumptions file (`settings` in data/assumptions/gppd.json) changes the
 * value it should, and only that: every case imports the same plants under the bundled settings
 * and under one edited setting, and compares the two by hand-worked numbers.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAssumptionsJson, type Assumptions, type ImportSettings } from "../../src/import/assumptions.ts";
import { readEia860Csv } from "../../src/import/eia860/read.ts";
import { importGppd, type ImportedSite } from "../../src/import/gppd/import.ts";
import { readGppdCsv } from "../../src/import/gppd/read.ts";
import { DEFAULT_ASSUMPTIONS_FILE, loadAssumptions } from "../../src/import/load.ts";

// Texas (regions.csv): grid carbon 380 kg/MWh, permitting 10 months, time to power 30 months.
const TX = { carbon: 380, permitting: 10, timeToPower: 30 };
const GPPD = [
  "country,name,gppd_idnr,capacity_mw,latitude,longitude,primary_fuel,generation_gwh_2017,generation_gwh_2018,generation_gwh_2019",
  "USA,Coal Plant,USA0000001,2000,31.0,-97.0,Coal,8760,,", // capacity factor 0.5
  "USA,Nuclear Plant,USA0000002,2000,31.5,-97.5,Nuclear,15768,15768,15768", // 0.9
  "USA,Gas With Gaps,USA0000003,1000,32.0,-97.0,Gas,0,0,2628", // 0.3 without the zeros, 0.1 with them
  "",
].join("\n");
const EIA = [
  "Plant Code,Balancing Authority Code,Regulatory Status,Sector Name,Grid Voltage (kV)",
  "1,ERCO,RE,Electric Utility,345",
  "2,ERCO,NR,IPP Non-CHP,345",
  "3,ERCO,NR,IPP Non-CHP,345",
  "",
].join("\n");

let bundled: Assumptions;
beforeAll(async () => {
  const loaded = await loadAssumptions();
  if (!loaded.ok) throw new Error("bundled assumptions did not load");
  bundled = loaded.value;
});

function sitesUnder(change: Partial<ImportSettings> = {}): Map<string, ImportedSite> {
  const assumptions: Assumptions = { ...bundled, raw: { ...bundled.raw, settings: { ...bundled.raw.settings, ...change } } };
  const read = readGppdCsv(GPPD, "g.csv");
  const eia = readEia860Csv(EIA, "e.csv");
  expect([...read.issues, ...eia.issues]).toEqual([]);
  const result = importGppd(read.plants, assumptions, { minCapacityMw: 500, file: "g.csv", eia860: { file: "e.csv", plants: eia.plants } });
  return new Map(result.sites.map((s) => [s.name, s]));
}
const get = (sites: Map<string, ImportedSite>, name: string): ImportedSite => {
  const site = sites.get(name);
  if (site === undefined) throw new Error(`${name} not imported`);
  return site;
};

describe("the bundled settings", () => {
  it("are grid carbon, replaced retiring units, greenfield timing for contested paths, 12 consent months, zero cells missing", () => {
    expect(bundled.raw.settings).toMatchObject({
      carbonAccounting: "grid",
      retiringUnits: "replace",
      contestedTiming: "greenfield",
      regulatedConsentMonths: 12,
      zeroGeneration: "missing",
    });
    expect(bundled.raw.fuels.Coal?.retiring).toBe(true);
    expect(bundled.raw.fuels.Nuclear?.contested).toBe(true);
  });

  it("refuse a version 1 file (it has no settings) with a message saying what to do", () => {
    const old = readFileSync(DEFAULT_ASSUMPTIONS_FILE, "utf8").replace('"version": 2', '"version": 1');
    const parsed = parseAssumptionsJson(old, "old.json");
    expect(parsed.ok ? [] : parsed.issues.map((i) => [i.path, i.message])).toEqual([["version", expect.stringContaining("start from a copy of the bundled")]]);
  });
});

describe("each setting changes the value it should", () => {
  it("carbonAccounting: grid gives every shared plant the grid's carbon; plant gives its own output", () => {
    const grid = sitesUnder();
    const plant = sitesUnder({ carbonAccounting: "plant" });
    expect([get(grid, "Nuclear Plant").carbonKgMwh, get(grid, "Gas With Gaps").carbonKgMwh]).toEqual([TX.carbon, TX.carbon]);
    expect([get(plant, "Nuclear Plant").carbonKgMwh, get(plant, "Gas With Gaps").carbonKgMwh]).toEqual([0, 410]);
    // A replaced coal unit runs on grid power under either accounting.
    expect([get(grid, "Coal Plant").carbonKgMwh, get(plant, "Coal Plant").carbonKgMwh]).toEqual([TX.carbon, TX.carbon]);
  });

  it("retiringUnits: replace takes the unit's connection (firm = capacity, wait × 0.3, grid carbon); share takes the running plant's share and its own carbon", () => {
    const replace = get(sitesUnder({ carbonAccounting: "plant" }), "Coal Plant");
    expect([replace.sitePlan, replace.firmPowerMw, replace.timeToPowerMonths, replace.carbonKgMwh]).toEqual(["replace", 2000, 9, TX.carbon]);
    const share = get(sitesUnder({ carbonAccounting: "plant", retiringUnits: "share" }), "Coal Plant");
    expect([share.sitePlan, share.firmPowerMw, share.timeToPowerMonths, share.carbonKgMwh]).toEqual(["share", 1700, 12, 1000]);
    expect(share.permittingMonths).toBe(replace.permittingMonths);
  });

  it("replacedUnit: its firm share and wait factor set a replaced unit's firm power and time to power", () => {
    const edited = get(sitesUnder({ replacedUnit: { firmShare: 0.5, timeToPowerFactor: 0.6 } }), "Coal Plant");
    expect([edited.firmPowerMw, edited.timeToPowerMonths]).toEqual([1000, 18]);
  });

  it("contestedTiming: greenfield keeps nuclear co-location at the region's greenfield timing; fuel uses the nuclear factors", () => {
    const greenfield = get(sitesUnder(), "Nuclear Plant");
    expect([greenfield.timeToPowerMonths, greenfield.permittingMonths]).toEqual([TX.timeToPower, TX.permitting]);
    const fuel = get(sitesUnder({ contestedTiming: "fuel" }), "Nuclear Plant");
    expect([fuel.timeToPowerMonths, fuel.permittingMonths]).toEqual([15, 8]);
    // An uncontested fuel is not affected.
    expect(get(sitesUnder({ contestedTiming: "fuel" }), "Gas With Gaps").timeToPowerMonths).toBe(get(sitesUnder(), "Gas With Gaps").timeToPowerMonths);
  });

  it("regulatedConsentMonths: added to a regulated plant's permitting, and only to it", () => {
    const twelve = sitesUnder();
    const none = sitesUnder({ regulatedConsentMonths: 0 });
    const coal = get(twelve, "Coal Plant");
    expect([coal.consentMonths, coal.permittingMonths]).toEqual([12, TX.permitting * 0.6 + 12]);
    expect([get(none, "Coal Plant").consentMonths, get(none, "Coal Plant").permittingMonths]).toEqual([0, TX.permitting * 0.6]);
    expect(get(twelve, "Nuclear Plant").permittingMonths).toBe(get(none, "Nuclear Plant").permittingMonths);
    expect(get(twelve, "Nuclear Plant").consentMonths).toBe(0);
  });

  it("zeroGeneration: missing leaves 0 GWh years out of the capacity factor; zero counts them", () => {
    const missing = get(sitesUnder(), "Gas With Gaps");
    const zero = get(sitesUnder({ zeroGeneration: "zero" }), "Gas With Gaps");
    expect([missing.capacityFactor, zero.capacityFactor]).toEqual([0.3, 0.1]);
    // A dispatchable plant's firm power does not depend on it; the coal plant (one year, no zeros) is the same either way.
    expect(missing.firmPowerMw).toBe(zero.firmPowerMw);
    expect(get(sitesUnder(), "Coal Plant").capacityFactor).toBe(0.5);
  });
});
