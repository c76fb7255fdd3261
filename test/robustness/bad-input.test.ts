/**
 * The bad-input corpus: every case under test/fixtures/bad-input/<case>/ holds one input
 * (`sites.csv` or `model.json`, plus `columns.txt` and `site-ids.txt` for model-against-CSV checks) and
 * `expected.txt`, the exact formatted issues. Cases named `accepted-*` must load (with warnings);
 * every other case must be rejected. Regenerate expected files on purpose only: `npx vitest run
 * test/robustness -u`, then read the diff. A new case starts with an empty `expected.txt`, so a
 * missing file can never pass by being written on the fly.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, type InputIssue, type Loaded } from "../../src/core/issues.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

const ROOT = "test/fixtures/bad-input";
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function run(dir: string): Loaded<unknown> {
  const csvPath = join(dir, "sites.csv");
  if (existsSync(csvPath)) return parseSitesCsv(readFileSync(csvPath), "sites.csv");
  const columnsPath = join(dir, "columns.txt");
  const idsPath = join(dir, "site-ids.txt");
  const lines = (path: string): string[] | undefined =>
    existsSync(path)
      ? readFileSync(path, "utf8")
          .split("\n")
          .filter((c) => c !== "")
      : undefined;
  const columns = lines(columnsPath);
  const siteIds = lines(idsPath);
  return parseModelJson(readFileSync(join(dir, "model.json"), "utf8"), "model.json", {
    ...(columns === undefined ? {} : { columns }),
    ...(siteIds === undefined ? {} : { siteIds }),
  });
}

describe("bad-input corpus", () => {
  it("has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(ROOT, name);
      expect(existsSync(join(dir, "expected.txt"))).toBe(true);
      const loaded = run(dir);
      const issues: readonly InputIssue[] = loaded.ok ? loaded.warnings : loaded.issues;
      expect(loaded.ok).toBe(name.startsWith("accepted-"));
      // Every issue can be shown with a place in the file.
      for (const issue of issues) expect(issue.line).toBeGreaterThanOrEqual(1);
      if (!loaded.ok) expect(issues.some((i) => i.severity === "error")).toBe(true);
      const text = issues.map(formatIssue).join("\n");
      await expect(text === "" ? "" : `${text}\n`).toMatchFileSnapshot(join("..", "..", dir, "expected.txt"));
    });
  }
});
