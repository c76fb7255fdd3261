import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InputIssue } from "../../src/core/issues.ts";
import { issueLines } from "../../src/cli/terminal.ts";
import { gigasite } from "../helpers/gigasiteCli.ts";
import { smallModel } from "../analysis/smallModel.ts";

const warning = (line: number, code: string): InputIssue => ({ file: "s.csv", line, column: "lat", code, message: `${code} at ${line}`, severity: "warning" });

describe("warnings grouped by kind", () => {
  const issues: InputIssue[] = [
    ...Array.from({ length: 3018 }, (_, i) => warning(i + 2, "outside_state")),
    warning(5000, "delimiter"),
    { file: "s.csv", line: 7, column: "lat", code: "range", message: "bad", severity: "error" },
  ];

  it("prints every error, the first three of each kind of warning and 'and N more like this'", () => {
    const lines = issueLines(issues).map((l) => l.text);
    expect(lines[0]).toBe("s.csv:7: lat: bad");
    expect(lines.filter((l) => l.includes("outside_state at"))).toEqual([
      "s.csv:2: lat: warning: outside_state at 2",
      "s.csv:3: lat: warning: outside_state at 3",
      "s.csv:4: lat: warning: outside_state at 4",
    ]);
    expect(lines).toContain("  … and 3,015 more like this (outside_state, 3,018 in all)");
    expect(lines).toContain("s.csv:5000: lat: warning: delimiter at 5000");
    expect(lines.at(-1)).toBe("3,015 more warnings not shown: --all-warnings lists them");
    expect(lines.length).toBe(7);
  });

  it("--all-warnings lists every one; --quiet hides warnings but never errors", () => {
    expect(issueLines(issues, { allWarnings: true }).length).toBe(3018 + 1 + 1);
    expect(issueLines(issues, { quiet: true }).map((l) => l.text)).toEqual(["s.csv:7: lat: bad"]);
  });

  it("run groups them on the terminal and lists every one in run.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-warnings-"));
    const csv = readFileSync("test/fixtures/sites-small.csv", "utf8").split("\n");
    // Every site but the header claims to be in New Jersey: one outside_state warning each.
    const sites = join(dir, "nj.csv");
    writeFileSync(sites, csv.map((line, i) => (i === 0 || line === "" ? line : line.replace(/,US,[A-Z]{2},/, ",US,NJ,"))).join("\n"));
    const model = join(dir, "small.json");
    writeFileSync(model, JSON.stringify(await smallModel()));
    const args = ["run", "--sites", sites, "--model", model, "--out", join(dir, "out"), "--no-report"];
    const grouped = await gigasite(...args);
    const outside = grouped.stderr.split("\n").filter((l) => l.includes("outside"));
    expect(grouped.stderr).toMatch(/… and (\d+) more like this \(outside_state, (\d+) in all\)/);
    const total = Number(/outside_state, (\d+) in all/.exec(grouped.stderr)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(outside.filter((l) => l.includes("warning:")).length).toBe(3);
    expect(grouped.stderr).toMatch(/--all-warnings lists them, and run\.json has every one/);
    const runJson = JSON.parse(readFileSync(join(dir, "out", "small", "run.json"), "utf8")) as {
      warning_count: number;
      warnings: { code: string; line: number }[];
    };
    expect(runJson.warnings.filter((w) => w.code === "outside_state").length).toBe(total);
    expect(runJson.warning_count).toBe(runJson.warnings.length);

    const all = await gigasite(...args, "--all-warnings");
    expect(all.stderr.split("\n").filter((l) => l.includes("warning:") && l.includes("outside")).length).toBe(total);
    const quiet = await gigasite(...args, "--quiet");
    expect(quiet.code).toBe(grouped.code);
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toBe(grouped.stdout);
  });

  it("validate reports the same state-boundary warnings as run, grouped the same way; --strict makes them errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-warnings-"));
    const csv = readFileSync("test/fixtures/sites-small.csv", "utf8").split("\n");
    const sites = join(dir, "nj.csv");
    writeFileSync(sites, csv.map((line, i) => (i === 0 || line === "" ? line : line.replace(/,US,[A-Z]{2},/, ",US,NJ,"))).join("\n"));
    const model = join(dir, "small.json");
    writeFileSync(model, JSON.stringify(await smallModel()));
    const run = await gigasite("run", "--sites", sites, "--model", model, "--out", join(dir, "out"), "--no-report");
    const runLines = run.stderr.split("\n").filter((l) => l.includes("outside_state") || l.includes("outside NJ"));
    expect(runLines.length).toBe(4);

    const validated = await gigasite("validate", sites);
    expect(validated.code).toBe(0);
    expect(validated.stderr.split("\n").filter((l) => l.includes("outside_state") || l.includes("outside NJ"))).toEqual(runLines);
    const total = Number(/outside_state, (\d+) in all/.exec(validated.stderr)?.[1]);
    expect(validated.stdout).toBe(`${sites}: ${csv.filter((l, i) => i > 0 && l !== "").length} sites, valid (${total} warning(s))\n`);

    const json = JSON.parse((await gigasite("validate", sites, "--json")).stdout) as { valid: boolean; warning_count: number; issues: { code: string }[] };
    expect(json.valid).toBe(true);
    expect(json.issues.filter((i) => i.code === "outside_state").length).toBe(total);

    const strict = await gigasite("validate", sites, "--strict");
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${sites}: ${total} error(s)`);
  });
});
