import { describe, expect, it } from "vitest";
import type { ScenarioModel } from "../../src/scenario/schema.ts";
import { screenSites } from "../../src/screen/screen.ts";
import type { SiteId } from "../../src/sites/types.ts";
import { makeSite } from "./helpers.ts";

const model: ScenarioModel = {
  name: "t",
  criteria: [{ column: "capex_bn", direction: "lower", weight: 1, pillar: "financing", value: { kind: "linear", worst: 13, best: 7 } }],
  pillars: { financing: 1 },
  // 1 GW of facility power: the screen's own firm-power step is the first one these steps follow.
  optimization: { sites: 1, gwPerSite: 1, gwIs: "facility", budgetBn: 20, minSpacingKm: 0 },
};

const sites = [
  makeSite("a", 30, -100),
  makeSite("b", 31, -100, { firmPowerMw: 500 }),
  makeSite("c", 32, -100),
  makeSite("d", 33, -100),
  makeSite("e", 34, -100),
];
const id = (s: string) => s as SiteId;

describe("screenSites with layer exclusions", () => {
  it("adds one funnel step per exclusion layer after the filters, and lists every reason", () => {
    const exclusions = new Map<SiteId, string[]>([
      [id("b"), ["inside park"]],
      [id("c"), ["inside park", "within 2 km of flood zones"]],
      [id("d"), ["within 2 km of flood zones"]],
    ]);
    const result = screenSites(sites, model, exclusions);
    expect(result.funnel).toEqual([
      { step: "candidates", remaining: 5 },
      { step: "firm power below 1,000 MW (1 GW of facility power)", remaining: 4 },
      { step: "inside park", remaining: 3 },
      { step: "within 2 km of flood zones", remaining: 2 },
    ]);
    expect(result.passed.map((s) => s.siteId)).toEqual(["a", "e"]);
    expect(result.excluded.map((e) => [e.site.siteId, e.reasons])).toEqual([
      ["b", ["firm power below 1,000 MW (1 GW of facility power)", "inside park"]],
      ["c", ["inside park", "within 2 km of flood zones"]],
      ["d", ["within 2 km of flood zones"]],
    ]);
  });

  it("changes nothing without exclusions, or with an empty map", () => {
    const plain = screenSites(sites, model);
    expect(screenSites(sites, model, new Map())).toEqual(plain);
    expect(plain.funnel.map((f) => f.step)).toEqual(["candidates", "firm power below 1,000 MW (1 GW of facility power)"]);
  });
});
