import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { fitTable, fittedTableText, terminalWidth, type FitColumn } from "../../src/cli/table.ts";
import { GIGASITE_BIN } from "../helpers/gigasiteCli.ts";
import { hasScript } from "../helpers/processes.ts";

const widestLine = (text: string): number => Math.max(...text.split("\n").map((l) => stripVTControlCharacters(l).length));

const COLUMNS: readonly FitColumn[] = [
  { head: "slot", align: "right" },
  { head: "site" },
  { head: "name", give: "shorten", minWidth: 10 },
  { head: "why", give: "wrap", minWidth: 16 },
  { head: "drawn by go-live $B", align: "right", dropRank: 2 },
  { head: "min headroom $B", align: "right", dropRank: 1 },
];
const ROWS = [
  ["1", "S0425", "Dayton Industrial Park", "the cheapest power of its region and a permit already in hand", "19.63", "0.37"],
  ["10", "S0536", "Clarksville Substation Campus", "ready first", "89.48", "1.57"],
];

describe("fitTable: any table within a width", () => {
  it("draws every column whole when the width is unlimited (piped output)", () => {
    const fitted = fitTable(COLUMNS, ROWS, Number.POSITIVE_INFINITY);
    expect(fitted.dropped).toEqual([]);
    expect(fitted.text).toContain("Clarksville Substation Campus");
    expect(fitted.text).toContain("the cheapest power of its region and a permit already in hand");
    expect(fitted.text).toContain("drawn by go-live $B");
  });

  for (const width of [150, 120, 100, 80, 60]) {
    it(`fits ${width} columns: no line wider, every kept cell's words there, dropped columns named`, () => {
      const fitted = fitTable(COLUMNS, ROWS, width);
      expect(widestLine(fitted.text)).toBeLessThanOrEqual(width);
      // The rows are never cut: each row's site id and its wrapped sentence's words are all drawn.
      for (const row of ROWS) {
        expect(fitted.text).toContain(row[1]);
        for (const word of (row[3] ?? "").split(" ")) expect(fitted.text).toContain(word);
      }
      for (const head of fitted.dropped) expect(["min headroom $B", "drawn by go-live $B"]).toContain(head);
    });
  }

  it("drops the lowest rank first, shortens names with an ellipsis and gives freed room back", () => {
    // At 70 wrapping and shortening are enough; at 50 both ranked columns go, and the name gets back two of the freed columns.
    expect(fitTable(COLUMNS, ROWS, 70).dropped).toEqual([]);
    const fitted = fitTable(COLUMNS, ROWS, 50);
    expect(fitted.dropped).toEqual(["min headroom $B", "drawn by go-live $B"]);
    expect(fitted.text).toContain("│ Clarksville… │");
    expect(widestLine(fitted.text)).toBeLessThanOrEqual(50);
    const note = fittedTableText(COLUMNS, ROWS, 50, "selection.csv");
    expect(note.split("\n").at(-1)).toBe(
      `not shown at this width: ${fitted.dropped.join(", ")} (selection.csv has every column; a wider terminal or piped output shows them)`,
    );
  });

  it("takes the width of a terminal, and no limit when the output is not one", () => {
    expect(terminalWidth({ isTTY: true, columns: 93 })).toBe(93);
    expect(terminalWidth({ isTTY: false, columns: 93 })).toBe(Number.POSITIVE_INFINITY);
    expect(terminalWidth({})).toBe(Number.POSITIVE_INFINITY);
  });
});

describe.runIf(hasScript)("run's plan table on a terminal of 100 columns", () => {
  it("fits the terminal and says which columns it left out; piped, every column is there", { timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), "gigasite-fit-"));
    const command = `stty cols 100; '${process.execPath}' '${GIGASITE_BIN}' run --out '${out}' --no-report`;
    const onTerminal = stripVTControlCharacters(
      execFileSync("script", ["-qfec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } }),
    );
    const table = onTerminal.split(/\r?\n/).filter((line) => /^[┌│├└]/.test(line));
    expect(table.length).toBeGreaterThan(10);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(100);
    expect(onTerminal).toContain("not shown at this width: ready");
    const piped = execFileSync(process.execPath, [GIGASITE_BIN, "run", "--out", out, "--no-report"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    for (const head of ["ready", "drawn by go-live $B", "min headroom $B", "held back (months)"]) expect(piped).toContain(head);
    expect(piped).not.toContain("not shown at this width");
    expect(piped).toContain("GW live by each milestone (live/required): ");
    expect(piped).toContain(
      `previous run kept in ${join(out, "baseline", "previous")}; what changed: node bin/gigasite.js compare --last ${join(out, "baseline")}`,
    );
  });
});
