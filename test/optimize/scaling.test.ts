/**
 * Scaling every site's score by a constant c (with everything measured in score points: the
 * early-power bonus, the minimum average score, the bridge's cost under a score objective) must leave the plan unchanged: the same sites,
 * each live in the same month; a score objective scales by c, a cost objective stays. Only
 * instances whose optimum is unique (by enumeration) are used, so "unchanged" is well defined.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { isSolved, type Engine, type OptimizationProblem, type OptimizeResult, type ProblemObjective } from "../../src/optimize/types.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { enumerateOptimum } from "./enumerate.ts";
import { randomMix, randomProblem, type ObjectiveKind } from "./generate.ts";

/** The objectives measured in score points, and the factor their optimum scales by. */
const SCALED_KINDS: readonly ObjectiveKind[] = ["maxScore", "maxScoreBonus", "minCost"];

function scaledObjective(objective: ProblemObjective, c: number): ProblemObjective {
  if (objective.kind === "maxScore") return { ...objective, earlyPowerPointsPerMonth: objective.earlyPowerPointsPerMonth * c };
  if (objective.kind === "minCost") return { ...objective, minAverageScore: objective.minAverageScore * c };
  throw new Error(`not a score objective: ${objective.kind}`);
}

/** The bridge's cost is in objective units: score points under maxScore, $B under minCost. */
/** The bridge's interest is money, never score points: scaling the scores leaves the timeline as it is. */
function scaledTimeline(problem: OptimizationProblem, _c: number): OptimizationProblem["timeline"] {
  return problem.timeline;
}

const scaled = (problem: OptimizationProblem, c: number): OptimizationProblem => ({
  ...problem,
  candidates: problem.candidates.map((site) => ({ ...site, score: site.score * c })),
  objective: scaledObjective(problem.objective, c),
  timeline: scaledTimeline(problem, c),
});

function planKey(result: OptimizeResult): string {
  if (!isSolved(result)) return result.status;
  const entries =
    result.plan === null ? result.selected.map((id) => [id, -1] as const) : result.plan.sites.map((s) => [s.siteId as string, s.goLiveMonth] as const);
  return JSON.stringify([...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

const ENGINES: readonly Engine[] = ["highs", "jsLPSolver"];

describe("scaling every score by a constant leaves the plan unchanged and scales a score objective", () => {
  it("on seeded instances with a unique optimum, c = 3 and c = 0.25, both engines", async () => {
    const failures: string[] = [];
    let used = 0;
    for (let seed = 1; used < 12 && seed < 400; seed++) {
      const rng = seededRandom(70_000 + seed);
      const kind = SCALED_KINDS[seed % SCALED_KINDS.length] ?? "maxScore";
      const mix = randomMix(rng, { sites: [5, 7], pick: [2, 3], months: [6, 12] }, kind, rng.next() < 0.6);
      const problem = { ...randomProblem(rng, mix), timeLimitMs: 20_000 };
      const expected = enumerateOptimum(problem);
      if (expected.status !== "optimal" || expected.optimalPlans !== 1) continue;
      if (expected.runnerUp !== null && Math.abs(expected.runnerUp - expected.objective) < 1e-6 * Math.max(1, Math.abs(expected.objective))) continue;
      used++;
      const c = used % 2 === 0 ? 3 : 0.25;
      const objectiveFactor = problem.objective.kind === "minCost" ? 1 : c;
      for (const solver of ENGINES) {
        const original = await optimize({ ...problem, solver });
        const variant = await optimize({ ...scaled(problem, c), solver });
        if (planKey(original) !== planKey(variant)) failures.push(`seed ${seed} ${kind} ×${c} ${solver}: ${planKey(original)} vs ${planKey(variant)}`);
        if (isSolved(original) && isSolved(variant)) {
          const m = approxMismatch(variant.objective, original.objective * objectiveFactor, { rel: 1e-7, abs: 1e-7 });
          if (m !== null) failures.push(`seed ${seed} ${kind} ×${c} ${solver}: objective ${m}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(used).toBe(12);
  }, 180_000);
});
