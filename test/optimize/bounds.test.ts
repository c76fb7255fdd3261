import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { siteValue } from "../../src/optimize/formulate.ts";
import { optimize } from "../../src/optimize/solve.ts";
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import { gwMonthsTieBreak } from "./enumerate.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";

/**
 * No step, and no result, reports a bound beyond the largest value its objective can take: for a
 * maximum, the N best per-site values, each at its best go-live month (for a minimum, the N least);
 * for the least-equity step, between 0 and the total capex. Time limits of 1 to 40 ms stop the
 * engines mid-search, where bounds are least settled.
 */
function bestValue(problem: OptimizationProblem, site: Candidate): number {
  const timeline = problem.timeline;
  const last = timeline === null ? 0 : timeline.calendar.months - 1;
  const ready = Math.max(0, site.readyMonth ?? 0);
  const objective = problem.objective;
  switch (objective.kind) {
    case "maxScore":
      return site.score + (timeline === null ? 0 : objective.earlyPowerPointsPerMonth * (last - ready));
    case "maxGwMonths":
      return (timeline === null ? 0 : problem.gwPerSite * (last - ready + 1)) + gwMonthsTieBreak(problem) * site.score;
    case "minCost":
      return site.annualCostBn;
    case "npv": {
      let best = Number.NEGATIVE_INFINITY;
      for (let m = ready; m <= last; m++) best = Math.max(best, siteValue(problem, site, m));
      return best;
    }
  }
}

describe("bounds stay within what the objective can take", () => {
  it("on 120 seeded instances, with time limits that stop the engines mid-search", async () => {
    const failures: string[] = [];
    let bounds = 0;
    for (let t = 0; t < 120; t++) {
      const rng = seededRandom(91_000 + t);
      const objective = OBJECTIVE_KINDS[t % OBJECTIVE_KINDS.length] ?? "maxScore";
      const base = randomProblem(rng, randomMix(rng, { sites: [8, 24], pick: [2, 4], months: [8, 16] }, objective, t % 3 !== 0));
      const problem = { ...base, timeLimitMs: [1, 5, 15, 40][t % 4] as number };
      const last = problem.timeline === null ? 0 : problem.timeline.calendar.months - 1;
      const eligible = problem.candidates.filter((c) => problem.timeline === null || (c.readyMonth !== null && c.readyMonth <= last));
      const sign = problem.objective.kind === "minCost" ? -1 : 1;
      const values = eligible.map((c) => sign * bestValue(problem, c)).sort((a, b) => b - a);
      const ceiling = sign * values.slice(0, problem.sitesToSelect).reduce((s, v) => s + v, 0);
      const totalCapex = problem.candidates.reduce((s, c) => s + c.capexBn, 0);
      const beyond = (bound: number): boolean => sign * bound > sign * ceiling + 1e-6 * Math.max(1, Math.abs(ceiling));
      const result = await optimize(problem);
      for (const step of result.stats.steps) {
        if (step.bound === null) continue;
        bounds++;
        if (step.step === "least-equity") {
          if (step.bound < -1e-9 || step.bound > totalCapex + 1e-6) failures.push(`#${t} least-equity bound ${step.bound} outside [0, ${totalCapex}]`);
        } else if (beyond(step.bound)) failures.push(`#${t} (${problem.objective.kind}) ${step.step} bound ${step.bound} beyond ${ceiling}`);
      }
      if ((result.status === "optimal" || result.status === "time_limit" || result.status === "no_solution") && result.bound !== null && beyond(result.bound))
        failures.push(`#${t} (${problem.objective.kind}) result bound ${result.bound} beyond ${ceiling}`);
    }
    expect(failures).toEqual([]);
    expect(bounds).toBeGreaterThanOrEqual(30);
  }, 120_000);
});
