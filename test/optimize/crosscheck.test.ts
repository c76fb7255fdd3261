import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { loadHighs, optimize, optimizeAsync } from "../../src/optimize/solve.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import type { OptimizationProblem } from "../../src/optimize/types.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { randomMix, randomProblem } from "./generate.ts";

/**
 * jsLPSolver (production) against HiGHS (referee) on the same model text. Sizes run from 10 to
 * 200 sites; the larger ones use fewer slots so the per-(site, slot) cash models stay quick.
 */
function instances(): OptimizationProblem[] {
  const rng = seededRandom(31337);
  const problems: OptimizationProblem[] = [];
  for (let t = 0; t < 300; t++) {
    const large = t % 10 === 9;
    const medium = t % 10 >= 6 && !large;
    const mix = large ? randomMix(rng, 120, 200, 3, 5) : medium ? randomMix(rng, 40, 100, 3, 6) : randomMix(rng, 10, 40, 3, 6);
    problems.push({ ...randomProblem(rng, mix), timeLimitMs: 20_000 });
  }
  return problems;
}

describe("jsLPSolver vs HiGHS", () => {
  beforeAll(async () => {
    await loadHighs();
  });

  it("same status and optimal objective on 300 seeded instances (10–200 sites)", async () => {
    const tally = { optimal: 0, infeasible: 0, cash: 0, large: 0 };
    const failures: string[] = [];
    for (const [t, problem] of instances().entries()) {
      const ours = optimize(problem);
      const referee = await optimizeAsync({ ...problem, solver: "highs" });
      if (problem.cash !== null) tally.cash++;
      if (problem.candidates.length >= 120) tally.large++;
      if (ours.status !== referee.status) {
        failures.push(`#${t} (${problem.candidates.length} sites): jsLPSolver ${ours.status}, HiGHS ${referee.status}${"message" in ours ? `: ${ours.message}` : ""}`);
        continue;
      }
      if (ours.status === "infeasible") tally.infeasible++;
      if (ours.status !== "optimal" || referee.status !== "optimal") continue;
      tally.optimal++;
      const mismatch = approxMismatch(ours.objective, referee.objective, { rel: 1e-6, abs: 1e-6 });
      if (mismatch) failures.push(`#${t}: objective ${mismatch}`);
      for (const [name, r] of [["jsLPSolver", ours], ["HiGHS", referee]] as const) {
        const v = verifySelection(problem, r.selected, r.schedule);
        if (!v.ok) failures.push(`#${t}: ${name} answer fails verification: ${v.violations.join("; ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(tally.optimal).toBeGreaterThan(120);
    expect(tally.infeasible).toBeGreaterThan(30);
    expect(tally.cash).toBeGreaterThan(60);
    expect(tally.large).toBe(30);
  }, 600_000);
});
