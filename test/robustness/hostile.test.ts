/**
 * Hostile and odd input through the real loaders (files on disk), beyond the one-file corpus of
 * test/fixtures/bad-input: checks that need a CSV and a model together, or a file system.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/core/issues.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { MAX_TABLE_ROWS } from "../../src/core/limits.ts";
import { validateSitesFile } from "../../src/sites/load.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import { gigasite } from "../helpers/gigasiteCli.ts";
import { readRun } from "../../src/compare/readRun.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "gigasite-hostile-"));

function baselineWith(dir: string, edit: (model: Record<string, unknown> & { optimization: Record<string, unknown> }) => void): string {
  const model = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Record<string, unknown> & { optimization: Record<string, unknown> };
  edit(model);
  const path = join(dir, "model.json");
  writeFileSync(path, JSON.stringify(model, null, 2));
  return path;
}

describe("a model checked against the sites it runs on", () => {
  it("names a missing column, an unknown lockedOut id and an unknown lockedIn id with line and column", async () => {
    const dir = tmp();
    const modelPath = baselineWith(dir, (model) => {
      (model.criteria as { column: string }[])[0]!.column = "firm_power_kw";
      model.optimization.lockedOut = ["S9999"];
      model.optimization.lockedIn = ["s0435"];
    });
    const loaded = await loadRunInputs("data/sites.csv", modelPath);
    expect(loaded.ok).toBe(false);
    const lines = loaded.ok ? [] : loaded.issues.map(formatIssue);
    expect(lines.some((l) => /model\.json:\d+:\d+: criteria\[0\]\.column: criterion names column 'firm_power_kw'.*did you mean 'firm_power_mw'/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /model\.json:\d+:\d+: optimization\.lockedOut\[0\]: lockedOut names site 'S9999', which the site CSV does not have/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /model\.json:\d+:\d+: optimization\.lockedIn\[0\]: lockedIn names site 's0435'.*did you mean 'S0435'/.test(l))).toBe(true);
  });

  it("uses an absolute layer path as given", async () => {
    const dir = tmp();
    const layers = JSON.parse(readFileSync("models/with-layers.json", "utf8")) as { layers: { file: string }[] };
    for (const layer of layers.layers) layer.file = join(process.cwd(), "models", layer.file);
    const modelPath = join(dir, "with-layers.json");
    writeFileSync(modelPath, JSON.stringify(layers, null, 2));
    const loaded = await loadRunInputs("data/sites.csv", modelPath);
    expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([]);
  });

  it("refuses a FIFO as a layer instead of waiting on it forever", async (context) => {
    const dir = tmp();
    const fifo = join(dir, "layer.geojson");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      console.log("skipped: mkfifo is not available here");
      context.skip();
      return;
    }
    const model = JSON.parse(readFileSync("models/with-layers.json", "utf8")) as { layers: { file: string }[] };
    model.layers[0]!.file = fifo;
    const modelPath = join(dir, "model.json");
    writeFileSync(modelPath, JSON.stringify(model, null, 2));
    const loaded = await loadRunInputs("data/sites.csv", modelPath);
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? "" : loaded.issues.map(formatIssue).join("\n")).toMatch(/layer\.geojson: expected a regular file/);
  }, 20_000);
});

describe("run folders read back", () => {
  it("a FIFO as run.json is refused, not waited on; text with control characters is refused", async (context) => {
    const dir = tmp();
    try {
      execFileSync("mkfifo", [join(dir, "run.json")]);
    } catch {
      console.log("skipped: mkfifo is not available here");
      context.skip();
      return;
    }
    writeFileSync(join(dir, "ranked.csv"), "rank,site_id,name,region,grid_zone,overall_score,selected\n1,S1,Evil\u001b[2J,TX,ERCOT,80,yes\n");
    const loaded = await readRun(dir);
    expect(loaded.ok).toBe(false);
    const lines = loaded.ok ? [] : loaded.issues.map(formatIssue);
    expect(lines.some((l) => /run\.json: expected a regular file/.test(l))).toBe(true);
    expect(lines.some((l) => /ranked\.csv:2: name: contains the control character \\x1b/.test(l))).toBe(true);
  }, 20_000);
});

describe("terminal text", () => {
  it("a cell with terminal escapes is refused and never echoed raw", async () => {
    const dir = tmp();
    const csv = readFileSync("data/sites.csv", "utf8").split("\n");
    csv[5] = csv[5]!.replace(/^([^,]*),([^,]*),/, "$1,Evil\u001b]0;pwned\u0007\u001b[2J,");
    const path = join(dir, "sites.csv");
    writeFileSync(path, csv.join("\n"));
    const result = await gigasite("run", "--sites", path, "--out", join(dir, "out"), "--no-report");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("sites.csv:6: name: contains the control character \\x1b at character 5");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters in the output.
    expect(result.stderr + result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  }, 60_000);
});

describe("scale", () => {
  it(`a table of more than ${MAX_TABLE_ROWS.toLocaleString("en-US")} rows is refused with the limit`, () => {
    const [header, first] = readFileSync("test/fixtures/sites-small.csv", "utf8").split("\n");
    const rest = first!.slice(first!.indexOf(","));
    const lines = [header!];
    for (let i = 0; i <= MAX_TABLE_ROWS; i++) lines.push(`R${i}${rest}`);
    const loaded = parseSitesCsv(`${lines.join("\n")}\n`, "big.csv");
    expect(loaded.ok).toBe(false);
    const errors = loaded.ok ? [] : loaded.issues.filter((i) => i.severity === "error").map(formatIssue);
    expect(errors).toEqual([
      `big.csv:${MAX_TABLE_ROWS + 2}: the file has ${(MAX_TABLE_ROWS + 1).toLocaleString("en-US")} site rows, more than the ${MAX_TABLE_ROWS.toLocaleString("en-US")} this command holds in memory: filter the file first (gigasite validate checks a file of any size)`,
    ]);
  }, 60_000);

  it("a one-line file of 200,000 columns is refused at once, by both readers", async () => {
    const dir = tmp();
    const path = join(dir, "one-line.csv");
    writeFileSync(path, `site_id,${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(",")}`);
    const started = performance.now();
    const report = await validateSitesFile(path);
    const loaded = parseSitesCsv(readFileSync(path), "one-line.csv");
    // Linear work: far below the minutes the per-column checks used to take (a generous bound).
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(report.issues.map((i) => i.code)).toEqual(["too_many_columns", "no_rows"]);
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.code)).toEqual(["too_many_columns", "no_rows"]);
  }, 60_000);
});
