/**
 * CSV text to rows with their physical line numbers, for the importers. papaparse reports no
 * line numbers, so a row's line is counted from the rows before it plus the newlines inside its
 * quoted cells (the same rule as the site loader's reader).
 */
import Papa from "papaparse";
import type { InputIssue } from "../core/issues.ts";

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
      issues.push({ file, line: start, code: "malformed_quote", message: 'a quoted cell in this row is not closed properly (write a quote inside a cell as "")', severity: "error" });
      return;
    }
    if (cells.every((c) => c.trim() === "")) return;
    numbered.push({ line: start, cells });
  });
  const [head, ...rows] = numbered;
  return { header: (head?.cells ?? []).map((c) => c.trim()), rows, issues };
}

/**
 * A cell as a number: `null` when blank, `NaN` when not a number.
 * @example numberCell(" 12.5 ") // 12.5
 */
export function numberCell(text: string | undefined): number | null {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}
