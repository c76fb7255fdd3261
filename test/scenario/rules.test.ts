import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";
import {
  checkBudgetFeasible,
  checkModelAgainstColumns,
  criterionIdsUnique,
  directionAgreesWithAnchors,
  filterOperatorsFit,
  MODEL_RULES,
  lockedListsConsistent,
  pathText,
  piecewisePointsValid,
  milestonesConsistent,
  weightsUsable,
} from "../../src/scenario/rules.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";

const loaded = parseModelJson(readFileSync("models/baseline.json", "utf8"), "baseline.json");
if (!loaded.ok) throw new Error("baseline model must load");
const baseline: ScenarioModel = loaded.value;
const context = { file: "m.json" };
/** A deep copy changed by `edit`, so no test can disturb another. */
function variant(edit: (model: { -readonly [K in keyof ScenarioModel]: any }) => void): ScenarioModel {
  const copy = structuredClone(baseline) as { -readonly [K in keyof ScenarioModel]: any };
  edit(copy);
  return copy as ScenarioModel;
}
const codes = (issues: readonly { code: string; path?: string }[]) => issues.map((i) => [i.path, i.code]);

describe("model rules", () => {
  it("all pass on the baseline model", () => {
    for (const rule of MODEL_RULES) {
      expect(rule(baseline, context)).toEqual([]);
    }
  });

  it("direction must agree with linear anchors and piecewise ends", () => {
    const swapped = variant((m) => (m.criteria[0].value = { kind: "linear", worst: 30, best: 120 }));
    expect(codes(directionAgreesWithAnchors(swapped, context))).toEqual([["criteria[0].direction", "direction_mismatch"]]);
    const flat = variant((m) => (m.criteria[3].value = { kind: "linear", worst: 5, best: 5 }));
    expect(codes(directionAgreesWithAnchors(flat, context))).toEqual([["criteria[3].value", "flat_value_function"]]);
    const piecewise = variant(
      (m) =>
        (m.criteria[3].value = {
          kind: "piecewise",
          points: [
            [1000, 100],
            [3000, 0],
          ],
        }),
    );
    expect(codes(directionAgreesWithAnchors(piecewise, context))).toEqual([["criteria[3].direction", "direction_mismatch"]]);
  });

  it("piecewise x must increase strictly and scores stay in 0..100", () => {
    const model = variant(
      (m) =>
        (m.criteria[5].value = {
          kind: "piecewise",
          points: [
            [0, 100],
            [12, 120],
            [12, 50],
            [6, -1],
          ],
        }),
    );
    expect(codes(piecewisePointsValid(model, context))).toEqual([
      ["criteria[5].value.points[1]", "score_range"],
      ["criteria[5].value.points[2]", "piecewise_order"],
      ["criteria[5].value.points[3]", "piecewise_order"],
      ["criteria[5].value.points[3]", "score_range"],
    ]);
  });

  it("weights: all-zero criteria, all-zero used pillars, unknown and unused pillars", () => {
    const zeroCriteria = variant((m) =>
      m.criteria.forEach((c: { weight: number }) => {
        c.weight = 0;
      }),
    );
    expect(codes(weightsUsable(zeroCriteria, context))).toEqual([["criteria", "all_weights_zero"]]);
    const zeroPillars = variant((m) => (m.pillars = { energy: 0, permitting: 0, financing: 0, water: 5 }));
    expect(codes(weightsUsable(zeroPillars, context)).filter(([, code]) => code !== "zero_pillar")).toEqual([
      ["pillars", "all_weights_zero"],
      ["pillars.water", "unused_pillar"],
    ]);
    const unknown = variant((m) => (m.criteria[6].pillar = "financng"));
    const issues = weightsUsable(unknown, context);
    expect(codes(issues)).toEqual([["criteria[6].pillar", "unknown_pillar"]]);
    expect(issues[0]?.message).toContain("did you mean 'financing'?");
  });

  it("milestones: in order, after the start, one per site", () => {
    const model = variant((m) => {
      m.schedule.milestones = ["2024-12-31", "2027-06-30", "2027-03-31"];
    });
    expect(codes(milestonesConsistent(model, context))).toEqual([
      ["schedule.milestones[0]", "milestone_before_start"],
      ["schedule.milestones[2]", "milestone_order"],
      ["schedule.milestones", "milestone_count"],
    ]);
  });

  it("locked lists: overlap and too many locked in", () => {
    const model = variant((m) => {
      m.optimization.sites = 2;
      m.schedule.milestones = m.schedule.milestones.slice(0, 2);
      m.optimization.lockedIn = ["A", "B", "C"];
      m.optimization.lockedOut = ["D", "B"];
    });
    expect(codes(lockedListsConsistent(model, context))).toEqual([
      ["optimization.lockedOut[1]", "locked_overlap"],
      ["optimization.lockedIn", "too_many_locked"],
    ]);
  });

  it("criterion ids are unique and text filters only use == or !=", () => {
    const model = variant((m) => {
      m.criteria.push({ ...m.criteria[0] });
      m.filters = [
        { column: "firm_power_mw", op: ">=", value: 1500 },
        { column: "region", op: ">=", value: "TX" },
      ];
    });
    expect(codes(criterionIdsUnique(model, context))).toEqual([["criteria[9]", "duplicate_criterion"]]);
    expect(codes(filterOperatorsFit(model, context))).toEqual([["filters[1].op", "filter_op"]]);
  });

  it("columns: criteria and filters must name a CSV column, with a suggestion", () => {
    const columns = [
      "site_id",
      "power_price_usd_mwh",
      "carbon_kg_mwh",
      "time_to_power_months",
      "firm_power_mw",
      "water_stres",
      "permitting_months",
      "capex_bn",
      "cost_of_capital_pct",
      "incentives_bn",
    ];
    const issues = checkModelAgainstColumns(baseline, columns, "m.json");
    expect(codes(issues)).toEqual([["criteria[4].column", "unknown_column"]]);
    expect(issues[0]?.message).toBe("criterion names column 'water_stress', which the site CSV does not have: did you mean 'water_stres'?");
  });

  it("pathText writes indices in brackets", () => {
    expect(pathText(["criteria", 2, "value", "points", 0])).toBe("criteria[2].value.points[0]");
  });
});

