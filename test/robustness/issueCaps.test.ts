/**
 * Inputs with a huge number of bad entries: every problem is still found, the first ones of each
 * kind are listed with their place and the rest counted, and nothing spreads an unbounded list
 * into a call (which overflowed the stack: "internal error … Maximum call stack size exceeded").
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capIssues, formatIssue, MAX_ISSUES_PER_KIND, MORE_ISSUES_CODE, type InputIssue } from "../../src/core/issues.ts";
import { MAX_TABLE_ROWS } from "../../src/core/limits.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "gigasite-caps-"));

function baselineWith(dir: string, edit: (model: Record<string, Record<string, unknown>>) => void): string {
  const model = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Record<string, Record<string, unknown>>;
  edit(model);
  const path = join(dir, "model.json");
  writeFileSync(path, JSON.stringify(model));
  return path;
}

const issue = (code: string, line: number): InputIssue => ({ file: "m.json", line, code, message: `bad ${line}`, severity: "error" });

describe("issues capped per kind", () => {
  it("keeps the first of each kind and one issue counting the rest; capping again changes nothing", () => {
    const many = [...Array.from({ length: 5 }, (_, i) => issue("a", i + 1)), issue("b", 9)];
    const capped = capIssues(many, 2);
    expect(capped.map((i) => i.code)).toEqual(["a", "a", "b", MORE_ISSUES_CODE]);
    expect(capped.at(-1)?.message).toBe("… and 3 more like this (a), not listed: 5 in all");
    expect(capIssues(capped, 2)).toEqual(capped);
    expect(capIssues(Array.from({ length: 300_000 }, (_, i) => issue("c", i))).length).toBe(MAX_ISSUES_PER_KIND + 1);
  });

  it("a model naming 100,000 unknown lockedOut sites: exit-2 issues, the first ones with line and column, the rest counted", async () => {
    const path = baselineWith(tmp(), (model) => {
      (model.optimization as Record<string, unknown>).lockedOut = Array.from({ length: MAX_TABLE_ROWS }, (_, i) => `NOPE${i}`);
    });
    const loaded = await loadRunInputs("data/sites.csv", path);
    if (loaded.ok) throw new Error("expected the model to be refused");
    const lines = loaded.issues.map(formatIssue);
    expect(lines[0]).toMatch(/model\.json:1:\d+: optimization\.lockedOut\[0\]: lockedOut names site 'NOPE0', which the site CSV does not have/);
    expect(loaded.issues.length).toBeLessThanOrEqual(MAX_ISSUES_PER_KIND + 5);
    expect(lines).toContain(`${path}: … and 99,000 more like this (unknown_site), not listed: 100,000 in all`);
  }, 120_000);

  it("a model with 200,000 out-of-range milestones is refused for its length, at the list's line and column", async () => {
    const path = baselineWith(tmp(), (model) => {
      (model.schedule as Record<string, unknown>).milestones = Array.from({ length: 200_000 }, () => "2300-01-01");
    });
    const loaded = await loadRunInputs("data/sites.csv", path);
    if (loaded.ok) throw new Error("expected the model to be refused");
    expect(loaded.issues.map(formatIssue)).toEqual([
      `${path}:1:${readFileSync(path, "utf8").indexOf('"milestones"') + 1}: schedule.milestones: expected at most 100,000 items in a list (the most sites a run takes), found 200,000`,
    ]);
  }, 120_000);

  it("a model with 100,000 out-of-range milestones lists the first 1,000 and counts the rest", async () => {
    const path = baselineWith(tmp(), (model) => {
      (model.schedule as Record<string, unknown>).milestones = Array.from({ length: MAX_TABLE_ROWS }, () => "2300-01-01");
    });
    const loaded = await loadRunInputs("data/sites.csv", path);
    if (loaded.ok) throw new Error("expected the model to be refused");
    const ranges = loaded.issues.filter((i) => i.path?.startsWith("schedule.milestones["));
    expect(ranges.length).toBe(MAX_ISSUES_PER_KIND);
    expect(ranges[0]?.line).toBe(1);
    expect(loaded.issues.some((i) => i.code === MORE_ISSUES_CODE && /99,000 more like this .*100,000 in all/.test(i.message))).toBe(true);
  }, 120_000);

  it("a sites CSV with 3,000 bad rows lists 1,000 of them and counts the rest", async () => {
    const dir = tmp();
    const lines = readFileSync("data/sites.csv", "utf8").trimEnd().split("\n");
    const header = (lines[0] as string).split(",");
    const lat = header.indexOf("lat");
    const id = header.indexOf("site_id");
    const row = (lines[1] as string).split(",");
    const bad = Array.from({ length: 3000 }, (_, i) => {
      const cells = [...row];
      cells[id] = `X${i}`;
      cells[lat] = "95";
      return cells.join(",");
    });
    const csv = join(dir, "sites.csv");
    writeFileSync(csv, `${[lines[0], ...bad].join("\n")}\n`);
    const loaded = await loadRunInputs(csv, "models/baseline.json");
    if (loaded.ok) throw new Error("expected the CSV to be refused");
    expect(loaded.issues.filter((i) => i.column === "lat").length).toBe(MAX_ISSUES_PER_KIND);
    expect(loaded.issues.some((i) => i.code === MORE_ISSUES_CODE && /2,000 more like this .*3,000 in all/.test(i.message))).toBe(true);
  }, 120_000);
});
