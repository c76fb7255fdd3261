import { solvedResult, type RunOutcome } from "../pipeline/run.ts";
import { duration, money, pct } from "../core/format.ts";
import { textGantt } from "./gantt.ts";
import { milestoneGw, runPlan } from "./plan.ts";
import { riskLines } from "../risk/outputs.ts";
import { budgetLine, cashLine, cashRuleSentence, objectiveLine, secondStageLine } from "./planText.ts";
import { sourcesAndUses, sourcesUsesLines } from "./sourcesUses.ts";
import { SELECTION_PLAN_COLUMNS, selectionTable, type Cell, type Table } from "./tables.ts";

const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes text from the CSV or model for Markdown table cells and the middle of a line: whatever
 * could start markup (a backslash, backtick, `*`, `[`, `]`, `<`, `>`, `|`, `~`, and `_` at the edge
 * of a word). Parentheses, `#`, `+` and snake_case names stay as they are, so the file reads
 * cleanly as plain text on a terminal too. Line breaks become spaces.
 * @example escapeMarkdown("capex_bn 9.1 (assumed) | *draft*") // "capex_bn 9.1 (assumed) \| \*draft\*" (one backslash each)
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/_/g, (c, i: number, all: string) => (WORD.test(all[i - 1] ?? "") && WORD.test(all[i + 1] ?? "") ? c : `\\${c}`));
}

/** {@link escapeMarkdown} for text that starts a line: a leading `#`, `+`, `-`, `=` or `1.` would make a heading or a list. */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text).replace(/^(\s*)(\d+(?=[.)])|[#+=-])/, (_m, space: string, mark: string) =>
    /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
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

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The dated plan: the cash rule in words, the plan table, the milestones and the text Gantt. */
function planSection(outcome: RunOutcome): string[] {
  const dated = runPlan(outcome);
  if (dated === null) return [];
  const { timeline, plan } = dated;
  const out = ["## Plan", "", escapeMarkdownLine(cashRuleSentence(outcome) ?? ""), ""];
  const cash = cashLine(outcome);
  if (cash) out.push(`${escapeMarkdownLine(capitalized(cash))}.`, "");
  out.push(markdownTable(selectionTable(outcome), SELECTION_PLAN_COLUMNS), "");
  out.push(
    "Slot k is the k-th site to go live. `drawn_by_go_live_bn`: capex of the whole plan drawn through the month before the go-live month; " +
      "`min_headroom_bn`: the least headroom from construction start to go-live. Every figure re-adds from cashflow.csv.",
    "",
  );
  const su = sourcesAndUses(outcome);
  if (su !== null) {
    const [title, , ...rest] = sourcesUsesLines(outcome);
    out.push("### Sources and uses", "", `${escapeMarkdownLine(capitalized(title ?? ""))}; every month in sources_uses.csv.`, "", "| | $B |", "| --- | --- |");
    out.push(...su.sources.map((l) => `| ${escapeMarkdown(l.label)} | ${l.bn.toFixed(3)} |`), `| **total sources** | **${su.totalSourcesBn.toFixed(3)}** |`);
    out.push(...su.uses.map((l) => `| ${escapeMarkdown(l.label)} | ${l.bn.toFixed(3)} |`), `| **total uses** | **${su.totalUsesBn.toFixed(3)}** |`, "");
    const figures = rest.filter((line) => !line.startsWith("  ") && !line.startsWith(" "));
    for (const line of figures) out.push(`- ${escapeMarkdown(capitalized(line))}`);
    out.push("");
  }
  out.push("### Milestones", "", "| milestone | date | GW live | GW required | met |", "| --- | --- | --- | --- | --- |");
  for (const m of plan.milestones) {
    const g = milestoneGw(m, outcome.problem.gwPerSite);
    out.push(`| ${m.index} | ${m.date} | ${g.gwLive} | ${g.gwRequired} | ${g.met ? "yes" : "no"} |`);
  }
  out.push("", "```", textGantt(timeline, plan), "```", "");
  return out;
}

/** The steps the optimizer took (times are in run.json: they differ from run to run). */
function stepsSection(outcome: RunOutcome): string[] {
  const steps = outcome.result.stats.steps;
  if (steps.length === 0) return [];
  const num = (v: number | null): string => (v === null ? "" : String(Number(v.toFixed(4))));
  return [
    "## Solver steps",
    "",
    "| step | candidates | variables | rows | status | objective | bound |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...steps.map((s) => `| ${s.step} | ${s.candidates} | ${s.variables} | ${s.rows} | ${s.status} | ${num(s.objective)} | ${num(s.bound)} |`),
    "",
  ];
}

/** The human summary of a run (`summary.md`). No timestamps, so identical runs give identical files. */
export function summaryMarkdown(outcome: RunOutcome): string {
  const r = outcome.result;
  const m = outcome.model;
  const out: string[] = [`# gigasite run: ${escapeMarkdown(m.name)}`, ""];
  if (m.description) out.push(escapeMarkdownLine(m.description), "");
  out.push(`**Status:** ${r.status}`, "");
  const solved = solvedResult(outcome);
  if (solved !== null) {
    out.push(`- Objective: ${escapeMarkdown(objectiveLine(outcome) ?? "")}`);
    const stage = secondStageLine(outcome);
    if (stage !== null) out.push(`- Timing: ${escapeMarkdown(capitalized(stage))}`);
    out.push(`- ${capitalized(budgetLine(outcome))}`);
    const cash = cashLine(outcome);
    if (cash) out.push(`- ${escapeMarkdown(capitalized(cash))}`);
    out.push(`- Verification: ${outcome.verification?.ok ? "passed" : `FAILED: ${escapeMarkdown((outcome.verification?.violations ?? []).join("; "))}`}`);
    for (const b of outcome.verification?.binding ?? []) out.push(`- Binding: ${escapeMarkdown(b)}`);
    out.push(
      `- Solver: ${solved.stats.solver}, ${escapeMarkdown(solved.stats.formulation)}; ${solved.stats.variables} variables, ${solved.stats.constraints} constraints; solve ${duration(solved.stats.solveMs)}`,
      "",
    );
    out.push(
      "## Selection",
      "",
      markdownTable(selectionTable(outcome), ["slot", "site_id", "name", "region", "grid_zone", "overall_score", "capex_bn", "ready_date", "go_live_date"]),
      "",
    );
    out.push(...planSection(outcome));
    if (outcome.risk) out.push("## Delay risk", "", ...riskLines(outcome.risk.summary, outcome.risk.robust).map((line) => `- ${escapeMarkdown(line)}`), "");
  } else if (r.status === "infeasible") {
    out.push("## Why no plan exists", "", ...r.reasons.map((reason) => `- ${escapeMarkdown(reason)}`), "");
    if (r.leastEquityBn !== undefined && r.leastEquityBn !== null) out.push(`The least equity for which a plan exists: ${money(r.leastEquityBn)}.`, "");
  } else if (r.status === "no_solution") {
    out.push(`${escapeMarkdown(r.message)}`, "");
  }
  out.push(...stepsSection(outcome));
  out.push("## Screening", "", "| step | sites remaining |", "| --- | --- |");
  for (const f of outcome.screen.funnel) out.push(`| ${escapeMarkdown(f.step)} | ${f.remaining} |`);
  out.push("", "## Weights (normalized)", "", "| pillar | share |", "| --- | --- |");
  for (const [p, w] of Object.entries(outcome.weights.pillars)) out.push(`| ${escapeMarkdown(p)} | ${pct(w)} |`);
  out.push("");
  return out.join("\n");
}
