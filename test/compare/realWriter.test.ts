import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRuns } from "../../src/compare/compare.ts";
import { readRun } from "../../src/compare/readRun.ts";
import { runScenario, type RunOutcome } from "../../src/pipeline/run.ts";
import { runFiles } from "../../src/report/runFiles.ts";
import { writeOutputs } from "../../src/output/runSet.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";
import { loadSites } from "../../src/sites/load.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import type { SiteTable } from "../../src/sites/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { smallModel } from "../analysis/smallModel.ts";

/** Two small models on the 21-site fixture, the second weighting permitting and capex far more: the rankings and selections move. */
async function inputs(): Promise<{ table: SiteTable; a: ScenarioModel; b: ScenarioModel }> {
  const table = await loadSites("test/fixtures/sites-small.csv");
  if (!table.ok) throw new Error("fixture did not load");
  const a = await smallModel("small-a");
  const b: ScenarioModel = {
    ...a,
    name: "small-b",
    pillars: { energy: 10, permitting: 80, financing: 10 },
    criteria: a.criteria.map((c) => (c.column === "capex_bn" ? { ...c, weight: 20 } : c)),
  };
  return { table: table.value, a, b };
}

async function written(outcome: RunOutcome, dir: string, modelSha: string): Promise<void> {
  const files = runFiles(
    outcome,
    { sitesFile: outcome.table.file, sitesSha256: outcome.table.sha256, modelFile: `${outcome.model.name}.json`, modelSha256: modelSha },
    { load: 0, total: 0 },
  );
  const result = await writeOutputs(dir, files);
  if (result.status !== "written") throw new Error(result.message);
}

const selectedOf = (o: RunOutcome): string[] => (o.result.status === "optimal" ? [...o.result.selected] : []);

describe("compare on folders written by the real run writer", () => {
  it("reads back the runs and finds the differences the outcomes hold", async () => {
    const { table, a, b } = await inputs();
    const [runA, runB] = [await runScenario(table, a), await runScenario(table, b)];
    const root = await mkdtemp(join(tmpdir(), "gigasite-realwriter-"));
    await written(runA, join(root, "a"), "sha-a");
    await written(runB, join(root, "b"), "sha-b");
    const [ra, rb] = await Promise.all([readRun(join(root, "a")), readRun(join(root, "b"))]);
    if (!ra.ok || !rb.ok) throw new Error(`did not read back: ${JSON.stringify([ra, rb]).slice(0, 500)}`);

    // ranked.csv round-trips: ranks, ids and (rounded) scores in the pipeline's order.
    const screened = ra.value.ranked.filter((r) => r.rank !== null);
    expect(screened.map((r) => r.siteId)).toEqual(runA.ranked.map((s) => s.site.siteId));
    expectApprox(
      screened.map((r) => r.overallScore),
      runA.ranked.map((s) => s.overall),
      { abs: 5e-4 },
    );
    expect(ra.value.ranked.length).toBe(table.sites.length);

    const c = compareRuns(ra.value, rb.value);
    const [selA, selB] = [selectedOf(runA), selectedOf(runB)];
    expect(selA.length).toBe(4);
    expect([...c.entered]).toEqual(selB.filter((id) => !selA.includes(id)).sort());
    expect([...c.left]).toEqual(selA.filter((id) => !selB.includes(id)).sort());
    expect(c.entered.length, "the two models must pick differently for this test to mean anything").toBeGreaterThan(0);
    // Both runs kept their inputs: the model keys that differ are listed, no site cell is.
    expect(c.inputs?.model.length).toBeGreaterThan(0);
    expect(c.inputs?.cells).toEqual([]);
    expect(c.inputs?.rowsAdded).toEqual([]);
    expect(c.agreement.commonSites).toBe(runA.ranked.length);
    const moved = c.rankMoves.find((m) => m.mainCause !== null);
    expect(moved?.mainCause?.criterion).toBeDefined();
  }, 60_000);

  it("reads back ids and names that look like formulas exactly as the run wrote them", async () => {
    const { a } = await inputs();
    const csv = readFileSync("test/fixtures/sites-small.csv", "utf8").split("\n");
    // Every id becomes formula-like ("=S…", "+S…", "'=S…"); compare must still see one run.
    const tricky = ["=", "+", "-", "@", "'="];
    const edited = csv.map((line, i) => (i === 0 || line === "" ? line : `${tricky[i % tricky.length]}${line}`)).join("\n");
    const table = parseSitesCsv(edited, "tricky.csv");
    if (!table.ok) throw new Error(table.issues.map((x) => x.message).join("; "));
    const outcome = await runScenario(table.value, a);
    const dir = join(await mkdtemp(join(tmpdir(), "gigasite-formula-")), "run");
    await written(outcome, dir, "sha");
    expect(readFileSync(join(dir, "ranked.csv"), "utf8")).toMatch(/\n\d+,'=/);
    const back = await readRun(dir);
    if (!back.ok) throw new Error(back.issues.map((x) => x.message).join("; "));
    expect(back.value.ranked.map((r) => r.siteId).sort()).toEqual(table.value.sites.map((site) => site.siteId as string).sort());
    expect(compareRuns(back.value, back.value).entered).toEqual([]);
  }, 60_000);
});
