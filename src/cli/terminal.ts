import { isAbsolute, join } from "node:path";
import { fittedTableText, type FitColumn } from "./table.ts";
import { invocation } from "./invocation.ts";
import { collectIssues, jsonMode } from "./jsonOutput.ts";
import { pc } from "./colors.ts";
import {
  duration,
  formatIssue,
  pct,
  runSummaryLines,
  selectionTable,
  TERMINAL_PLAN_COLUMNS,
  type InputIssue,
  type RunOutcome,
  riskLines,
  PREVIOUS_FOLDER,
} from "../index.ts";

/** How warnings are shown: `quiet` hides them, `allWarnings` lists every one, else the first `perKind` of each kind. */
export interface IssuePrintOptions {
  readonly quiet?: boolean;
  readonly allWarnings?: boolean;
  readonly perKind?: number;
  /** Where the full list is also written, e.g. "run.json". */
  readonly fullListIn?: string;
  /** The folder relative paths are read from (default: the current folder). */
  readonly cwd?: string;
}

/** Said under a missing file named by a relative path: the defaults are the repository's files only from its root. */
export function relativePathNote(cwd: string): string {
  return `note: paths are relative to the current folder, ${cwd}; the defaults (data/sites.csv, models/baseline.json) are found from the repository root, or name the files with --sites and --model`;
}

/** Warnings shown per kind before "and N more like this". */
export const WARNINGS_PER_KIND = 3;

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * The lines for a list of issues: every error in file order, then the warnings grouped by kind
 * (their code), the first few of each kind and then "and N more like this".
 * @example issueLines(warnings) // ["a.csv:2: lat: warning: …", …, "  … and 3,008 more like this (outside_state)"]
 */
export function issueLines(
  issues: readonly InputIssue[],
  options: IssuePrintOptions = {},
): { readonly text: string; readonly severity: "error" | "warning" | "note" }[] {
  const lines: { text: string; severity: "error" | "warning" | "note" }[] = [];
  for (const issue of issues) if (issue.severity === "error") lines.push({ text: formatIssue(issue), severity: "error" });
  const missingRelative = issues.some((i) => i.severity === "error" && i.code === "not_found" && i.file !== "<stdin>" && !isAbsolute(i.file));
  if (missingRelative) lines.push({ text: relativePathNote(options.cwd ?? process.cwd()), severity: "note" });
  if (options.quiet) return lines;
  const byKind = new Map<string, InputIssue[]>();
  for (const issue of issues) {
    if (issue.severity !== "warning") continue;
    const group = byKind.get(issue.code) ?? [];
    group.push(issue);
    byKind.set(issue.code, group);
  }
  const perKind = options.allWarnings ? Infinity : (options.perKind ?? WARNINGS_PER_KIND);
  let hidden = 0;
  for (const [code, group] of byKind) {
    for (const issue of group.slice(0, perKind)) lines.push({ text: formatIssue(issue), severity: "warning" });
    if (group.length > perKind) {
      hidden += group.length - perKind;
      lines.push({ text: `  … and ${count(group.length - perKind)} more like this (${code}, ${count(group.length)} in all)`, severity: "note" });
    }
  }
  if (hidden > 0)
    lines.push({
      text: `${count(hidden)} more warnings not shown: --all-warnings lists them${options.fullListIn ? `, and ${options.fullListIn} has every one` : ""}`,
      severity: "note",
    });
  return lines;
}

/** Prints input issues: errors first in file order, then warnings grouped by kind (see {@link issueLines}). */
export function printIssues(issues: readonly InputIssue[], options: IssuePrintOptions = {}, stream: NodeJS.WritableStream = process.stderr): void {
  // With --json the errors go into the error document on stdout; warnings stay on stderr.
  const json = jsonMode();
  if (json) collectIssues(issues);
  for (const line of issueLines(json ? issues.filter((i) => i.severity !== "error") : issues, options)) {
    stream.write(`${line.severity === "error" ? pc.red(line.text) : line.severity === "warning" ? pc.yellow(line.text) : pc.dim(line.text)}\n`);
  }
}

