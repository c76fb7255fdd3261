import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatIssue } from "../../src/core/issues.ts";
import { seededRandom } from "../../src/core/random.ts";
import { loadSites, validateSitesFile } from "../../src/sites/load.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = "site_id,name,lat,lon,country,region,grid_zone,firm_power_mw,capex_bn,permitting_months,note";

describe("loadSites", () => {
  it("reads a file and hashes its bytes", async () => {
    const loaded = await loadSites("test/fixtures/sites-small.csv");
    expect(loaded.ok).toBe(true);
    const sha = createHash("sha256").update(readFileSync("test/fixtures/sites-small.csv")).digest("hex");
    expect(loaded.ok && loaded.value.sha256).toBe(sha);
  });

  it("turns a missing path, a directory, an empty and a binary file into issues", async () => {
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    const binary = join(dir, "binary.csv");
    writeFileSync(binary, Uint8Array.from([0x73, 0x69, 0, 1, 2, 0xff]));
    const xlsx = join(dir, "book.csv");
    writeFileSync(xlsx, Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0]));
    const codes: string[] = [];
    for (const path of [join(dir, "nope.csv"), dir, empty, binary, xlsx]) {
      const loaded = await loadSites(path);
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) codes.push(...loaded.issues.map((i) => i.code));
    }
    expect(codes).toEqual(["not_found", "is_directory", "empty_file", "not_text", "not_text"]);
  });
});

describe("validateSitesFile", () => {
  it("validates 200,000 rows by streaming, capping the issue list but counting them all", async () => {
    const rng = seededRandom(7);
    const path = join(dir, "big.csv");
    const lines = [HEADER];
    for (let i = 1; i <= 200_000; i++) {
      // Every 1000th capex is text; every 1500th note spans two physical lines.
      const capex = i % 1000 === 0 ? "x" : rng.uniform(8, 12).toFixed(2);
      const note = i % 1500 === 0 ? '"two\nlines"' : "ok";
      lines.push(`S${i},Site ${i},${rng.uniform(25, 48).toFixed(3)},${rng.uniform(-124, -70).toFixed(3)},US,TX,ERCOT,1200,${capex},,${note}`);
    }
    writeFileSync(path, `${lines.join("\n")}\n`);
    const expectedLines = expectedBadLines(lines);
    const report = await validateSitesFile(path, { maxIssues: 100 });
    expect(report.rowCount).toBe(200_000);
    expect(report.errorCount).toBe(200);
    expect(report.issueCount).toBe(200);
    expect(report.issues.length).toBe(100);
    expect(report.issues.map((i) => i.line)).toEqual(expectedLines.slice(0, 100));
    expect(report.sha256).toBe(createHash("sha256").update(readFileSync(path)).digest("hex"));
  }, 120_000);

  it("agrees with parseSitesCsv on a file with many kinds of error", async () => {
    const path = join(dir, "mixed.csv");
    const text = `\uFEFF${HEADER},extra\r\nA,"multi\r\nline",95,-100,US,TX,ERCOT,"1,200",9.5,-3,n,1\r\nA,B,35,-100,US,TX,ERCOT,1200\r\nC,D,35,-100,US,TX,ERCOT,1200,NaN,,n,"3,5"\r\n`;
    writeFileSync(path, text);
    const report = await validateSitesFile(path, { maxIssues: 100 });
    const parsed = parseSitesCsv(readFileSync(path), path);
    expect(parsed.ok).toBe(false);
    expect(report.issues.map(formatIssue)).toEqual(parsed.ok ? [] : parsed.issues.map(formatIssue));
    expect(report.rowCount).toBe(3);
  });

  it("reports a missing file as an issue", async () => {
    const report = await validateSitesFile(join(dir, "missing.csv"));
    expect(report.issues.map((i) => i.code)).toEqual(["not_found"]);
  });
});

/** Physical lines of rows whose capex cell is "x", computed independently from the text. */
function expectedBadLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  let physical = 1;
  for (const line of lines) {
    if (line.includes(",x,")) out.push(physical);
    physical += line.split("\n").length;
  }
  return out;
}
