import { describe, expect, it } from "vitest";
import type { InputIssue, Loaded } from "../../src/core/issues.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import { uncertaintyOf } from "../../src/risk/uncertainty.ts";
import { siteReadiness } from "../../src/schedule/readiness.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";

const where = (loaded: Loaded<unknown>): unknown[][] =>
  loaded.ok ? [] : loaded.issues.filter((i: InputIssue) => i.severity === "error").map((i) => [i.line, i.column, i.code]);

const HEADER =
  "site_id,name,lat,lon,country,region,grid_zone,firm_power_mw,capex_bn,permitting_months,permitting_months_p90,time_to_power_months,time_to_power_months_p90";

const model = (risk: string): string => `{
  "name": "small",
  "criteria": [{ "column": "capex_bn", "direction": "lower", "weight": 1, "pillar": "financing", "value": { "kind": "linear", "worst": 13, "best": 7 } }],
  "pillars": { "financing": 1 },
  "schedule": { "startDate": "2026-01-01", "buildMonths": 12, "milestones": ["2028-12-31"] },
  "optimization": { "sites": 1, "gwPerSite": 1, "budgetBn": 25, "minSpacingKm": 0 },
  "risk": ${risk}
}
`;

describe("delay-risk inputs", () => {
  it("refuse a P90 below its P50 with the line and column, every such cell at once", () => {
    const csv = [
      HEADER,
      "A,Plant A,35,-100,US,TX,ERCOT,1200,9.5,12,18,20,30",
      "B,Plant B,35,-100,US,TX,ERCOT,1200,9.5,12,10,20,19",
      "C,Plant C,35,-100,US,TX,ERCOT,1200,9.5,12,,20,",
    ].join("\n");
    expect(where(parseSitesCsv(csv, "s.csv"))).toEqual([
      [3, "permitting_months_p90", "p90_below_p50"],
      [3, "time_to_power_months_p90", "p90_below_p50"],
    ]);
  });

  it("take a P90 from the CSV, the model's factor where it is blank, and no spread for a permitted site", () => {
    const csv = [`${HEADER},permitted`, "A,Plant A,35,-100,US,TX,ERCOT,1200,9.5,12,18,20,,", "B,Plant B,35,-100,US,OK,SPP,1200,9.5,12,18,20,40,true"].join(
      "\n",
    );
    const table = parseSitesCsv(csv, "s.csv");
    const loaded = parseModelJson(model(`{ "timeToPowerMonths": { "p90Factor": 1.5 }, "permittingMonths": { "p90Factor": 1.2 } }`), "m.json");
    if (!table.ok || !loaded.ok) throw new Error("inputs did not load");
    const m: ScenarioModel = loaded.value;
    const schedule = m.schedule;
    if (schedule === undefined) throw new Error("no schedule");
    const readiness = new Map(table.value.sites.map((s) => [s.siteId as string, siteReadiness(s, schedule)]));
    const u = uncertaintyOf(m, { startDate: "2026-01-01", months: 36 }, table.value.sites, readiness);
    const [a, b] = u.sites;
    expect(a?.permitting.sigma).toBeCloseTo(Math.log(18 / 12) / 1.2815515655446004, 10);
    expect(a?.timeToPower.sigma).toBeCloseTo(Math.log(1.5) / 1.2815515655446004, 10);
    expect(b?.permitting).toEqual({ median: 0, sigma: 0 });
    expect(b?.timeToPower.sigma).toBeCloseTo(Math.log(2) / 1.2815515655446004, 10);
    expect(a?.build.sigma).toBeCloseTo(Math.log(1.1) / 1.2815515655446004, 10);
    expect([u.regions, u.gridZones, a?.region, b?.region]).toEqual([2, 2, 1, 0]);
  });

  it("refuse correlation weights that sum above 1, an unknown key and a factor below 1, all at once", () => {
    const loaded = parseModelJson(
      model(`{ "correlation": { "all": 0.5, "region": 0.4, "gridZone": 0.3 }, "buildMonths": { "p90Factor": 0.8 }, "sample": 3 }`),
      "m.json",
    );
    expect(loaded.ok).toBe(false);
    const codes = loaded.ok ? [] : loaded.issues.map((i) => [i.path, i.code]);
    expect(codes).toContainEqual(["risk.buildMonths.p90Factor", expect.any(String)]);
    expect(codes.some(([path]) => String(path).startsWith("risk"))).toBe(true);
    const sum = parseModelJson(model(`{ "correlation": { "all": 0.5, "region": 0.4, "gridZone": 0.3 } }`), "m.json");
    expect(sum.ok ? [] : sum.issues.map((i) => [i.path, i.code, i.line])).toEqual([["risk.correlation", "correlation_sum", 7]]);
  });
});
