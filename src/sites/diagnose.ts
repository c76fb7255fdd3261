/**
 * File-level diagnosis: when thousands of issues share one cause that is the file's, not a cell's
 * (a spreadsheet exported with decimal commas, a delimiter that is not the header's, a value with
 * an unquoted delimiter that shifts every later column), one issue naming the cause replaces them.
 * A few such issues stay as they are: a single `3,5` is a typo, not a locale.
 */
import type { InputIssue } from "../core/issues.ts";

/** Issues of one kind from this many on are one file-level issue. */
export const DIAGNOSIS_THRESHOLD = 10;

interface Rule {
  readonly code: string;
  /** `rows`: data rows in the file. */
  readonly diagnosis: (count: number, first: InputIssue, rowsAffected: number, rows: number) => { readonly code: string; readonly message: string };
}

const n = (value: number): string => value.toLocaleString("en-US");

const RULES: readonly Rule[] = [
  {
    code: "decimal_comma",
    diagnosis: (count, first, rowsAffected) => ({
      code: "file_decimal_commas",
      message:
        `this file writes decimals with a comma (${n(count)} cells in ${n(rowsAffected)} rows, the first on line ${first.line}, ${String(first.column)}: ${first.message.replace(/^expected a number with a decimal point, found /, "")}): ` +
        `it was probably saved with a European number format; export it with a decimal point (e.g. set the spreadsheet's locale to English), or replace the decimal commas in the number columns`,
    }),
  },
  {
    code: "too_few_cells",
    diagnosis: (count, first, _rowsAffected, rows) => ({
      code: "file_wrong_delimiter",
      message:
        `${n(count)} of ${n(rows)} rows have fewer cells than the header (the first on line ${first.line}: ${first.message}): ` +
        `the rows are probably separated by another delimiter than the header, or the header has columns the rows lack`,
    }),
  },
  {
    code: "too_many_cells",
    diagnosis: (count, first, _rowsAffected, rows) => ({
      code: "file_shifted_columns",
      message:
        `${n(count)} of ${n(rows)} rows have more cells than the header (the first on line ${first.line}): ` +
        `a value holding the delimiter unquoted (a name such as "Austin, TX"?) or a column missing from the header shifts every later column; quote such values or add the column name`,
    }),
  },
];

/**
 * Holds back the issues of the kinds above while a file is read (at most the threshold of each,
 * and their count), then gives either them back or one diagnosis per kind.
 * @example const d = new FileDiagnosis(); if (!d.holds(issue)) keep(issue); const { diagnoses, released } = d.finish(rowCount);
 */
export class FileDiagnosis {
  private readonly held = new Map<string, { count: number; rows: Set<number>; issues: InputIssue[] }>();

  /** True when the issue is held back (counted here, not to be listed yet). */
  holds(issue: InputIssue): boolean {
    if (!RULES.some((r) => r.code === issue.code)) return false;
    const entry = this.held.get(issue.code) ?? { count: 0, rows: new Set<number>(), issues: [] };
    entry.count++;
    if (issue.line !== undefined && entry.rows.size < 1_000_000) entry.rows.add(issue.line);
    if (entry.issues.length < DIAGNOSIS_THRESHOLD) entry.issues.push(issue);
    this.held.set(issue.code, entry);
    return true;
  }

  /** Counts `count` more issues of `code` that were found but not kept (a capped list). */
  countUnlisted(code: string, count: number): void {
    const entry = this.held.get(code);
    if (entry !== undefined && count > 0) entry.count += count;
  }

  /**
   * One diagnosis for each kind that reached the threshold, and the held issues of the others
   * (`released`). `dropped` says how many errors the diagnoses stand for beyond their own one.
   */
  finish(rows: number): { readonly diagnoses: readonly InputIssue[]; readonly released: readonly InputIssue[]; readonly dropped: number } {
    const diagnoses: InputIssue[] = [];
    const released: InputIssue[] = [];
    let dropped = 0;
    for (const rule of RULES) {
      const entry = this.held.get(rule.code);
      if (entry === undefined) continue;
      const first = entry.issues[0];
      if (entry.count < DIAGNOSIS_THRESHOLD || first === undefined) {
        released.push(...entry.issues);
        continue;
      }
      const { code, message } = rule.diagnosis(entry.count, first, entry.rows.size, rows);
      diagnoses.push({ file: first.file, line: first.line ?? 1, code, message, severity: "error" });
      dropped += entry.count - 1;
    }
    return { diagnoses, released, dropped };
  }
}
