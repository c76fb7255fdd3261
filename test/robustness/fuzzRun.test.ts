/**
 * The whole run under mutated input: whatever a mutated CSV or model parses to, screening,
 * scoring, optimizing and verifying return a result with a status and never throw.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/pipeline/run.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

const CSV = readFileSync("test/fixtures/sites-small.csv", "utf8");
const small = JSON.parse(readFileSync("models/baseline.json", "utf8"));
small.optimization.sites = 3;
small.optimization.budgetBn = 35;
small.optimization.timeLimitSeconds = 5;
small.schedule.milestones = ["2028-12-31", "2029-06-30", "2029-12-31"];
const MODEL = JSON.stringify(small, null, 2);
const STATUSES = ["optimal", "time_limit", "no_solution", "infeasible"];
const LIMITS = { seed: 1126, numRuns: 300, interruptAfterTimeLimit: 120_000 };

const splice = (text: string, at: number, cut: number, piece: string): string => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + piece + text.slice(i + (cut % 6));
};
const edit = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("", "0", "-1", "1e9", "999999", ",", "\n", '"', "TX", "NaN", " ", "9"));

describe("no crash in the whole run", () => {
  const model = parseModelJson(MODEL, "small.json");
  if (!model.ok) throw new Error("the small model must be valid");

  it("runs every CSV mutation that loads, to a status", async () => {
    let ran = 0;
    let solved = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const text = edits.reduce((t, [at, cut, piece]) => splice(t, at, cut, piece), CSV);
        const table = parseSitesCsv(text, "mutated.csv");
        if (!table.ok) return;
        ran++;
        const outcome = await runScenario(table.value, model.value);
        expect(STATUSES).toContain(outcome.result.status);
        if (outcome.result.status === "optimal") {
          solved++;
          expect(outcome.verification?.ok).toBe(true);
        }
      }),
      LIMITS,
    );
    expect(ran).toBeGreaterThan(10);
    expect(solved).toBeGreaterThan(5);
  }, 180_000);

  it("runs every model mutation that loads, to a status", async () => {
    const table = parseSitesCsv(CSV, "sites-small.csv");
    if (!table.ok) throw new Error("fixture must load");
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const text = edits.reduce((t, [at, cut, piece]) => splice(t, at, cut, piece), MODEL);
        const parsed = parseModelJson(text, "mutated.json", { columns: table.value.columns });
        if (!parsed.ok) return;
        ran++;
        const outcome = await runScenario(table.value, parsed.value);
        expect(STATUSES).toContain(outcome.result.status);
      }),
      LIMITS,
    );
    expect(ran).toBeGreaterThan(5);
  }, 180_000);
});
