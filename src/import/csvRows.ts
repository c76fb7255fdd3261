/**
 * CSV text to rows with their physical line numbers, for the importers. papaparse reports no
 * line numbers, so a row's line is counted from the rows before it plus the newlines inside its
 * quoted cells (the same rule as the site loader's reader).
 */
import Papa from "papaparse";
import type { InputIssue } from "../core/issues.ts";
import { ANY_NUMBER, outOfBounds } from "../core/bounds.ts";
import { parseNumberCell } from "../sites/cells.ts";

export interface CsvRow {
  /** 1-based physical line where the row starts (the header is line 1). */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvRows {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
  readonly issues: readonly InputIssue[];
}

/**
 * Splits CSV text into a trimmed header and numbered rows; blank lines are skipped and quote
 * errors become issues.
 * @example readCsvRows("a,b\n1,2\n", "f.csv").rows[0] // { line: 2, cells: ["1", "2"] }
 */
export function readCsvRows(text: string, file: string): CsvRows {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: false, dynamicTyping: false, delimiter: ",", newline: "\n", quoteChar: '"' });
  const issues: InputIssue[] = [];
  const badRows = new Set(parsed.errors.filter((e) => e.code === "InvalidQuotes" || e.code === "MissingQuotes").map((e) => e.row));
  const numbered: CsvRow[] = [];
  let line = 1;
  parsed.data.forEach((cells, index) => {
    const start = line;
    for (const cell of cells) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) line++;
    line++;
    if (badRows.has(index)) {
      issues.push({
        file,
        line: start,
        code: "malformed_quote",
        message: 'a quoted cell in this row is not closed properly (write a quote inside a cell as "")',
        severity: "error",
      });
      return;
    }
    if (cells.every((c) => c.trim() === "")) return;
    numbered.push({ line: start, cells });
  });
  const [head, ...candidates] = numbered;
  const width = head?.cells.length ?? 0;
  const last = candidates.at(-1);
  // A row with another number of cells than the header is not read by position: a truncated
  // last line (a download cut short) would otherwise pass with its missing cells blank.
  const rows = candidates.filter((row) => {
    if (row.cells.length === width || (row.cells.length > width && row.cells.slice(width).every((c) => c.trim() === ""))) return true;
    const cutOff = row === last && !source.endsWith("\n") ? ": the file ends in the middle of this row (was the download cut short?)" : "";
    issues.push({
      file,
      line: row.line,
      code: row.cells.length < width ? "too_few_cells" : "too_many_cells",
      message: `expected ${width} cells as in the header, found ${row.cells.length}${cutOff}`,
      severity: "error",
    });
    return false;
  });
  return { header: (head?.cells ?? []).map((c) => c.trim()), rows, issues };
}

/**
 * A cell as a number: `null` when blank, `NaN` when not a plain decimal number within ±1e12.
 * @example numberCell(" 12.5 ") // 12.5
 * @example numberCell("0x3E8") // NaN
 */
export function numberCell(text: string | undefined): number | null {
  // The site loader's number rule: plain decimal notation only (no 0x3E8, no 1_000, no Infinity),
  // within the bounds every number gigasite reads must meet.
  const cell = parseNumberCell(text ?? "", "");
  if (cell.kind === "blank") return null;
  return cell.kind === "number" && outOfBounds(cell.value, ANY_NUMBER) === undefined ? cell.value : NaN;
}
