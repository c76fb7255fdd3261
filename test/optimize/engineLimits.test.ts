import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { MAX_TABLEAU_CELLS, solveWithJsLpSolver } from "../../src/optimize/jsLpSolver.ts";
import { optimize } from "../../src/optimize/solve.ts";
import type { OptimizationProblem } from "../../src/optimize/types.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";
import type { LinearProgram } from "../../src/optimize/program.ts";

describe("jsLPSolver's dense tableau", () => {
  it("a model too large for it is a failed outcome naming the size, not a crash", async () => {
    const n = Math.ceil(Math.sqrt(MAX_TABLEAU_CELLS)) + 10;
    const program: LinearProgram = {
      sense: "max",
      objectiveOffset: 0,
      variables: Array.from({ length: n }, (_, i) => ({
        name: `x_${i}`,
        kind: "binary" as const,
        upper: 1,
        candidate: i,
        month: null,
        objective: 1,
        meaning: "",
      })),
      rows: [{ name: "count", terms: [{ variable: 0, coefficient: 1 }], sense: "<=", rhs: 1 }],
    };
    const outcome = await solveWithJsLpSolver(program, { timeLimitMs: 1000 });
    expect(outcome.kind).toBe("failed");
    if (outcome.kind === "failed") expect(outcome.message).toMatch(/too large for jsLPSolver's dense tableau .* use --solver highs/);
  });
});

describe("jsLPSolver cycling", () => {
  // Instance 1 of the enumeration test's "minCost, cash rule on" set: jsLPSolver's simplex cycles
  // on its full model, with presolve and without. HiGHS proves it optimal.
  const cycling = (): OptimizationProblem => {
    const rng = seededRandom(1000 * (OBJECTIVE_KINDS.indexOf("minCost") + 1) + 500);
    const problems = Array.from({ length: 2 }, () => randomProblem(rng, randomMix(rng, { sites: [5, 7], pick: [2, 3], months: [8, 14] }, "minCost", true)));
    return problems[1] as OptimizationProblem;
  };

  it("is stopped by the pivot count of one LP even without a time limit, and the result says why it stopped early", async () => {
    const problem = { ...cycling(), timeLimitMs: 0 };
    const reference = await optimize({ ...problem, solver: "highs" });
    expect(reference.status).toBe("optimal");
    // Straight to the full model (restrictTo 0): branch and check would decide it without it.
    const result = await optimize({ ...problem, solver: "jsLPSolver" }, { restrictTo: 0 });
    // The constructed plan is kept, not proven: the status is time_limit and stoppedBy names the cause.
    expect(result.status).toBe("time_limit");
    if (result.status !== "time_limit" || reference.status !== "optimal") return;
    expect(result.stoppedBy).toMatch(/stalled inside one LP \(simplex cycling/);
    expect(result.objective).toBeGreaterThanOrEqual(reference.objective - 1e-9); // minCost: never better than the optimum
    expect(result.bound).toBeLessThanOrEqual(reference.objective + 1e-9);
  }, 180_000);

  it("an LP still running when the time limit has passed ends as time_limit, not as cycling", async () => {
    // 500 binaries in 400 dense rows: jsLPSolver's root LP alone outlasts a 50 ms limit.
    const rng = seededRandom(3);
    const variables = Array.from({ length: 500 }, (_, i) => ({
      name: `x_${i}`,
      kind: "binary" as const,
      upper: 1,
      candidate: i,
      month: null,
      objective: rng.uniform(1, 10),
      meaning: "",
    }));
    const rows = Array.from({ length: 400 }, (_, r) => ({
      name: `r_${r}`,
      terms: variables.map((_, i) => ({ variable: i, coefficient: rng.uniform(1, 10) })),
      sense: "<=" as const,
      rhs: 200,
    }));
    const outcome = await solveWithJsLpSolver({ sense: "max", objectiveOffset: 0, variables, rows }, { timeLimitMs: 50 });
    expect(outcome.kind).toBe("time_limit");
  }, 60_000);
});
