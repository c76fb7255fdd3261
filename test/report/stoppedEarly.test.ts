/**
 * A plan kept when the engine failed before the time limit (jsLPSolver cycling) is labelled
 * "stopped early" with the reason, never "time limit", on the terminal and in the objective line
 * that summary.md and the report print.
 */
import { describe, expect, it } from "vitest";
import { renderRunForTerminal } from "../../src/cli/terminal.ts";
import { isSolved } from "../../src/optimize/types.ts";
import { runScenario, type RunOutcome } from "../../src/pipeline/run.ts";
import { objectiveLine } from "../../src/report/planText.ts";
import { loadSites } from "../../src/sites/load.ts";
import { smallModel } from "../analysis/smallModel.ts";

async function outcome(): Promise<RunOutcome> {
  const table = await loadSites("test/fixtures/sites-small.csv");
  if (!table.ok) throw new Error("fixture did not load");
  return runScenario(table.value, await smallModel());
}

describe("a plan kept after the engine stopped early", () => {
  it("says so and why where a time-limited plan says 'time limit'", async () => {
    const solved = await outcome();
    if (!isSolved(solved.result)) throw new Error("the small model should solve");
    const limited: RunOutcome = { ...solved, result: { ...solved.result, status: "time_limit", gap: 0.01 } };
    const stopped: RunOutcome = { ...solved, result: { ...solved.result, status: "time_limit", gap: 0.01, stoppedBy: "jsLPSolver stalled inside one LP" } };
    expect(objectiveLine(limited)).toContain("time limit, gap 1.00%");
    expect(objectiveLine(stopped)).toContain("stopped early, gap 1.00%");
    expect(objectiveLine(stopped)).not.toContain("time limit");
    expect(renderRunForTerminal(limited, { outDir: null })).toContain("time limit (gap 1.00%)");
    expect(renderRunForTerminal(stopped, { outDir: null })).toContain("stopped early: jsLPSolver stalled inside one LP (gap 1.00%)");
  });
});
