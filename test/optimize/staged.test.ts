import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { eliminateByBound } from "../../src/optimize/bound.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { siteValues } from "../../src/optimize/staged.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { enumerateOptimum } from "./enumerate.ts";
import { randomMix, randomProblem } from "./generate.ts";

// Staging is forced on tiny instances (no size threshold, a restricted first problem of 2N sites)
// so that every branch runs: incumbent from a subset, elimination, fall back to the full problem,
// cash rule checked on the relaxed optimum.
const FORCED = { staged: { minCandidates: 0, restrictTo: 8 } } as const;

describe("staged solving is exact", () => {
  it("matches exhaustive enumeration on 150 small random instances", () => {
    const rng = seededRandom(777);
    const failures: string[] = [];
    let eliminatedSomewhere = 0;
    for (let t = 0; t < 150; t++) {
      const problem = randomProblem(rng, randomMix(rng, 12, 20, 3, 5));
      const expected = enumerateOptimum(problem);
      const result = optimize(problem, FORCED);
      if (/bound elimination kept (\d+) of (\d+)/.test(result.stats.formulation)) {
        const [, kept, all] = /bound elimination kept (\d+) of (\d+)/.exec(result.stats.formulation) ?? [];
        if (Number(kept) < Number(all)) eliminatedSomewhere++;
      }
      if (expected.status === "infeasible") {
        if (result.status !== "infeasible") failures.push(`#${t}: expected infeasible, got ${result.status}`);
        continue;
      }
      if (result.status !== "optimal") {
        failures.push(`#${t}: expected optimal ${expected.objective}, got ${result.status}`);
        continue;
      }
      const mismatch = approxMismatch(result.objective, expected.objective, { rel: 1e-6, abs: 1e-6 });
      if (mismatch) failures.push(`#${t}: ${mismatch}`);
      if (!verifySelection(problem, result.selected, result.schedule).ok) failures.push(`#${t}: verification failed`);
    }
    expect(failures).toEqual([]);
    expect(eliminatedSomewhere).toBeGreaterThan(10);
  });

  it("never eliminates a site of an enumerated optimum, given that optimum's value as incumbent", () => {
    const rng = seededRandom(4242);
    let checked = 0;
    for (let t = 0; t < 120; t++) {
      const problem = randomProblem(rng, randomMix(rng, 12, 20, 3, 5));
      const expected = enumerateOptimum(problem);
      if (expected.status !== "optimal") continue;
      const values = siteValues(problem);
      const index = new Map(problem.candidates.map((c, i) => [c.siteId as string, i]));
      const incumbent = expected.ids.reduce((s, id) => s + (values[index.get(id) as number] as number), 0);
      const kept = new Set(eliminateByBound(problem, values, incumbent).kept);
      for (const id of expected.ids) expect(kept.has(index.get(id) as number)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });
});
