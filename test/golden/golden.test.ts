/**
 * Golden outputs: each bundled model's files, regenerated in memory, must equal the files under
 * test/golden/<model>/. A change that is meant to change an output is pinned again with
 * `npm run golden:update` (see test/golden/README.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRunJson } from "../../src/compare/readRun.ts";
import { runJsonSchema } from "../../src/report/runJsonSchema.ts";
import { GOLDEN_DIR, GOLDEN_RUNS, goldenFilesOf, normalizeJson, normalizeReport, normalizeSummary, pinnedFiles, writtenFiles } from "./goldenRuns.ts";

/** The first differing lines with two lines of context, for a failure one can read. */
function lineDiff(expected: string, actual: string): string {
  const e = expected.split("\n");
  const a = actual.split("\n");
  const first = e.findIndex((line, i) => line !== a[i]);
  const at = first === -1 ? Math.min(e.length, a.length) : first;
  const differing = Array.from({ length: Math.max(e.length, a.length) }, (_, i) => e[i] !== a[i]).filter(Boolean).length;
  const from = Math.max(0, at - 2);
  const show = (lines: string[], sign: string): string =>
    lines
      .slice(from, at + 3)
      .map((line, i) => `${sign} ${String(from + i + 1).padStart(5)} | ${line}`)
      .join("\n");
  return `${differing} line(s) differ (${e.length} expected, ${a.length} now), first at line ${at + 1}:\n${show(e, "-")}\n${show(a, "+")}`;
}

describe.each(GOLDEN_RUNS)("golden outputs of $name ($model on $sites)", (run) => {
  let files: Map<string, string>;
  let written: Map<string, string>;
  beforeAll(async () => {
    written = await writtenFiles(run);
    files = pinnedFiles(run, written);
  }, 600_000);

  it("writes a run.json that its reader takes back whole: every field in the schema, none dropped or changed", () => {
    const text = written.get("run.json") ?? "";
    const read = parseRunJson(text, `${run.name}/run.json`);
    if (!read.ok) expect.fail(read.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
    // The schema strips a field it does not name: reading back the same value proves the writer wrote none.
    expect(read.value).toEqual(JSON.parse(text));
    expect(runJsonSchema.strict().safeParse(JSON.parse(text)).success).toBe(true);
    if (read.value.objective !== null) expect(read.value.objective_parts.length).toBeGreaterThan(0);
  });

  it("pins exactly the listed files", () => {
    expect(readdirSync(join(GOLDEN_DIR, run.name)).sort()).toEqual([...goldenFilesOf(run)].sort());
  });

  it.each(goldenFilesOf(run))("%s equals the pinned file", (file) => {
    const path = join("test/golden", run.name, file);
    const expected = readFileSync(join(GOLDEN_DIR, run.name, file), "utf8");
    const actual = files.get(file) ?? "";
    if (actual !== expected) {
      expect.fail(`${path} differs from this run's output; if the change is intended, run \`npm run golden:update -- ${run.name}\` and review \`git diff test/golden\`.\n${lineDiff(expected, actual)}`);
    }
  });
});

describe("golden normalization", () => {
  it("drops timings, masks hashes and rounds floats, and leaves the answer alone", () => {
    const json = JSON.stringify({ objective: 715.0746619635509, nodes: 4, timings_ms: { total: 3 }, steps: [{ step: "full", ms: 12.5, bound: 1 }], inputs: { sites: { file: "data/sites.csv", sha256: "ab12" } } });
    expect(JSON.parse(normalizeJson(json))).toEqual({ objective: 715.074662, nodes: 4, steps: [{ step: "full", bound: 1 }], inputs: { sites: { file: "data/sites.csv", sha256: "<sha256>" } } });
  });

  it("masks the report's solve time and nothing else", () => {
    const fact = '<div class="fact"><span class="label">Solve time</span><span class="value">3.17 s</span><span class="sub">760 candidates</span></div>';
    expect(normalizeReport(fact)).toBe('<div class="fact"><span class="label">Solve time</span><span class="value"><time></span><span class="sub">760 candidates</span></div>');
  });

  it("masks the summary's solve time in ms, s or min", () => {
    expect(normalizeSummary("625 variables, 320 constraints; solve 3.09 s\n")).toBe("625 variables, 320 constraints; solve <time>\n");
    expect(normalizeSummary("; solve 13 ms")).toBe("; solve <time>");
  });
});
