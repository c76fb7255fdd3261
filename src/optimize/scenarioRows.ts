/**
 * The robust-planning rows of the MILP (sample-average approximation). For each scenario s a
 * binary z_s; for each milestone k (month d_k) and scenario s
 *   Σ_i w[i, d_k] · 1[r_s(i) ≤ d_k] − k · z_s ≥ 0,
 * and Σ_s z_s ≥ required. A site planned live by d_k goes live in scenario s at the later of its
 * planned month and r_s(i), so it counts by d_k exactly when r_s(i) ≤ d_k: with z_s = 1, at least
 * k sites are actually live by every milestone in scenario s. Only sites that can be live by d_k
 * (in the plan and in the scenario) take part, which keeps the rows sparse.
 */
import type { ProgramBuilder } from "./program.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";
import type { Timeline } from "../schedule/types.ts";

/**
 * Adds the scenario variables and rows; `liveBy(p, t)` is the variable "site p live by month t".
 * @example addScenarioRows(problem, timeline, builder, sites, liveBy)
 */
export function addScenarioRows(
  problem: OptimizationProblem,
  timeline: Timeline,
  builder: ProgramBuilder,
  sites: readonly Candidate[],
  liveBy: (p: number, t: number) => number | undefined,
): void {
  const rule = problem.scenarios;
  if (rule === undefined || rule.count === 0) return;
  // Milestone months, with the largest k at each (equal dates need the larger count only).
  const required = new Map<number, number>();
  for (const m of timeline.milestones) required.set(m.month, Math.max(required.get(m.month) ?? 0, m.index));
  const milestones = [...required].sort(([a], [b]) => a - b);
  const z: number[] = [];
  for (let s = 0; s < rule.count; s++) {
    z.push(
      builder.addVariable({
        name: `z_scenario_${s + 1}`,
        kind: "binary",
        upper: 1,
        candidate: null,
        month: null,
        objective: 0,
        meaning: `scenario ${s + 1} meets every milestone`,
      }),
    );
  }
  for (let s = 0; s < rule.count; s++) {
    for (const [month, k] of milestones) {
      const terms = [];
      for (let p = 0; p < sites.length; p++) {
        const ready = sites[p]?.scenarioReadyMonths?.[s];
        if (ready === undefined || ready > month) continue;
        const variable = liveBy(p, month);
        if (variable !== undefined) terms.push({ variable, coefficient: 1 });
      }
      terms.push({ variable: z[s] as number, coefficient: -k });
      builder.addRow({ name: `scenario_${s + 1}_m${k}`, terms, sense: ">=", rhs: 0 });
    }
  }
  builder.addRow({ name: "scenarios_met", terms: z.map((variable) => ({ variable, coefficient: 1 })), sense: ">=", rhs: rule.required });
}
