/**
 * Rules of the model's `risk` section that need more than one field.
 */
import type { InputIssue } from "../core/issues.ts";
import { modelIssue, type ModelRule, type RuleContext } from "./rules.ts";
import type { ScenarioModel } from "./schema.ts";

/** The correlation weights share one standard-normal driver: they must sum to at most 1. Risk needs a schedule. */
export const riskConsistent: ModelRule = (model, context) => {
  const risk = model.risk;
  if (risk === undefined) return [];
  const issues: InputIssue[] = [];
  const c = risk.correlation;
  if (c !== undefined) {
    const sum = (c.all ?? 0) + (c.region ?? 0) + (c.gridZone ?? 0);
    if (sum > 1 + 1e-12) {
      issues.push(
        modelIssue(
          context,
          ["risk", "correlation"],
          "correlation_sum",
          `expected the weights all + region + gridZone to sum to at most 1 (they split one standard-normal driver), found ${c.all ?? 0} + ${c.region ?? 0} + ${c.gridZone ?? 0} = ${Number(sum.toFixed(12))}`,
        ),
      );
    }
  }
  if (model.schedule === undefined) {
    issues.push(modelIssue(context, ["risk"], "risk_without_schedule", "a risk section needs a schedule: delay risk is about the milestone dates"));
  }
  return issues;
};

/**
 * Most scenario terms robust planning may add to the MILP, bounded before anything is sampled as
 * scenarios × milestones × sites in the CSV. The bundled robust model (100 scenarios, 10
 * milestones, 760 sites: 760,000) solves; 400 and 1,000 scenarios on the same data did not end
 * within the time limit, and 1,000 exhausted HiGHS's WebAssembly memory.
 */
export const MAX_SCENARIO_TERMS = 1_000_000;

/**
 * Robust planning's size against the sites it runs on: refused, before the scenarios are drawn,
 * when scenarios × milestones × sites passes {@link MAX_SCENARIO_TERMS}, with the most scenarios that fit.
 * @example checkRobustFits(model, 760, { file: "models/risk/robust.json" }) // [] for 100 scenarios
 */
export function checkRobustFits(model: ScenarioModel, siteCount: number, context: RuleContext): InputIssue[] {
  const robust = model.risk?.robust;
  const milestones = model.schedule?.milestones.length ?? 0;
  if (robust === undefined || milestones === 0 || siteCount === 0) return [];
  const terms = robust.scenarios * milestones * siteCount;
  if (terms <= MAX_SCENARIO_TERMS) return [];
  const fits = Math.floor(MAX_SCENARIO_TERMS / (milestones * siteCount));
  const n = (v: number): string => v.toLocaleString("en-US");
  return [
    modelIssue(
      context,
      ["risk", "robust", "scenarios"],
      "too_many_scenarios",
      `robust planning over ${n(robust.scenarios)} scenarios, ${n(milestones)} milestones and ${n(siteCount)} sites is up to ${n(terms)} scenario terms in the MILP, more than the ${n(MAX_SCENARIO_TERMS)} it can hold and solve: ` +
        (fits >= 1 ? `use at most ${n(fits)} scenarios, or fewer sites` : "use fewer sites (filter the CSV) or fewer milestones"),
    ),
  ];
}
