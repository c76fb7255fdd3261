/**
 * Robust planning (sample-average approximation): the plan must meet every milestone in at
 * least ⌈α·S⌉ of S sampled scenarios. See docs/delay-risk.md.
 */
import type { SiteId } from "../sites/types.ts";
import type { RiskSummary } from "./summary.ts";

/** A robust plan's figures against the deterministic plan's. */
export interface RobustOutcome {
  readonly alpha: number;
  readonly scenarios: number;
  readonly requiredScenarios: number;
  readonly seed: number;
  /** Scenarios in which the chosen plan meets every milestone, counted outside the MILP. */
  readonly scenariosMet: number;
  /** The chosen plan evaluated on a fresh sample (the evaluation's own stream). */
  readonly outOfSample: RiskSummary;
  /** The plan without the scenario rows, for the price of robustness. */
  readonly deterministic: {
    readonly objective: number;
    readonly selected: readonly SiteId[];
    readonly scenariosMet: number;
    readonly outOfSample: RiskSummary;
  } | null;
  /** Objective given up for robustness: deterministic − robust (maximisation) or robust − deterministic (minCost). */
  readonly priceOfRobustness: number | null;
}
