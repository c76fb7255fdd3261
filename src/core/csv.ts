/**
 * Writing CSV that opens safely in a spreadsheet. Choices:
 * - LF line ends and a final LF: what git, diff and every CSV reader (Excel included) accept, so
 *   runs compare cleanly across machines;
 * - RFC 4180 quoting: a cell with a comma, a double quote, CR or LF is quoted, quotes doubled;
 * - numbers are written as numbers (`String(n)`, so `-3.5` stays `-3.5`); a non-finite number is
 *   written as an empty cell, like `null`, since no spreadsheet reads "NaN" as a number;
 * - text that begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet
 *   shows it instead of running it as a formula (CSV injection). This is for text only: a
 *   negative number is a number, not text, and is never changed. Text that already begins with
 *   `'` and then such a character gets one more `'`, so {@link readCsvText} undoes exactly what
 *   was added and a run's files read back to the values written (`compare` relies on it).
 */

export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as CSV text.
 * @example csvCell("=SUM(A1)") // "'=SUM(A1)"
 * @example csvCell(-2.5) // "-2.5"
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document: header, then rows, LF line ends and a final LF.
 * @example toCsv(["site_id", "capex_bn"], [["S1", 9.5], ["S2", null]]) // "site_id,capex_bn\nS1,9.5\nS2,\n"
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(","), ...rows.map((row) => row.map(csvCell).join(","))];
  return `${lines.join("\n")}\n`;
}

/**
 * A text cell as it was before {@link csvCell} neutralized it (one leading `'` removed).
 * @example readCsvText("'=S0435") // "=S0435"
 * @example readCsvText("'plain") // "'plain"
 */
export function readCsvText(cell: string): string {
  return NEUTRALIZED.test(cell) ? cell.slice(1) : cell;
}
