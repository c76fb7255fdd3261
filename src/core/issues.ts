/**
 * Input problems, collected and reported all at once.
 *
 * A loader never throws for bad input: it returns every {@link InputIssue} it found, and the CLI
 * formats them at the edge with {@link formatIssue}.
 */
import { z } from "zod";
import { cleanText } from "./terminalText.ts";
import type { Written } from "./jsonContract.ts";

export type Severity = "error" | "warning";

export interface InputIssue {
  /** Path of the file as the user gave it. */
  readonly file: string;
  /** 1-based line in the file (the CSV header is line 1). */
  readonly line?: number;
  /** CSV column name, or 1-based character column for JSON. */
  readonly column?: string | number;
  /** JSON path for model files, e.g. `optimization.budgetBn`. */
  readonly path?: string;
  /** Stable machine-readable code, e.g. `not_a_number`. */
  readonly code: string;
  /** Human sentence: what was expected and what was found. */
  readonly message: string;
  readonly severity: Severity;
}

/** The outcome of reading user input: a value (maybe with warnings) or the full list of problems. */
export type Loaded<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly InputIssue[] }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * `file:line: column: message` for CSV, `file:line:col: path: message` for JSON.
 * @example formatIssue({ file: "sites.csv", line: 3, column: "lat", code: "range", message: "expected -90..90, found 95", severity: "error" })
 * // "sites.csv:3: lat: expected -90..90, found 95"
 */
export function formatIssue(issue: InputIssue): string {
  let where = cleanText(issue.file);
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (typeof issue.column === "number") where += `:${issue.column}`;
  const parts = [where];
  if (typeof issue.column === "string") parts.push(cleanText(issue.column));
  if (issue.path !== undefined && issue.path !== "") parts.push(cleanText(issue.path));
  const prefix = issue.severity === "warning" ? "warning: " : "";
  // Messages quote cells and paths: the one sanitizer keeps their control characters inert.
  return `${parts.join(": ")}: ${prefix}${cleanText(issue.message)}`;
}

export function errorsOf(issues: readonly InputIssue[]): InputIssue[] {
  return issues.filter((i) => i.severity === "error");
}

/** One issue in run.json and the `--json` outputs. */
export const issueJsonSchema = z.object({
  file: z.string(),
  line: z.number().nullable(),
  column: z.union([z.string(), z.number()]).nullable(),
  path: z.string().optional(),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
});

export type IssueJson = z.infer<typeof issueJsonSchema>;

/**
 * Issues as plain JSON objects with stable snake_case keys (run.json, `--json` outputs).
 * @example issuesToJson([{ file: "s.csv", line: 3, column: "lat", code: "range", message: "…", severity: "error" }])[0].line // 3
 */
export function issuesToJson(issues: readonly InputIssue[]): Written<IssueJson>[] {
  return issues.map((i) => ({
    file: i.file,
    line: i.line ?? null,
    column: i.column ?? null,
    ...(i.path !== undefined ? { path: i.path } : {}),
    code: i.code,
    severity: i.severity,
    message: i.message,
  }));
}

/**
 * Issues listed per kind (file and code); beyond it a file with a million bad entries is
 * reported by its first ones and a count, not a million lines (and not a million objects).
 */
export const MAX_ISSUES_PER_KIND = 1_000;

/** Code of the issue that stands for the issues of one kind beyond {@link MAX_ISSUES_PER_KIND}. */
export const MORE_ISSUES_CODE = "more_issues";

/**
 * The first `perKind` issues of each kind (file, code, severity) in their order, and for each kind
 * with more one `more_issues` issue saying how many more there are. Loops, no spreading, so it
 * takes any number of issues; capping twice changes nothing.
 * @example capIssues(tooMany, 2).at(-1)?.message // "… and 3 more like this (unknown_site), not listed: 5 in all"
 */
export function capIssues(issues: readonly InputIssue[], perKind: number = MAX_ISSUES_PER_KIND): InputIssue[] {
  const counts = new Map<string, { count: number; first: InputIssue }>();
  const kept: InputIssue[] = [];
  for (const issue of issues) {
    if (issue.code === MORE_ISSUES_CODE) {
      kept.push(issue);
      continue;
    }
    const key = `${issue.severity}\u0000${issue.file}\u0000${issue.code}`;
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { count: 1, first: issue });
    else entry.count++;
    if ((entry?.count ?? 1) <= perKind) kept.push(issue);
  }
  for (const { count, first } of counts.values()) {
    if (count > perKind) kept.push(moreIssuesLikeThis(first, count - perKind, count));
  }
  return kept;
}

/**
 * The issue that stands for `more` issues of `like`'s kind that were found but not listed.
 * @example moreIssuesLikeThis(first, 3, 5).message // "… and 3 more like this (unknown_site), not listed: 5 in all"
 */
export function moreIssuesLikeThis(like: InputIssue, more: number, inAll: number): InputIssue {
  const n = (value: number): string => value.toLocaleString("en-US");
  return {
    file: like.file,
    code: MORE_ISSUES_CODE,
    severity: like.severity,
    message: `… and ${n(more)} more like this (${like.code}), not listed: ${n(inAll)} in all`,
  };
}
