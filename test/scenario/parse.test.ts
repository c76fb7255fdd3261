import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, type InputIssue, type Loaded } from "../../src/core/issues.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";

/** A small valid model, written out so that line numbers in the tests are easy to read. */
const MODEL = `{
  "name": "small",
  "criteria": [
    { "column": "capex_bn", "direction": "lower", "weight": 2, "pillar": "financing", "value": { "kind": "linear", "worst": 13, "best": 7 } },
    { "column": "permitting_months", "direction": "lower", "weight": 1, "pillar": "permitting", "value": { "kind": "piecewise", "points": [[0, 100], [12, 80], [36, 0]] } }
  ],
  "pillars": { "financing": 50, "permitting": 50 },
  "schedule": { "startDate": "2025-01-01", "buildMonths": 18, "milestones": ["2026-12-31", "2027-06-30"] },
  "optimization": { "sites": 2, "gwPerSite": 1, "budgetBn": 25, "minSpacingKm": 50 }
}
`;

function issuesOf(loaded: Loaded<ScenarioModel>): readonly InputIssue[] {
  if (loaded.ok) throw new Error("expected issues, got a model");
  return loaded.issues;
}
/** [line, column] of the `nth` occurrence of `needle` in `text`, counted independently of the parser. */
function at(text: string, needle: string, nth = 0): [number, number] {
  let offset = -1;
  for (let k = 0; k <= nth; k++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`no ${needle} in text`);
  const before = text.slice(0, offset).split("\n");
  return [before.length, (before[before.length - 1]?.length ?? 0) + 1];
}
const where = (issues: readonly InputIssue[]) => issues.map((i) => [i.line, i.column, i.path, i.code]);

describe("parseModelJson", () => {
  it("accepts the small model and every bundled model", () => {
    const small = parseModelJson(MODEL, "small.json");
    expect(small.ok && small.value.optimization.budgetBn).toBe(25);
    for (const name of ["baseline", "cheap-capital", "speed-first"]) {
      const loaded = parseModelJson(readFileSync(`models/${name}.json`, "utf8"), `${name}.json`);
      expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([]);
    }
  });

  it("gives the line and column of a syntax error, from the position in the message or a second parser", () => {
    const trailing = MODEL.replace('"minSpacingKm": 50 }', '"minSpacingKm": 50, }');
    const [commaLine, commaColumn] = at(trailing, "50, }");
    const trailingIssues = issuesOf(parseModelJson(trailing, "m.json"));
    expect(where(trailingIssues)).toEqual([[commaLine, commaColumn + 4, undefined, "json_syntax"]]);
    expect(trailingIssues[0]?.message).toBe("invalid JSON: Expected double-quoted property name (remove the trailing comma)");
    // Node 20 omits the position from "Unexpected token" messages.
    const badToken = MODEL.replace('"buildMonths": 18', '"buildMonths": 18]');
    const [line, column] = at(badToken, "18]");
    expect(where(issuesOf(parseModelJson(badToken, "m.json")))).toEqual([[line, column + 2, undefined, "json_syntax"]]);
    // Cut inside a string: the error is at the end of the text.
    const cut = MODEL.slice(0, 40);
    const cutLines = cut.split("\n");
    expect(where(issuesOf(parseModelJson(cut, "m.json")))).toEqual([[cutLines.length, (cutLines.at(-1)?.length ?? 0) + 1, undefined, "json_syntax"]]);
  });

  it("maps schema issues to paths and the key's position", () => {
    const bad = MODEL.replace('"budgetBn": 25', '"budgetBn": "25"').replace('"weight": 1,', '"weight": -1,');
    const issues = issuesOf(parseModelJson(bad, "m.json"));
    expect(where(issues)).toEqual([
      [...at(bad, '"weight": -1'), "criteria[1].weight", "invalid_value"],
      [...at(bad, '"budgetBn"'), "optimization.budgetBn", "wrong_type"],
    ]);
    const [line, column] = at(bad, '"budgetBn"');
    expect(formatIssue(issues[1] as InputIssue)).toBe(`m.json:${line}:${column}: optimization.budgetBn: expected a number, found "25" (a text)`);
  });

  it("names an unknown key with the nearest known key, and does not also call the real key missing", () => {
    const bad = MODEL.replace('"minSpacingKm"', '"minSpacingKM"')
      .replace('"buildMonths"', '"buildMonth"')
      .replace('"name": "small",', '"name": "small", "scenario": 1,');
    const pos = (needle: string): string => at(bad, needle).join(":");
    expect(issuesOf(parseModelJson(bad, "m.json")).map(formatIssue)).toEqual([
      `m.json:${pos('"scenario"')}: scenario: unknown key "scenario"`,
      `m.json:${pos('"buildMonth"')}: schedule.buildMonth: unknown key "buildMonth": did you mean "buildMonths"?`,
      `m.json:${pos('"minSpacingKM"')}: optimization.minSpacingKM: unknown key "minSpacingKM": did you mean "minSpacingKm"?`,
    ]);
  });

  it("suggests known keys inside union members, chosen by their kind", () => {
    const bad = MODEL.replace('"worst": 13', '"worts": 13');
    expect(issuesOf(parseModelJson(bad, "m.json")).map((i) => i.message)).toEqual(['unknown key "worts": did you mean "worst"?']);
  });

  it("reports duplicate keys at their second occurrence", () => {
    const bad = MODEL.replace('"budgetBn": 25,', '"budgetBn": 25, "budgetBn": 30,');
    expect(where(issuesOf(parseModelJson(bad, "m.json")))).toEqual([[...at(bad, '"budgetBn"', 1), "optimization.budgetBn", "duplicate_key"]]);
  });

  it("checks columns only when given, including columns derived by layers", () => {
    expect(parseModelJson(MODEL, "m.json").ok).toBe(true);
    const issues = issuesOf(parseModelJson(MODEL, "m.json", { columns: ["site_id", "capex_bn", "permiting_months"] }));
    expect(issues.map(formatIssue)).toEqual([
      "m.json:5:7: criteria[1].column: criterion names column 'permitting_months', which the site CSV does not have: did you mean 'permiting_months'?",
    ]);
    const withLayer = MODEL.replace(
      '"name": "small",',
      '"name": "small", "layers": [{ "kind": "distance", "name": "lines", "file": "l.geojson", "column": "permitting_months" }],',
    );
    expect(parseModelJson(withLayer, "m.json", { columns: ["capex_bn"] }).ok).toBe(true);
  });

  it("rejects absurdly deep nesting as an issue instead of overflowing the stack", () => {
    for (const text of ["[".repeat(100_000) + "]".repeat(100_000), `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`]) {
      expect(issuesOf(parseModelJson(text, "m.json")).map((i) => [i.code, i.line, i.column])).toEqual([
        ["too_deep", 1, text.startsWith("[") ? 65 : 5 * 64 + 1],
      ]);
    }
    // Brackets and escaped quotes inside strings do not count as nesting.
    const quoted = MODEL.replace('"name": "small"', `"name": "small", "description": "${"[{".repeat(100)}\\" ]"`);
    expect(parseModelJson(quoted, "m.json").ok).toBe(true);
  });

  it("reports an empty file, a BOM-prefixed file and a non-object root sensibly", () => {
    expect(where(issuesOf(parseModelJson(" \n", "m.json")))).toEqual([[1, 1, undefined, "empty_file"]]);
    expect(parseModelJson(`\uFEFF${MODEL}`, "m.json").ok).toBe(true);
    expect(issuesOf(parseModelJson("[1]", "m.json")).map((i) => i.message)).toEqual(["expected an object {...}, found a list"]);
  });
});
