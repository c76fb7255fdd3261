import type { RunOutcome } from "../pipeline/run.ts";
import { duration, money, pct, round } from "./format.ts";
import { textGantt } from "./gantt.ts";
import { scheduleOf, selectionTable, type Cell, type Table } from "./tables.ts";

/** Escapes text from the CSV or model for Markdown tables and prose. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

function markdownTable(table: Table, columns: readonly string[]): string {
  const idx = columns.map((c) => table.header.indexOf(c));
  const fmt = (v: Cell | undefined): string => (v === null || v === undefined ? "" : escapeMarkdown(String(v)));
  return [
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...table.rows.map((row) => `| ${idx.map((i) => fmt(i < 0 ? null : row[i])).join(" | ")} |`),
  ].join("\n");
}

/** The human summary of a run (`summary.md`). No timestamps, so identical runs give identical files. */
export function summaryMarkdown(outcome: RunOutcome): string {
  const r = outcome.result;
  const m = outcome.model;
  const out: string[] = [`# gigasite run: ${escapeMarkdown(m.name)}`, ""];
  if (m.description) out.push(escapeMarkdown(m.description), "");
  out.push(`**Status:** ${r.status}`, "");
  const unit = outcome.problem.objective.kind === "minCost" ? " $B/yr (total annualized cost)" : " (total score)";
  if (r.status === "optimal" || r.status === "time_limit") {
    const budgetUsed = r.schedule ? r.schedule.reduce((s, e) => s + e.capexBn, 0) : null;
    out.push(
      `- Objective: ${round(r.objective, 3)}${unit}; bound ${round(r.bound, 3)}; gap ${pct(r.gap)}${r.status === "optimal" ? " (proven optimal)" : " (time limit: best found)"}`,
      `- Budget: ${budgetUsed === null ? "see selection.csv" : money(budgetUsed)} of ${money(outcome.problem.budgetBn)}`,
      `- Verification: ${outcome.verification?.ok ? "passed" : `FAILED: ${(outcome.verification?.violations ?? []).join("; ")}`}`,
    );
    for (const b of outcome.verification?.binding ?? []) out.push(`- Binding: ${escapeMarkdown(b)}`);
    out.push(`- Solver: ${r.stats.solver}, ${r.stats.formulation}; ${r.stats.variables} variables, ${r.stats.constraints} constraints; solve ${duration(r.stats.solveMs)}`, "");
    out.push("## Selection", "", markdownTable(selectionTable(outcome), ["slot", "site_id", "name", "region", "grid_zone", "overall_score", "capex_bn", "online_date"]), "");
    const schedule = scheduleOf(outcome);
    if (schedule && m.schedule) {
      out.push(
        "## Schedule",
        "",
        outcome.problem.cash
          ? `Cash rule on: the capex of slots 1..k may not exceed ${money(outcome.problem.cash.equityBn)} of equity plus the ${money(outcome.problem.cash.trancheBn)} tranches released before slot k.`
          : "Cash rule off: the cash columns are shown for information only.",
        "",
        markdownTable(selectionTable(outcome), ["slot", "slot_date", "site_id", "online_date", "capex_bn", "cumulative_capex_bn", "cash_available_bn", "cash_headroom_bn", "tranche_released_bn"]),
        "",
        "```",
        textGantt(m.schedule.startDate, schedule, outcome.screen.readiness),
        "```",
        "",
      );
    }
  } else if (r.status === "infeasible") {
    out.push("## Why no selection exists", "", ...r.reasons.map((reason) => `- ${escapeMarkdown(reason)}`), "");
  } else {
    out.push(`${escapeMarkdown(r.message)}`, "");
  }
  out.push("## Screening", "", "| step | sites remaining |", "| --- | --- |");
  for (const f of outcome.screen.funnel) out.push(`| ${escapeMarkdown(f.step)} | ${f.remaining} |`);
  out.push("", "## Weights (normalized)", "", "| pillar | share |", "| --- | --- |");
  for (const [p, w] of Object.entries(outcome.weights.pillars)) out.push(`| ${escapeMarkdown(p)} | ${pct(w)} |`);
  out.push("");
  return out.join("\n");
}
