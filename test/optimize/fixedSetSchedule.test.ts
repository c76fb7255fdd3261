import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { scheduleFixedSet } from "../../src/optimize/fixedSetSchedule.ts";
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import { enumerateOptimum, leastEquity } from "./enumerate.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";

/**
 * The fixed-set scheduler against brute force: on seeded random instances, a random set of N
 * sites (every other rule switched off, so only the dates are to choose) is scheduled by
 * enumeration of every go-live month of every site, and by the branch and bound. Same status,
 * same objective, and in least-equity mode the same least equity.
 */
function fixedSet(t: number): OptimizationProblem | null {
  const rng = seededRandom(31_000 + t);
  const objective = OBJECTIVE_KINDS[t % OBJECTIVE_KINDS.length] ?? "maxScore";
  const drawn = randomProblem(rng, randomMix(rng, { sites: [4, 8], pick: [2, 4], months: [6, 14] }, objective, t % 5 !== 4));
  // The scheduler runs where the cash rule is one pool (poolCashRule): a bridge without interest.
  const bridge = drawn.timeline?.cash.bridge ?? null;
  const problem: OptimizationProblem =
    drawn.timeline === null || bridge === null
      ? drawn
      : { ...drawn, timeline: { ...drawn.timeline, cash: { ...drawn.timeline.cash, bridge: { ...bridge, monthlyRate: 0 } } } };
  const timeline = problem.timeline;
  if (timeline === null) return null;
  const eligible = problem.candidates.filter((c) => c.readyMonth !== null && c.readyMonth <= timeline.calendar.months - 1);
  if (eligible.length < problem.sitesToSelect) return null;
  const set: Candidate[] = [];
  const pool = [...eligible];
  while (set.length < problem.sitesToSelect) set.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as Candidate);
  const objectiveOnly = problem.objective.kind === "minCost" ? { kind: "minCost" as const, minAverageScore: 0 } : problem.objective;
  return {
    ...problem,
    candidates: set.map((c) => ({ ...c, lockedIn: false })),
    budgetBn: 1e9,
    regionCaps: new Map(),
    gridZoneCaps: new Map(),
    minSpacingKm: 0,
    objective: objectiveOnly,
  };
}

describe("the fixed-set scheduler is exact", () => {
  it("same status and objective as enumeration, and the same least equity, on 400 seeded sets", () => {
    const failures: string[] = [];
    const tally = { optimal: 0, infeasible: 0, heldBack: 0 };
    for (let t = 0; t < 400; t++) {
      const problem = fixedSet(t);
      if (problem === null) continue;
      const sign = problem.objective.kind === "minCost" ? -1 : 1;
      const expected = enumerateOptimum(problem);
      const got = scheduleFixedSet(problem, problem.candidates);
      if (got.kind === "stopped") throw new Error("no limit was set");
      if (got.kind !== expected.status) failures.push(`#${t} (${problem.objective.kind}): ${got.kind}, enumeration ${expected.status}`);
      else if (got.kind === "optimal" && expected.status === "optimal") {
        tally.optimal++;
        if (Math.abs(sign * got.value - expected.objective) > 1e-6 * Math.max(1, Math.abs(expected.objective)))
          failures.push(`#${t} (${problem.objective.kind}): objective ${sign * got.value}, enumeration ${expected.objective}`);
        if (problem.candidates.some((c) => (got.goLive.get(c.siteId) ?? 0) > Math.max(0, c.readyMonth ?? 0))) tally.heldBack++;
      } else tally.infeasible++;
      const least = leastEquity(problem);
      const mine = scheduleFixedSet(problem, problem.candidates, { leastEquity: true });
      const limit = problem.timeline?.cash.bridge?.limitBn ?? 0;
      if (least === null) {
        if (mine.kind !== "infeasible") failures.push(`#${t}: least equity ${mine.kind}, enumeration finds no plan at any equity`);
      } else if (mine.kind !== "optimal") failures.push(`#${t}: least equity ${mine.kind}, enumeration ${least}`);
      else if (Math.abs(Math.max(0, -mine.value - limit) - least) > 1e-6)
        failures.push(`#${t}: least equity ${Math.max(0, -mine.value - limit)}, enumeration ${least}`);
    }
    expect(failures).toEqual([]);
    expect(tally.optimal).toBeGreaterThanOrEqual(100);
    expect(tally.infeasible).toBeGreaterThanOrEqual(30);
    expect(tally.heldBack).toBeGreaterThanOrEqual(20);
  });
});
