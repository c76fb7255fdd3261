import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv, type CsvCell } from "../../src/core/csv.ts";

describe("toCsv", () => {
  it("writes a header, rows, LF line ends and a final LF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x", 1],
          [null, true],
        ],
      ),
    ).toBe("a,b\nx,1\n,true\n");
  });

  it("quotes commas, quotes and newlines as RFC 4180 says", () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("neutralizes text that a spreadsheet would run as a formula, but keeps negative numbers", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", '"\'\rx"']);
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell("a-b")).toBe("a-b");
  });

  it("writes non-finite numbers as empty cells", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(csvCell)).toEqual(["", ""]);
  });

  it("round-trips through papaparse for any cells (formula text keeps its added quote)", () => {
    const cell = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = toCsv(["a", "b"], rows as CsvCell[][]);
        const parsed = Papa.parse<string[]>(text.slice(0, -1), { delimiter: ",", newline: "\n" });
        expect(parsed.errors).toEqual([]);
        expect(parsed.data.slice(1)).toEqual(rows.map((row) => row.map((c) => expectedText(c as CsvCell))));
      }),
      { seed: 2024, numRuns: 300 },
    );
  });
});

/** What a reader sees for a cell, from the rules above, independent of csvCell's code path. */
function expectedText(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