/** How the plan table's columns give way on a narrow terminal: the name shortens, then the least needed columns go first. */
const PLAN_COLUMN_FIT: Readonly<Record<string, Omit<FitColumn, "head">>> = {
  slot: { align: "right" },
  site_id: {},
  name: { give: "shorten", minWidth: 14 },
  // The ready date is the go-live date less the months held back, so it goes first.
  ready_date: { dropRank: 1 },
  region: { dropRank: 2 },
  min_headroom_bn: { align: "right", dropRank: 3 },
  drawn_by_go_live_bn: { align: "right", dropRank: 4 },
  capex_bn: { align: "right", dropRank: 5 },
  overall_score: { align: "right", dropRank: 6 },
  go_live_date: {},
  held_back_months: { align: "right" },
};

/** Where a run's files went and what the user may do next, for the lines under the table. */
export interface RunPrintContext {
  /** The output folder, or null when nothing was written. */
  readonly outDir: string | null;
  /** Width the table must fit (the terminal's, or unlimited when piped). */
  readonly width?: number;
  /** Whether report.html was written. */
  readonly report?: boolean;
  /** Whether the run this one replaced was kept in previous/. */
  readonly previousKept?: boolean;
}

/** The short terminal view of a run: the selection as an aligned table and the totals. */
export function renderRunForTerminal(outcome: RunOutcome, context: RunPrintContext): string {
  const r = outcome.result;
  const lines: string[] = [];
  const title = `${outcome.model.name}: ${outcome.table.sites.length} candidates, ${outcome.screen.passed.length} pass screening`;
  lines.push(pc.bold(title));
  if (r.status === "infeasible") {
    lines.push(pc.red("Infeasible: no selection meets every requirement."));
    for (const reason of r.reasons) lines.push(`  - ${reason}`);
    return lines.join("\n");
  }
  if (r.status === "no_solution") {
    lines.push(pc.red(r.message));
    return lines.join("\n");
  }
  const sel = selectionTable(outcome);
  const columns = TERMINAL_PLAN_COLUMNS.filter(([c]) => sel.header.includes(c));
  const idx = columns.map(([c]) => sel.header.indexOf(c));
  const rows = sel.rows.map((row) =>
    idx.map((i, k) => {
      const v = row[i];
      if (v === null || v === undefined) return "";
      // Every number but the slot and the months keeps two decimals, so 10.00 lines up with 7.70.
      const whole = ["slot", "held_back_months"].includes(columns[k]?.[0] ?? "");
      return typeof v === "number" && !whole ? v.toFixed(2) : String(v);
    }),
  );
  // A column this file does not know (a new one) is kept while there is room, and goes early when there is not.
  const fit = columns.map(([c, head]): FitColumn => ({ head, ...(PLAN_COLUMN_FIT[c] ?? { align: "right", dropRank: 3 }) }));
  lines.push(fittedTableText(fit, rows, context.width ?? Number.POSITIVE_INFINITY, context.outDir === null ? undefined : "selection.csv"));
  const status =
    r.status === "optimal"
      ? pc.green("optimal")
      : pc.yellow(`${r.status === "time_limit" && r.stoppedBy !== undefined ? `stopped early: ${r.stoppedBy}` : "time limit"} (gap ${pct(r.gap)})`);
  lines.push(`${status}  solve ${duration(r.stats.solveMs)}`);
  for (const line of runSummaryLines(outcome)) lines.push(line);
  const v = outcome.verification;
  lines.push(v?.ok ? pc.green("verified: every constraint re-checked independently") : pc.red(`verification FAILED: ${(v?.violations ?? []).join("; ")}`));
  if (outcome.risk) lines.push(...riskLines(outcome.risk.summary, outcome.risk.robust));
  lines.push(...nextStepLines(context));
  return lines.join("\n");
}

/** Where the outputs are, the report's path, and after a re-run the command that says what changed. */
export function nextStepLines(context: RunPrintContext): string[] {
  const dir = context.outDir;
  if (dir === null) return [];
  const lines = [`outputs: ${dir}`];
  if (context.report) lines.push(`report: ${join(dir, "report.html")} (open it in a browser)`);
  if (context.previousKept) {
    lines.push(
      `previous run kept in ${join(dir, PREVIOUS_FOLDER)}; what changed: ${invocation()} compare --last ${/\s/.test(dir) ? JSON.stringify(dir) : dir}`,
    );
  }
  return lines;
}
