import Table from "cli-table3";
import { pc } from "./colors.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import { duration, money, pct, round } from "../report/format.ts";
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
  const cols = ["slot", "site_id", "name", "region", "overall_score", "capex_bn", "online_date", "cumulative_capex_bn", "cash_headroom_bn"];
  const idx = cols.map((c) => sel.header.indexOf(c));
  const table = new Table({
    head: ["slot", "site", "name", "state", "score", "capex $B", "online", "cum. capex $B", "headroom $B"],
    colAligns: ["right", "left", "left", "left", "right", "right", "left", "right", "right"],
    style: { head: [], border: [], compact: true },
  });
  for (const row of sel.rows) {
    table.push(idx.map((i) => {
      const v = i < 0 ? null : row[i];
      if (v === null || v === undefined) return "";
      return typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v);
    }));
  }
  lines.push(table.toString());
  const budgetUsed = outcome.problem.candidates
    .filter((c) => r.selected.includes(c.siteId))
    .reduce((s, c) => s + c.capexBn, 0);
  const objectiveLabel = outcome.problem.objective.kind === "minCost" ? "annualized cost $B/yr" : "total score";
  const status = r.status === "optimal" ? pc.green("optimal") : pc.yellow(`time limit (gap ${pct(r.gap)})`);
  lines.push(
    `${status}  ${objectiveLabel} ${round(r.objective, 2)} (bound ${round(r.bound, 2)})  budget ${money(budgetUsed)} of ${money(outcome.problem.budgetBn)}  solve ${duration(r.stats.solveMs)}`,
  );
  const v = outcome.verification;
  lines.push(v?.ok ? pc.green("verified: every constraint re-checked independently") : pc.red(`verification FAILED: ${(v?.violations ?? []).join("; ")}`));
  if (outDir) lines.push(`outputs: ${outDir}`);
  return lines.join("\n");
}
