/** How every output names the objective and breaks it into its parts. */
import type { ObjectivePart, ProblemObjective } from "../pipeline/run.ts";

/** What the objective measures, in words. @example objectiveName({ kind: "npv", valueBnPerGwMonth: 1, discountRatePctPerYear: 8 }) // "net present value, $B" */
export function objectiveName(objective: ProblemObjective): string {
  switch (objective.kind) {
    case "maxScore":
      return objective.earlyPowerPointsPerMonth > 0 ? "total score with early-power bonus" : "total score";
    case "maxGwMonths":
      return "GW-months live by the last milestone";
    case "npv":
      return "net present value, $B";
    case "minCost":
      return "total annualized cost, $B/yr";
  }
}

/** Whether a larger objective is better (all but minCost). */
export const maximizes = (objective: ProblemObjective): boolean => objective.kind !== "minCost";

/**
 * The objective as the sum of its parts, each signed, and the total.
 * @example objectiveBreakdown([{ label: "score", value: 778.61 }, { label: "early-power bonus", value: 223.7 }]) // "score 778.6 + early-power bonus 223.7 = 1002.3"
 * @example objectiveBreakdown([{ label: "value of GW-months", value: 80 }, { label: "capex (discounted)", value: -61.25 }]) // "value of GW-months 80.0 − capex (discounted) 61.3 = 18.8"
 */
export function objectiveBreakdown(parts: readonly ObjectivePart[], decimals = 1, withTotal = true): string {
  if (parts.length === 0) return "";
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  const terms = parts.map((p, i) => {
    const text = `${p.label} ${Math.abs(p.value).toFixed(decimals)}`;
    if (i === 0) return p.value < 0 ? `−${text}` : text;
    return `${p.value < 0 ? "−" : "+"} ${text}`;
  });
  return parts.length === 1 || !withTotal ? terms.join(" ") : `${terms.join(" ")} = ${total.toFixed(decimals)}`;
}
