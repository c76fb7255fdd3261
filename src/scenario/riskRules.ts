/**
 * Rules of the model's `risk` section that need more than one field.
 */
import type { InputIssue } from "../core/issues.ts";
import { modelIssue, type ModelRule } from "./rules.ts";

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
