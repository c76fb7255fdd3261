import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { optimize } from "../../src/optimize/solve.ts";
import type { Engine, OptimizationProblem } from "../../src/optimize/types.ts";
import { disagreements } from "./compare.ts";
import { enumerateOptimum } from "./enumerate.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem, type ObjectiveKind } from "./generate.ts";

/**
 * Exhaustive enumeration over sites × go-live months (test/optimize/enumerate.ts, its own
 * ledger) against the MILP optimum, for every objective, the cash rule on and off, and both
 * engines. 5–7 sites, horizons of 8–14 months, 2–3 sites to pick.
 */
const PER_CASE = 8;
const ENGINES: readonly Engine[] = ["highs", "jsLPSolver"];

function instances(objective: ObjectiveKind, cashRule: boolean): OptimizationProblem[] {
  const seed = 1000 * (OBJECTIVE_KINDS.indexOf(objective) + 1) + (cashRule ? 500 : 0);
  const rng = seededRandom(seed);
  return Array.from({ length: PER_CASE }, () => randomProblem(rng, randomMix(rng, { sites: [5, 7], pick: [2, 3], months: [8, 14] }, objective, cashRule)));
}

describe("MILP optimum equals exhaustive enumeration over sites × go-live months", () => {
  const tally = { optimal: 0, infeasible: 0, heldBack: 0 };
  const undecided: string[] = [];
  for (const objective of OBJECTIVE_KINDS) {
    for (const cashRule of [false, true]) {
      it(`${objective}, cash rule ${cashRule ? "on" : "off"}, both engines`, async () => {
        const failures: string[] = [];
        for (const [k, problem] of instances(objective, cashRule).entries()) {
          const expected = enumerateOptimum(problem);
          if (expected.status === "optimal") tally.optimal++;
          else tally.infeasible++;
          for (const solver of ENGINES) {
            // A 10 s limit: every instance here is solved in well under a second when all is well.
            const result = await optimize({ ...problem, solver, timeLimitMs: 10_000 });
            // jsLPSolver's simplex can cycle (SOLVER-NOTES): an undecided answer is allowed from it,
            // counted and printed, but it must be honest: its plan no better than the optimum, its bound no worse.
            if (solver === "jsLPSolver" && (result.status === "time_limit" || result.status === "no_solution")) {
              undecided.push(`${objective}, cash ${cashRule ? "on" : "off"} #${k}: ${result.status}`);
              const sign = problem.objective.kind === "minCost" ? -1 : 1;
              if (expected.status === "optimal" && result.status === "time_limit") {
                if (sign * result.objective > sign * expected.objective + 1e-6)
                  failures.push(`#${k} jsLPSolver: time-limited plan ${result.objective} beats the optimum ${expected.objective}`);
                if (sign * result.bound < sign * expected.objective - 1e-6)
                  failures.push(`#${k} jsLPSolver: bound ${result.bound} below the optimum ${expected.objective}`);
              }
              continue;
            }
            for (const d of disagreements(problem, result, expected)) failures.push(`#${k} ${solver}: ${d}`);
            if (solver === "highs" && result.status === "optimal" && result.plan?.sites.some((s) => s.goLiveMonth > Math.max(0, s.readyMonth)))
              tally.heldBack++;
          }
        }
        expect(failures).toEqual([]);
      }, 120_000);
    }
  }
  it("jsLPSolver left at most 2 of the 80 instances undecided (it cycles on some); HiGHS none", () => {
    console.log(`jsLPSolver undecided within 10 s: ${undecided.length} of 80${undecided.length > 0 ? ` (${undecided.join("; ")})` : ""}`);
    expect(undecided.length).toBeLessThanOrEqual(2);
  });
  it("covered feasible and infeasible instances, and plans that hold sites back", () => {
    expect(tally.optimal).toBeGreaterThanOrEqual(40);
    expect(tally.infeasible).toBeGreaterThanOrEqual(5);
    expect(tally.heldBack).toBeGreaterThanOrEqual(5);
  });
});
