/**
 * The edit loop, end to end on a golden fixture: `edit-loop/before.csv` and `after.csv` (saved
 * through Python's csv module, so CRLF line ends) differ by three known edits: OK-ENI-04's capex
 * 9.1 → 11.5, TX-ODS-02's permitting cell blanked (the model assumes 36 months), and a new row
 * CO-PUE-22. The comparison with causes established by re-solving is checked in as
 * `edit-loop/expected.compare.md`; each named cause is then checked by an independent solve.
 */
import { readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { establishCauses, type EditCauses } from "../../src/compare/causes.ts";
import { compareRuns, type Comparison } from "../../src/compare/compare.ts";
import { readRun } from "../../src/compare/readRun.ts";
import { compareMarkdown } from "../../src/compare/render.ts";
import { groupKey } from "../../src/compare/revert.ts";
import { runFromFiles } from "../../src/pipeline/runFromFiles.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { writeRun } from "../../src/output/writeRun.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import { isSolved } from "../../src/optimize/types.ts";

const FIXTURE = "test/compare/edit-loop";
const MODEL = `${FIXTURE}/model.json`;

async function runInto(dir: string, sites: string): Promise<void> {
  const run = await runFromFiles(sites, MODEL);
  if (run.status !== "ran") throw new Error(`fixture did not load: ${JSON.stringify(run.issues)}`);
  const written = await writeRun(run.outcome, dir, { inputs: run.inputs });
  if (written.status !== "written") throw new Error(written.message);
}

let compared: Promise<{ root: string; c: Comparison; causes: EditCauses }> | undefined;
function compareFixture(): Promise<{ root: string; c: Comparison; causes: EditCauses }> {
  compared ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), "gigasite-edit-loop-"));
    await runInto(join(root, "before"), `${FIXTURE}/before.csv`);
    await runInto(join(root, "after"), `${FIXTURE}/after.csv`);
    const [a, b] = await Promise.all([readRun(join(root, "before")), readRun(join(root, "after"))]);
    if (!a.ok || !b.ok) throw new Error("runs did not read back");
    const c = compareRuns(a.value, b.value);
    return { root, c, causes: await establishCauses(a.value, b.value, c) };
  })();
  return compared;
}

/** The after CSV with one cell of one row put back, by plain text editing (not the revert code). */
async function afterWith(siteId: string, column: string, value: string): Promise<string> {
  const lines = (await readFile(`${FIXTURE}/after.csv`, "utf8")).split("\r\n");
  const header = (lines[0] ?? "").split(",");
  const at = header.indexOf(column);
  return lines
    .map((line) =>
      line.startsWith(`${siteId},`)
        ? line
            .split(",")
            .map((cell, i) => (i === at ? value : cell))
            .join(",")
        : line,
    )
    .join("\r\n");
}

async function selectionOf(csv: string): Promise<readonly string[]> {
  const table = parseSitesCsv(csv, "after-reverted.csv");
  const run = await runFromFiles(`${FIXTURE}/before.csv`, MODEL);
  if (!table.ok || run.status !== "ran") throw new Error("did not load");
  const outcome = await runScenario(table.value, run.outcome.model);
  if (!isSolved(outcome.result)) throw new Error(`no selection: ${outcome.result.status}`);
  return outcome.result.selected;
}

describe("compare on the edit-loop fixture", () => {
  it("lists each edited cell with the model's assumption, the added row, and no other input change", async () => {
    const { c } = await compareFixture();
    expect(c.inputs?.cells.map((e) => [e.siteId, e.column, e.before, e.after, e.assumedAfter])).toEqual([
      ["TX-ODS-02", "permitting_months", "10", "", 36],
      ["OK-ENI-04", "capex_bn", "9.1", "11.5", null],
    ]);
    expect(c.inputs?.rowsAdded).toEqual(["CO-PUE-22"]);
    expect([c.inputs?.rowsRemoved, c.inputs?.columnsAdded, c.inputs?.columnsRemoved, c.inputs?.model]).toEqual([[], [], [], []]);
    // The knock-on date: 36 assumed months of permits + 12 of brownfield build from 2025-01.
    expect(c.editedSites.find((s) => s.siteId === "TX-ODS-02")?.readyB).toBe("2029-01-01");
  }, 120_000);

  it("names the one edit behind each site that entered or left, by re-solving", async () => {
    const { causes } = await compareFixture();
    if (causes.status !== "established") throw new Error(causes.reason);
    const named = causes.sites.map((s) => [s.siteId, s.change, s.cause.kind, s.cause.kind === "unexplained" ? [] : s.cause.groups.map(groupKey)]);
    expect(named).toEqual([
      ["OK-ENI-04", "left", "single", ["site:OK-ENI-04"]],
      ["TX-ODS-02", "left", "single", ["site:TX-ODS-02"]],
      ["TX-TEM-03", "entered", "single", ["site:TX-ODS-02"]],
      ["WY-CHY-18", "entered", "single", ["site:OK-ENI-04"]],
    ]);
    expect(causes.solves).toBe(3);
    expect(causes.boundReached).toBe(false);
  }, 120_000);

  it("writes compare.md as checked in", async () => {
    const { root, c, causes } = await compareFixture();
    const md = compareMarkdown(c, causes).replaceAll(root, "runs");
    await expect(md).toMatchFileSnapshot("edit-loop/expected.compare.md");
  }, 120_000);

  it("reverting the named edit alone really brings the site back (an independent solve)", async () => {
    const capexBack = await selectionOf(await afterWith("OK-ENI-04", "capex_bn", "9.1"));
    expect(capexBack).toContain("OK-ENI-04");
    expect(capexBack).not.toContain("WY-CHY-18");
    const permitsBack = await selectionOf(await afterWith("TX-ODS-02", "permitting_months", "10"));
    expect(permitsBack).toContain("TX-ODS-02");
    expect(permitsBack).not.toContain("TX-TEM-03");
    // And the added row alone changes nothing: the after selection holds both entered sites.
    const after = await selectionOf(await readFile(`${FIXTURE}/after.csv`, "utf8"));
    expect([...after].sort()).toEqual(["KS-DOD-05", "TX-ABL-01", "TX-TEM-03", "WY-CHY-18"]);
  }, 120_000);

  it("stops at the bound and says so", async () => {
    const { root } = await compareFixture();
    const [a, b] = await Promise.all([readRun(join(root, "before")), readRun(join(root, "after"))]);
    if (!a.ok || !b.ok) throw new Error("runs did not read back");
    const limited = await establishCauses(a.value, b.value, compareRuns(a.value, b.value), { maxSolves: 1 });
    if (limited.status !== "established") throw new Error("skipped");
    expect(limited.solves).toBe(1);
    expect(limited.boundReached).toBe(true);
    expect(
      limited.sites
        .filter((s) => s.cause.kind === "unexplained")
        .map((s) => s.siteId)
        .sort(),
    ).toEqual(["TX-ODS-02", "TX-TEM-03"]);
  }, 120_000);
});
