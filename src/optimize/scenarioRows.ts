/**
 * The robust-planning rows of the MILP (sample-average approximation). For each scenario s a
 * binary z_s; for each milestone k (month d_k) and scenario s
 *   Σ_i w[i, d_k − o_s(i)] · 1[r_s(i) ≤ d_k] − k · z_s ≥ 0,
 * and Σ_s z_s ≥ required. In scenario s a site planned live in month g goes live at the latest
 * of g, its ready month r_s(i), and its planned construction start g − B(i) plus its sampled
 * build b_s(i): at max(g + o_s(i), r_s(i)) with o_s(i) = max(0, b_s(i) − B(i)), its build
 * overrun. So it is live by d_k exactly when r_s(i) ≤ d_k and it is planned live by d_k − o_s(i):
 * with z_s = 1, at least k sites are actually live by every milestone in scenario s, and holding a
 * site back absorbs a late permit or grid connection but never its own build overrun. Only sites
 * that can be live by d_k (in the plan and in the scenario) take part, which keeps the rows sparse.
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
        const site = sites[p] as Candidate;
        const ready = site.scenarioReadyMonths?.[s];
        if (ready === undefined || ready > month) continue;
        const overrun = Math.max(0, (site.scenarioBuildMonths?.[s] ?? site.buildMonths) - site.buildMonths);
        const variable = liveBy(p, month - overrun);
        if (variable !== undefined) terms.push({ variable, coefficient: 1 });
      }
      terms.push({ variable: z[s] as number, coefficient: -k });
      builder.addRow({ name: `scenario_${s + 1}_m${k}`, terms, sense: ">=", rhs: 0 });
    }
  }
  builder.addRow({ name: "scenarios_met", terms: z.map((variable) => ({ variable, coefficient: 1 })), sense: ">=", rhs: rule.required });
}
