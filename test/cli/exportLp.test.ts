/**
 * `gigasite run --export-lp FILE`: the file holds every model the run solved, each valid CPLEX LP
 * that an independent reader (HiGHS's LP parser) solves to the objective the run recorded for
 * that step. A real process: the flag is the CLI's.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { approxMismatch } from "../helpers/approx.ts";
import { gigasite } from "../helpers/gigasiteCli.ts";
import { referenceHighs } from "../optimize/reference.ts";

interface Step {
  step: string;
  variables: number;
  status: string;
  objective: number | null;
  bound: number | null;
}

/** The file cut into its models: the text from each `\ model k of N` line to the next. */
function modelsOf(text: string): { header: string; lp: string }[] {
  const starts = [...text.matchAll(/^\\ model \d+ of \d+ .*$/gm)].map((m) => m.index);
  return starts.map((start, k) => {
    const lp = text.slice(start, starts[k + 1] ?? text.length);
    return { header: lp.slice(0, lp.indexOf("\n")), lp };
  });
}

describe("run --export-lp", () => {
  it("writes the run's models as LP text that HiGHS parses and solves to the objective of each step", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-export-lp-"));
    const lpFile = join(dir, "baseline.lp");
    const r = await gigasite("run", "--out", join(dir, "out"), "--no-report", "--json", "--export-lp", lpFile);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { objective: number; second_stage?: { gw_months: number }; solver: { steps: Step[] } };
    const text = readFileSync(lpFile, "utf8");
    expect(text.split("\n")[0]).toMatch(/^\\ gigasite run --export-lp: /);

    const models = modelsOf(text);
    const solvedSteps = run.solver.steps.filter((s) => s.variables > 0);
    expect(models.length).toBe(solvedSteps.length);
    expect(models.length).toBeGreaterThan(0);

    const highs = await referenceHighs();
    for (const [k, { header, lp }] of models.entries()) {
      const step = solvedSteps[k]!;
      expect(header).toMatch(new RegExp(`^\\\\ model ${k + 1} of ${models.length} \\(${step.step}\\): `));
      const offset = Number(/^\\ objective offset \(add to the solver's objective\): (\S+)$/m.exec(lp)?.[1] ?? "0");
      const solution = highs.solve(lp, { mip_rel_gap: 0, mip_abs_gap: 0 });
      expect(solution.Status, header).toBe("Optimal");
      const recorded = step.bound ?? step.objective;
      expect(recorded, `${step.step} records a bound or an objective`).not.toBeNull();
      expect(approxMismatch(solution.ObjectiveValue + offset, recorded, { rel: 1e-6, abs: 1e-6 }), header).toBeNull();
      // Every column HiGHS read is named in the comment block that maps names to sites and months.
      const named = new Set([...lp.matchAll(/^\\ {3}(\S+): site /gm)].map((m) => m[1]));
      const columns = Object.keys(solution.Columns);
      expect(columns.length).toBeGreaterThan(0);
      expect(columns.filter((c) => !named.has(c))).toEqual([]);
    }
    // The baseline's last model is the GW-months stage's relaxation, whose bound is reached: its
    // optimum is the plan's GW-months plus the score tie-break (less than one GW-month).
    const last = solvedSteps.at(-1)!;
    expect(run.second_stage).toBeDefined();
    expect(Math.floor((last.bound ?? last.objective ?? 0) + 1e-9)).toBe(run.second_stage?.gw_months);
  }, 120_000);
});
