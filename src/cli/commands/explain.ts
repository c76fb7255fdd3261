import { terminalTable } from "../table.ts";
import { pc } from "../colors.ts";
import { explanationJson, round, type Explanation, type ForcedSolve, type RunOutcome, type ScoredSite } from "../../index.ts";
import { CliFailure, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { explainOffThread } from "../computeThread.ts";
import { runForAnalysis, type SolveCliOptions } from "../loadAndSolve.ts";

export interface ExplainOptions extends SolveCliOptions {
  readonly json?: boolean;
}

function breakdown(scored: ScoredSite): string {
  const table = terminalTable({
    head: ["criterion", "pillar", "raw", "value 0-100", "weight", "points"],
    colAligns: ["left", "left", "right", "right", "right", "right"],
  });
  for (const c of scored.contributions) {
    table.push([
      c.criterion,
      c.pillar,
      c.raw === null ? "blank" : String(c.raw),
      c.value.toFixed(1),
      `${(100 * c.weightShare).toFixed(1)}%`,
      c.points.toFixed(2),
    ]);
  }
  const pillars = Object.entries(scored.pillars)
    .map(([p, v]) => `${p} ${v.toFixed(1)}`)
    .join(", ");
  return `${table.toString()}\noverall ${scored.overall.toFixed(2)}; pillars: ${pillars}`;
}

function forcedText(f: ForcedSolve, unit: string): string {
  const verb = f.lock === "in" ? "Forcing it in" : "Forcing it out";
  if (f.objective === null) return `${verb}: ${f.status.replace("_", " ")}${f.reasons.length > 0 ? ` (${f.reasons.join("; ")})` : ""}`;
  const loss = f.lossVsRun === null ? "" : ` loses ${round(f.lossVsRun, 3)} ${unit} (objective ${round(f.objective, 3)})`;
  const swap =
    f.lock === "in"
      ? `; it displaces ${f.dropped.join(", ") || "nothing"}${f.added.length > 1 ? ` (and brings in ${f.added.filter((id) => !f.dropped.includes(id)).join(", ")})` : ""}`
      : `; replaced by ${f.added.join(", ") || "nothing"}`;
  return `${verb}${loss}${swap}${f.status === "time_limit" ? pc.yellow(" (time limit: not proven optimal)") : ""}`;
}

/** The terminal view of an explanation. */
export function renderExplanation(e: Explanation, outcome: RunOutcome): string {
  if (e.kind === "not_found") return pc.red(`${e.siteId} is not in ${outcome.table.file}`);
  const site = e.scored.site;
  const lines = [pc.bold(`${site.siteId} ${site.name} (${site.region}, ${site.gridZone}) under ${outcome.model.name}`)];
  lines.push(breakdown(e.scored));
  const unit = outcome.problem.objective.kind === "minCost" ? "$B/yr" : "points";
  switch (e.kind) {
    case "screened_out":
      lines.push(pc.red(`screened out: ${e.reasons.join("; ")}`));
      break;
    case "no_selection":
      lines.push(`rank ${e.rank}; the run has no selection (${e.status})`);
      break;
    case "selected":
      lines.push(pc.green(`rank ${e.rank}: ${e.reason.message}`), forcedText(e.forced, unit));
      break;
    case "not_selected":
      lines.push(`rank ${e.rank}: not selected, ${pc.yellow(`${e.reason.kind}`)}: ${e.reason.message}`, forcedText(e.forced, unit));
      break;
  }
  return lines.join("\n");
}

/** `gigasite explain SITE_ID`: why a site is in or out, and what the opposite decision costs. */
export async function explainCommand(siteId: string, options: ExplainOptions): Promise<ExitCode> {
  const outcome = await runForAnalysis(options);
  if (typeof outcome === "number") return outcome;
  const e = await explainOffThread(outcome, siteId);
  // Not found is an error: on stderr (or the --json error document), never as a result.
  if (e.kind === "not_found") throw new CliFailure(`${e.siteId} is not in ${outcome.table.file}`, EXIT.badInput);
  if (options.json) printJson(explanationJson(e));
  else process.stdout.write(`${renderExplanation(e, outcome)}\n`);
  return EXIT.ok;
}
