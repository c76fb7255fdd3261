import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { optimize, type OptimizeOptions } from "../../src/optimize/solve.ts";
import type { OptimizationProblem } from "../../src/optimize/types.ts";
import { disagreements, type Expected } from "./compare.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";
import { referenceHighs, solveReference } from "./reference.ts";

/**
 * Our path (`optimize`: diagnose, timing relaxation, schedule, bound elimination, full model)
 * against HiGHS on the plain time-indexed model of test/optimize/reference.ts, on seeded random
 * instances of 5–10 sites, 8–16 months and 2–4 sites to pick: same status, same objective
 * (1e-6 relative), and a plan that meets every rule by the hand ledger. Every fourth instance
 * restricts the first model to a few sites, so the restricted solve and bound elimination run.
 */
const INSTANCES = 210;

function instance(t: number): { problem: OptimizationProblem; options: OptimizeOptions } {
  const rng = seededRandom(777_000 + t);
  const objective = OBJECTIVE_KINDS[t % OBJECTIVE_KINDS.length] ?? "maxScore";
  const mix = randomMix(rng, { sites: [5, 10], pick: [2, 4], months: [8, 16] }, objective, rng.next() < 0.6);
  const problem = randomProblem(rng, t % 23 === 22 ? { ...mix, months: 0, cashRule: false, bridge: false, zoneLimit: false } : mix);
  return { problem: { ...problem, timeLimitMs: 30_000 }, options: t % 4 === 3 ? { restrictTo: problem.sitesToSelect + 1 } : {} };
}

describe("our path against HiGHS on a plain time-indexed model", () => {
  beforeAll(async () => {
    await referenceHighs();
  });

  it(`same status and objective on ${INSTANCES} seeded instances`, async () => {
    const tally = { optimal: 0, infeasible: 0, cash: 0, bridge: 0, heldBack: 0, undated: 0, eliminated: 0 };
    const failures: string[] = [];
    for (let t = 0; t < INSTANCES; t++) {
      const { problem, options } = instance(t);
      const reference = await solveReference(problem);
      if (reference.status === "other") {
        failures.push(`#${t}: reference model ended ${reference.message}`);
        continue;
      }
      const expected: Expected = reference.status === "optimal" ? { status: "optimal", objective: reference.objective } : { status: "infeasible" };
      const result = await optimize(problem, options);
      for (const d of disagreements(problem, result, expected)) failures.push(`#${t} (${problem.objective.kind}, ${problem.candidates.length} sites): ${d}`);
      tally[expected.status]++;
      if (problem.timeline === null) tally.undated++;
      if (problem.timeline?.cashRuleEnforced === true) tally.cash++;
      if (problem.timeline?.cash.bridge !== null && problem.timeline?.cashRuleEnforced === true) tally.bridge++;
      if (result.status === "optimal" && result.plan?.sites.some((s) => s.goLiveMonth > Math.max(0, s.readyMonth))) tally.heldBack++;
      if (result.stats.steps.some((s) => s.step === "eliminate")) tally.eliminated++;
    }
    expect(failures).toEqual([]);
    expect(tally.optimal).toBeGreaterThanOrEqual(120);
    expect(tally.infeasible).toBeGreaterThanOrEqual(20);
    expect(tally.cash).toBeGreaterThanOrEqual(100);
    expect(tally.bridge).toBeGreaterThanOrEqual(20);
    expect(tally.heldBack).toBeGreaterThanOrEqual(20);
    expect(tally.undated).toBeGreaterThanOrEqual(5);
    expect(tally.eliminated).toBeGreaterThanOrEqual(20);
  }, 300_000);
});
