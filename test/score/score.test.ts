import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import type { ScenarioModel, ValueFunction } from "../../src/scenario/schema.ts";
import { applyValueFunction } from "../../src/score/valueFunction.ts";
import { normalizeWeights, scoreSites } from "../../src/score/score.ts";
import { capitalRecoveryFactor, annualCost } from "../../src/finance/cost.ts";
import { asSiteId, type Site } from "../../src/sites/types.ts";
import { expectApprox } from "../helpers/approx.ts";

function site(id: string, values: Record<string, number | null>): Site {
  return {
    siteId: asSiteId(id),
    name: id,
    lat: 35,
    lon: -100,
    country: "US",
    region: "TX",
    gridZone: "ERCOT",
    firmPowerMw: values.firm_power_mw ?? 1500,
    timeToPowerMonths: values.time_to_power_months ?? null,
    powerPriceUsdMwh: values.power_price_usd_mwh ?? null,
    carbonKgMwh: values.carbon_kg_mwh ?? null,
    permittingMonths: values.permitting_months ?? null,
    capexBn: values.capex_bn ?? 10,
    costOfCapitalPct: values.cost_of_capital_pct ?? null,
    incentivesBn: values.incentives_bn ?? null,
    brownfield: null,
    permitted: null,
    earliestOnlineDate: null,
    line: 2,
    values: new Map(Object.entries(values)),
    text: new Map(),
  };
}

const model = {
  name: "t",
  criteria: [
    { column: "power_price_usd_mwh", direction: "lower", weight: 3, pillar: "energy", value: { kind: "linear", worst: 120, best: 30 } },
    {
      column: "carbon_kg_mwh",
      direction: "lower",
      weight: 1,
      pillar: "energy",
      value: {
        kind: "piecewise",
        points: [
          [0, 100],
          [400, 50],
          [800, 0],
        ],
      },
    },
    { column: "permitting_months", direction: "lower", weight: 2, pillar: "permitting", value: { kind: "linear", worst: 36, best: 0 }, missingScore: 25 },
    { column: "capex_bn", direction: "lower", weight: 1, pillar: "financing", value: { kind: "minmax" } },
  ],
  pillars: { energy: 2, permitting: 1, financing: 1 },
  optimization: { sites: 1, gwPerSite: 1, budgetBn: 100, minSpacingKm: 0 },
} as unknown as ScenarioModel;

describe("value functions", () => {
  it("hit their anchors, interpolate between them and clamp beyond them", () => {
    const linear = { kind: "linear", worst: 36, best: 0 } as const;
    expect(applyValueFunction(linear, "lower", 0)).toBe(100);
    expect(applyValueFunction(linear, "lower", 36)).toBe(0);
    expect(applyValueFunction(linear, "lower", 9)).toBe(75);
    expect(applyValueFunction(linear, "lower", -5)).toBe(100);
    expect(applyValueFunction(linear, "lower", 50)).toBe(0);
    const piecewise: ValueFunction = {
      kind: "piecewise",
      points: [
        [0, 100],
        [400, 50],
        [800, 0],
      ],
    };
    expect(applyValueFunction(piecewise, "lower", 200)).toBe(75);
    expect(applyValueFunction(piecewise, "lower", 600)).toBe(25);
    expect(applyValueFunction(piecewise, "lower", 1000)).toBe(0);
    expect(applyValueFunction({ kind: "minmax" }, "lower", 8, { min: 8, max: 12 })).toBe(100);
    expect(applyValueFunction({ kind: "minmax" }, "higher", 11, { min: 8, max: 12 })).toBe(75);
  });
});

describe("scoring", () => {
  it("normalizes weights and reports the shares", () => {
    const w = normalizeWeights(model);
    expectApprox(w.pillars, { energy: 0.5, permitting: 0.25, financing: 0.25 });
    expectApprox(w.criteria, { power_price_usd_mwh: 0.375, carbon_kg_mwh: 0.125, permitting_months: 0.25, capex_bn: 0.25 });
  });

  it("adds contributions up to the overall score on random sites, and pillar scores are the weighted means", () => {
    const rng = seededRandom(5);
    const sites = Array.from({ length: 50 }, (_, i) =>
      site(`S${i}`, {
        power_price_usd_mwh: rng.next() < 0.1 ? null : rng.uniform(20, 130),
        carbon_kg_mwh: rng.uniform(0, 900),
        permitting_months: rng.next() < 0.2 ? null : rng.uniform(0, 40),
        capex_bn: rng.uniform(7, 13),
      }),
    );
    for (const s of scoreSites(sites, model)) {
      expectApprox(
        s.contributions.reduce((sum, c) => sum + c.points, 0),
        s.overall,
        { abs: 1e-9 },
      );
      expectApprox(0.5 * (s.pillars.energy ?? 0) + 0.25 * (s.pillars.permitting ?? 0) + 0.25 * (s.pillars.financing ?? 0), s.overall, { abs: 1e-9 });
      expect(s.overall).toBeGreaterThanOrEqual(0);
      expect(s.overall).toBeLessThanOrEqual(100);
      const permitting = s.contributions.find((c) => c.column === "permitting_months");
      if (s.site.permittingMonths === null) {
        expect(permitting?.missing).toBe(true);
        expect(permitting?.value).toBe(25);
      }
    }
  });

  it("with fixed anchors, editing one row never changes another row's score (min-max is the exception it is documented to be)", () => {
    const a = site("A", { power_price_usd_mwh: 50, carbon_kg_mwh: 300, permitting_months: 10, capex_bn: 9 });
    const b = site("B", { power_price_usd_mwh: 70, carbon_kg_mwh: 500, permitting_months: 20, capex_bn: 11 });
    const fixedOnly = { ...model, criteria: model.criteria.slice(0, 3) } as ScenarioModel;
    const before = scoreSites([a, b], fixedOnly)[0]?.overall;
    const after = scoreSites([a, site("B", { power_price_usd_mwh: 110, carbon_kg_mwh: 50, permitting_months: 1, capex_bn: 7 })], fixedOnly)[0]?.overall;
    expect(after).toBe(before);
  });

  it("annualizes capex less incentives at the site's cost of capital and adds energy", () => {
    expectApprox(capitalRecoveryFactor(8, 20), 0.10185220882315059, { rel: 1e-12 });
    expectApprox(capitalRecoveryFactor(0, 20), 0.05);
    const cost = annualCost(
      site("C", { capex_bn: 10, incentives_bn: 1, cost_of_capital_pct: 8, power_price_usd_mwh: 50 }),
      { assetLifeYears: 20, pue: 1.2, defaultCostOfCapitalPct: 8 },
      1,
    );
    // (10 − 1) × 0.1018522 = 0.916670 $B/yr; 8,760 h × 1,000 MW × 1.2 × $50 = $0.5256B/yr.
    expectApprox(cost?.capitalBn, 0.9166698794083553, { rel: 1e-9 });
    expectApprox(cost?.energyBn, 0.5256, { rel: 1e-12 });
  });
});
