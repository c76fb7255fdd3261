/**
 * compare between scenarios: two runs of one CSV under models that differ in text (name,
 * descriptions) and in the objective. Text-only keys are listed among the input changes but never
 * re-solved; long values are shortened in re-solve labels; the objectives warning reads as words;
 * a site's main cause has the sign of its change; piped, every re-solve says so on stderr.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { groupLabel } from "../../src/compare/causeText.ts";
import { establishCauses } from "../../src/compare/causes.ts";
import { compareRuns } from "../../src/compare/compare.ts";
import { mainCauseOf } from "../../src/compare/rankMoves.ts";
import { readRun, type RankedRow } from "../../src/compare/readRun.ts";
import { editGroups, groupKey } from "../../src/compare/revert.ts";
import { writeRun } from "../../src/output/writeRun.ts";
import { runFromFiles } from "../../src/pipeline/runFromFiles.ts";
import type { SiteId } from "../../src/sites/types.ts";
import { GIGASITE_BIN } from "../helpers/gigasiteCli.ts";

const FIXTURE = "test/compare/edit-loop";
const LONG = `A scenario that favours early power. ${"It says so at length. ".repeat(70)}`;

async function runInto(dir: string, sites: string, model: string): Promise<void> {
  const run = await runFromFiles(sites, model);
  if (run.status !== "ran") throw new Error(`fixture did not load: ${JSON.stringify(run.issues)}`);
  const written = await writeRun(run.outcome, dir, { inputs: run.inputs });
  if (written.status !== "written") throw new Error(written.message);
}

/** Run A: the fixture model; run B: the same with a new name, descriptions (one very long) and an early-power bonus. */
async function twoScenarios(): Promise<{ root: string; a: string; b: string }> {
  const root = await mkdtemp(join(tmpdir(), "gigasite-scenarios-"));
  const model = JSON.parse(await readFile(`${FIXTURE}/model.json`, "utf8"));
  const speedy = {
    ...model,
    name: "edit-loop-speedy",
    description: LONG,
    schedule: { ...model.schedule, tranches: { ...model.schedule.tranches, description: "Tranches as in the deal." } },
    optimization: {
      ...model.optimization,
      objective: { ...model.optimization.objective, earlyPowerPointsPerMonth: 2, description: "Two points per month early." },
    },
  };
  await writeFile(join(root, "speedy.json"), JSON.stringify(speedy, null, 2));
  await runInto(join(root, "a"), `${FIXTURE}/before.csv`, `${FIXTURE}/model.json`);
  await runInto(join(root, "b"), `${FIXTURE}/before.csv`, join(root, "speedy.json"));
  return { root, a: join(root, "a"), b: join(root, "b") };
}

describe("compare between scenarios", () => {
  it("lists text-only edits but never re-solves them, and says how the objectives differ in words", { timeout: 120_000 }, async () => {
    const { a, b } = await twoScenarios();
    const [ra, rb] = await Promise.all([readRun(a), readRun(b)]);
    if (!ra.ok || !rb.ok) throw new Error("runs did not read back");
    const c = compareRuns(ra.value, rb.value);
    const paths = (c.inputs?.model ?? []).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "description", "schedule.tranches.description", "optimization.objective.description"]));
    const keys = editGroups(c.inputs ?? { cells: [], rowsAdded: [], rowsRemoved: [], columnsAdded: [], columnsRemoved: [], model: [] }).map(groupKey);
    expect(keys).toEqual(["model:optimization.objective.earlyPowerPointsPerMonth"]);
    const causes = await establishCauses(ra.value, rb.value, c);
    if (causes.status !== "established") throw new Error(causes.reason);
    for (const trial of causes.trials) for (const g of trial.reverted) expect(groupKey(g)).not.toMatch(/name$|description$/);
    const warning = c.warnings.find((w) => w.includes("different objectives"));
    expect(warning).toBe(
      "the runs optimize different objectives (A: maxScore with scoreTolerancePct 0; B: maxScore with earlyPowerPointsPerMonth 2, scoreTolerancePct 0): their totals are not comparable, so no objective delta; compare the parts",
    );
  });

  it("shortens a long value in a re-solve label", () => {
    const label = groupLabel({ kind: "model", edit: { path: "description", before: "short", after: LONG } });
    expect(label.length).toBeLessThan(120);
    expect(label).toContain(`… (${JSON.stringify(LONG).length.toLocaleString("en-US")} characters)`);
  });

  it("names as main cause a criterion that moved the way the score did", () => {
    const row = (overall: number, points: Record<string, number>): RankedRow =>
      ({ siteId: "S0512" as SiteId, overallScore: overall, points: new Map(Object.entries(points)) }) as unknown as RankedRow;
    // −1.12 overall: permitting gained 13.33 points but power price lost more, spread over the others.
    const a = row(70, { permitting_months: 10, power_price_usd_mwh: 30, capex_bn: 30 });
    const b = row(68.88, { permitting_months: 23.33, power_price_usd_mwh: 20, capex_bn: 25.55 });
    expect(mainCauseOf(a, b)).toEqual({ criterion: "power_price_usd_mwh", pointsChange: -10 });
    expect(mainCauseOf(b, a)).toEqual({ criterion: "power_price_usd_mwh", pointsChange: 10 });
  });

  it("prints one line per re-solve on stderr when the output is piped", { timeout: 120_000 }, async () => {
    const { a, b } = await twoScenarios();
    const { stderr } = await promisify(execFile)(process.execPath, [GIGASITE_BIN, "compare", a, b, "--max-solves", "3"], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(stderr).toMatch(/^causes: re-solve 1 \(at most 3\) with model optimization\.objective\.earlyPowerPointsPerMonth absent → 2 reverted$/m);
  });
});
