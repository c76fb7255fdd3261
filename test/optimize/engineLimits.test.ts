import { describe, expect, it } from "vitest";
import { MAX_TABLEAU_CELLS, solveWithJsLpSolver } from "../../src/optimize/jsLpSolver.ts";
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
