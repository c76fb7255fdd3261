import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { enumerateOptimum } from "./enumerate.ts";
import { randomMix, randomProblem } from "./generate.ts";

describe("optimize() against exhaustive enumeration", () => {
  it("matches status and optimal objective on 220 small random instances", () => {
    const rng = seededRandom(20261126);
    const tally = { optimal: 0, infeasible: 0, cash: 0, minCost: 0 };
    const failures: string[] = [];
    for (let t = 0; t < 220; t++) {
      const problem = randomProblem(rng, randomMix(rng, 12, 22, 3, 5));
      const expected = enumerateOptimum(problem);
      const result = optimize(problem);
      if (problem.cash !== null) tally.cash++;
      if (problem.objective.kind === "minCost") tally.minCost++;
      if (expected.status === "infeasible") {
        tally.infeasible++;
        if (result.status !== "infeasible") failures.push(`#${t}: expected infeasible, got ${result.status}`);
        continue;
      }
      tally.optimal++;
      if (result.status !== "optimal") {
        failures.push(`#${t}: expected optimal ${expected.objective}, got ${result.status}${result.status === "infeasible" ? `: ${result.reasons.join("; ")}` : ""}`);
        continue;
      }
      const mismatch = approxMismatch(result.objective, expected.objective, { rel: 1e-6, abs: 1e-6 });
      if (mismatch) failures.push(`#${t}: objective ${mismatch} (enumerated ${expected.ids.join(",")}, got ${result.selected.join(",")})`);
      const verification = verifySelection(problem, result.selected, result.schedule);
      if (!verification.ok) failures.push(`#${t}: verification failed: ${verification.violations.join("; ")}`);
    }
    expect(failures).toEqual([]);
    // The mix must exercise both outcomes and the harder rules, or the comparison proves little.
    expect(tally.optimal).toBeGreaterThan(60);
    expect(tally.infeasible).toBeGreaterThan(20);
    expect(tally.cash).toBeGreaterThan(30);
    expect(tally.minCost).toBeGreaterThan(30);
  }, 240_000);
});