describe("checkBudgetFeasible", () => {
  it("agrees with brute-force enumeration on random small cases", () => {
    const rng = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const count = rng.int(0, 7);
      const sites = rng.int(1, 4);
      const gwPerSite = rng.pick([0.5, 1, 2]);
      const capexes = Array.from({ length: count }, () => Math.round(rng.uniform(5, 15) * 10) / 10);
      const budgetBn = Math.round(rng.uniform(0, 60));
      const model = variant((m) => {
        m.optimization.sites = sites;
        m.optimization.gwPerSite = gwPerSite;
        m.optimization.budgetBn = budgetBn;
      });
      const cheapest = minimumSubsetCost(capexes, sites);
      const issues = checkBudgetFeasible(model, capexes, "m.json");
      if (cheapest === undefined) expect(codes(issues)).toEqual([["optimization.sites", "too_few_sites"]]);
      else if (cheapest * gwPerSite <= budgetBn + 1e-9) expect(issues).toEqual([]);
      else expect(codes(issues)).toEqual([["optimization.budgetBn", "budget_infeasible"]]);
    }
  });
});

/** The lowest total over all subsets of exactly `size` items, by enumeration. */
function minimumSubsetCost(values: readonly number[], size: number): number | undefined {
  let best: number | undefined;
  for (let mask = 0; mask < 1 << values.length; mask++) {
    let count = 0;
    let sum = 0;
    values.forEach((v, i) => {
      if (mask & (1 << i)) {
        count++;
        sum += v;
      }
    });
    if (count === size && (best === undefined || sum < best)) best = sum;
  }
  return best;
}
