import Table from "cli-table3";
import { pc } from "./colors.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import { duration, pct } from "../report/format.ts";
import { runSummaryLines, TERMINAL_PLAN_COLUMNS } from "../report/planText.ts";
import { selectionTable } from "../report/tables.ts";
import { formatIssue, type InputIssue } from "../core/issues.ts";

/** Prints input issues, errors first, in file order. */
export function printIssues(issues: readonly InputIssue[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const issue of issues) {
    const text = formatIssue(issue);
    stream.write(`${issue.severity === "error" ? pc.red(text) : pc.yellow(text)}\n`);
  }
}

/** The short terminal view of a run: the selection as an aligned table and the totals. */
export function renderRunForTerminal(outcome: RunOutcome, outDir: string | null): string {
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
  const table = new Table({
    head: columns.map(([, head]) => head),
    colAligns: columns.map(([c]) => (["site_id", "name", "region", "ready_date", "go_live_date"].includes(c) ? "left" : "right")),
    style: { head: [], border: [], compact: true },
  });
  for (const row of sel.rows) {
    table.push(idx.map((i) => {
      const v = row[i];
      if (v === null || v === undefined) return "";
      return typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v);
    }));
  }
  lines.push(table.toString());
  const status = r.status === "optimal" ? pc.green("optimal") : pc.yellow(`time limit (gap ${pct(r.gap)})`);
  lines.push(`${status}  solve ${duration(r.stats.solveMs)}`);
  for (const line of runSummaryLines(outcome)) lines.push(line);
  const v = outcome.verification;
  lines.push(v?.ok ? pc.green("verified: every constraint re-checked independently") : pc.red(`verification FAILED: ${(v?.violations ?? []).join("; ")}`));
  if (outDir) lines.push(`outputs: ${outDir}`);
  return lines.join("\n");
}
