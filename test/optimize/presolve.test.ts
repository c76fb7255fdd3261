/**
 * A large model is solved without HiGHS's presolve (solve.ts, PRESOLVE_MAX_NONZEROS). Skipping presolve may change the speed, never the answer:
 * on seeded models of every kind, HiGHS with and without it reaches the same status and optimum.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { formulate } from "../../src/optimize/formulate.ts";
import { solveWithHighs } from "../../src/optimize/highs.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";

describe("HiGHS without presolve", () => {
  it("reaches the same status and optimum as with it, on the relaxation and the full model of 40 seeded instances", async () => {
    const mismatches: string[] = [];
    let solved = 0;
    for (let seed = 0; seed < 40; seed++) {
      const rng = seededRandom(90_000 + seed);
      const kind = OBJECTIVE_KINDS[seed % OBJECTIVE_KINDS.length] ?? "maxScore";
      const problem = randomProblem(rng, randomMix(rng, { sites: [8, 16], pick: [2, 4], months: [8, 16] }, kind, seed % 2 === 0));
      for (const relaxTiming of [true, false]) {
        if (relaxTiming && problem.timeline === null) continue;
        const { program } = formulate(problem, undefined, { relaxTiming });
        const withPresolve = await solveWithHighs(program, { timeLimitMs: 0 });
        const without = await solveWithHighs(program, { timeLimitMs: 0, presolve: false });
        const label = `seed ${seed} (${kind}, ${relaxTiming ? "relaxation" : "full"})`;
        if (withPresolve.kind !== without.kind) mismatches.push(`${label}: ${withPresolve.kind} with presolve, ${without.kind} without`);
        else if (withPresolve.kind === "optimal" && without.kind === "optimal") {
          solved++;
          if (Math.abs(withPresolve.bound - without.bound) > 1e-6 * Math.max(1, Math.abs(withPresolve.bound)))
            mismatches.push(`${label}: ${withPresolve.bound} with presolve, ${without.bound} without`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(solved).toBeGreaterThanOrEqual(30);
  }, 120_000);
});
