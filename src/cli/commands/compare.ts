import Table from "cli-table3";
import { pc } from "../colors.ts";
import { compareRuns, type Comparison } from "../../compare/compare.ts";
import { readRun } from "../../compare/readRun.ts";
import { causeText, compareMarkdown, comparisonJson, moveText } from "../../compare/render.ts";
import type { InputIssue } from "../../core/issues.ts";
import { round } from "../../core/format.ts";
import { writeOutputs } from "../../output/runSet.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printIssues } from "../terminal.ts";

export interface CompareOptions {
  readonly top: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly force?: boolean;
}

const signed = (v: number | null, decimals: number): string => (v === null ? "–" : `${v > 0 ? "+" : ""}${round(v, decimals).toFixed(decimals)}`);

/** "3 added (S1, S2, S3)", the first ten ids and "…" beyond; "" for none. */
function idList(ids: readonly string[], verb: string): string {
  if (ids.length === 0) return "";
  return `${ids.length} ${verb} (${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""})`;
}

/** The terminal view: warnings, entered/left, totals, rank moves and agreement. */
export function renderComparison(c: Comparison): string {
  const lines: string[] = [pc.bold(`compare ${c.a.model} (${c.a.dir}) → ${c.b.model} (${c.b.dir})`)];
  for (const w of c.warnings) lines.push(pc.yellow(`warning: ${w}`));
  lines.push(`${pc.green("entered")} ${c.entered.length > 0 ? c.entered.join(", ") : "none"}`);
  lines.push(`${pc.red("left")}    ${c.left.length > 0 ? c.left.join(", ") : "none"}`);
  lines.push(
    `objective ${signed(c.objectiveDelta, 3)}  ${c.budgetDeltaBn === 0 ? "budget unchanged" : `budget ${signed(c.budgetDeltaBn, 2)} $B`}  budget used ${signed(c.budgetUsedDeltaBn, 2)} $B  ` +
      `last online ${c.a.lastOnlineDate ?? "–"} → ${c.b.lastOnlineDate ?? "–"}`,
  );
  if (c.rankMoves.length > 0) {
    const table = new Table({
      head: ["site", "name", "rank A → B", "score Δ", "main cause"],
      colAligns: ["left", "left", "left", "right", "left"],
      style: { head: [], border: [], compact: true },
    });
    for (const m of c.rankMoves) table.push([m.siteId, m.name, moveText(m), signed(m.scoreChange, 2), causeText(m.mainCause)]);
    lines.push(`rank moves in the top ${c.topN}:`, table.toString());
  } else lines.push(`no rank moves in the top ${c.topN}`);
  const tau = c.agreement.kendallTau === null ? "–" : c.agreement.kendallTau.toFixed(3);
  lines.push(`rank agreement over ${c.agreement.commonSites} common sites: Kendall's tau ${tau}, top-10 overlap ${c.agreement.top10Overlap}/10`);
  if (c.sitesAdded.length + c.sitesRemoved.length > 0) {
    lines.push(`sites file: ${[idList(c.sitesAdded, "added"), idList(c.sitesRemoved, "removed")].filter((part) => part !== "").join(", ")}`);
  }
  return lines.join("\n");
}

/** `gigasite compare A B`: reads two run folders, prints (or writes) what changed. */
export async function compareCommand(dirA: string, dirB: string, options: CompareOptions): Promise<ExitCode> {
  const [a, b] = await Promise.all([readRun(dirA), readRun(dirB)]);
  const issues: InputIssue[] = [...(a.ok ? [] : a.issues), ...(b.ok ? [] : b.issues)];
  if (!a.ok || !b.ok) {
    printIssues(issues);
    return EXIT.badInput;
  }
  const comparison = compareRuns(a.value, b.value, { topN: options.top });
  const json = `${JSON.stringify(comparisonJson(comparison), null, 2)}\n`;
  if (options.out) {
    const files = new Map([["compare.md", compareMarkdown(comparison)], ["compare.json", json]]);
    ensureWritten(await writeOutputs(options.out, files, { force: options.force ?? false }));
  }
  process.stdout.write(options.json ? json : `${renderComparison(comparison)}\n${options.out ? `outputs: ${options.out}\n` : ""}`);
  return EXIT.ok;
}

