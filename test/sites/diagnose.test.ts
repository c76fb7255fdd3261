import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import { validateSitesFile } from "../../src/sites/load.ts";
import type { InputIssue } from "../../src/core/issues.ts";

const bundled = readFileSync("data/sites.csv", "utf8");
const issuesOf = (text: string): readonly InputIssue[] => {
  const parsed = parseSitesCsv(text, "s.csv");
  return parsed.ok ? parsed.warnings : parsed.issues;
};
const errors = (issues: readonly InputIssue[]): InputIssue[] => issues.filter((i) => i.severity === "error");

describe("one file-level diagnosis instead of thousands of cell errors", () => {
  it("a ';'-separated export with decimal commas is one error naming the cause, in memory and streamed", async () => {
    const european = bundled.replaceAll(",", ";").replace(/(\d)\.(\d)/g, "$1,$2");
    const found = errors(issuesOf(european));
    expect(found.map((i) => i.code)).toEqual(["file_decimal_commas"]);
    expect(found[0]).toMatchObject({ line: 2 });
    expect(found[0]?.message).toMatch(/^this file writes decimals with a comma \(5,892 cells in 760 rows, the first on line 2, lat: '32,3526'/);
    const path = join(mkdtempSync(join(tmpdir(), "gigasite-diagnose-")), "european.csv");
    writeFileSync(path, european);
    const streamed = await validateSitesFile(path);
    expect(streamed.errorCount).toBe(1);
    expect(streamed.issues.filter((i) => i.severity === "error").map((i) => i.code)).toEqual(["file_decimal_commas"]);
  });

  it("rows split on another delimiter than the header's are one error", () => {
    const [header, ...rows] = bundled.trimEnd().split("\n");
    const found = errors(issuesOf([header, ...rows.map((r) => r.replaceAll(",", ";"))].join("\n")));
    expect(found.map((i) => i.code)).toEqual(["file_wrong_delimiter"]);
    expect(found[0]?.message).toMatch(/^760 of 760 rows have fewer cells than the header/);
  });

  it("an unquoted delimiter in a value that shifts later columns is one error for those rows", () => {
    const [header, ...rows] = bundled.trimEnd().split("\n");
    const shifted = rows.map((r) => r.replace(/^([^,]*,[^,]*)/, "$1, Inc")).filter((r) => !r.endsWith(","));
    const found = errors(issuesOf([header, ...shifted].join("\n")));
    expect(found.map((i) => i.code)).toEqual(["file_shifted_columns"]);
    expect(found[0]?.message).toMatch(new RegExp(`^${shifted.length} of ${shifted.length} rows have more cells than the header`));
  });

  it("a few slips stay cell errors with their own line and column", () => {
    const [header, ...rows] = bundled.trimEnd().split("\n");
    const slipped = rows.map((r, i) => (i < 3 ? r.replace(/,(\d+)\.(\d+),(\d+(\.\d+)?),(true|false|),/, ',"$1,$2",$3,$5,') : r));
    const found = errors(issuesOf([header, ...slipped].join("\n")));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => i.code === "decimal_comma" && i.line !== undefined && typeof i.column === "string")).toBe(true);
  });
});
