import Table from "cli-table3";
import { positiveNumber } from "../parse.ts";
import type { Command } from "commander";
import { pc } from "../colors.ts";
import { explainSite, type Explanation, type ForcedSolve } from "../../analysis/explain.ts";
import { explanationJson } from "../../analysis/outputs.ts";
import { loadRunInputs } from "../../pipeline/inputs.ts";
import type { ProblemOptions } from "../../pipeline/problem.ts";
import { runScenario, type RunOutcome } from "../../pipeline/run.ts";
import { round } from "../../report/format.ts";
import type { ScoredSite } from "../../score/score.ts";
import { CliFailure, EXIT, type ExitCode } from "../exitCodes.ts";
import { printIssues } from "../terminal.ts";

export interface SolveCliOptions {
  readonly sites: string;
  readonly model: string;
  readonly solver?: "jsLPSolver" | "highs";
  readonly timeLimit?: number;
}

export interface ExplainOptions extends SolveCliOptions {
  readonly json?: boolean;
}

/** Loads the inputs and runs the pipeline once; bad input is printed and becomes an exit code. */
export async function runForAnalysis(options: SolveCliOptions): Promise<RunOutcome | ExitCode> {
  if (options.solver !== undefined && options.solver !== "jsLPSolver" && options.solver !== "highs") {
    throw new CliFailure(`--solver expects jsLPSolver or highs, found ${String(options.solver)}`, EXIT.badInput);
  }
  const loaded = await loadRunInputs(options.sites, options.model);
  if (!loaded.ok) {
    printIssues(loaded.issues);
    return EXIT.badInput;
  }
  printIssues(loaded.value.warnings);
  return runScenario(loaded.value.table, loaded.value.model, { ...problemOptionsOf(options), layers: loaded.value.layers });
}

export function problemOptionsOf(options: Pick<SolveCliOptions, "solver" | "timeLimit">): ProblemOptions {
  return {
    ...(options.solver ? { solver: options.solver } : {}),
    ...(options.timeLimit !== undefined ? { timeLimitSeconds: options.timeLimit } : {}),
  };
}

function breakdown(scored: ScoredSite): string {
  const table = new Table({
    head: ["criterion", "pillar", "raw", "value 0-100", "weight", "points"],
    colAligns: ["left", "left", "right", "right", "right", "right"],
    style: { head: [], border: [], compact: true },
  });
  for (const c of scored.contributions) {
    table.push([c.criterion, c.pillar, c.raw === null ? "blank" : String(c.raw), c.value.toFixed(1), `${(100 * c.weightShare).toFixed(1)}%`, c.points.toFixed(2)]);
  }
  const pillars = Object.entries(scored.pillars).map(([p, v]) => `${p} ${v.toFixed(1)}`).join(", ");
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
  const e = await explainSite(outcome, siteId);
  process.stdout.write(options.json ? `${JSON.stringify(explanationJson(e), null, 2)}\n` : `${renderExplanation(e, outcome)}\n`);
  return e.kind === "not_found" ? EXIT.badInput : EXIT.ok;
}

/** The options every analysis command shares with `gigasite run`. */
export function solveOptions(command: Command): Command {
  return command
    .option("--sites <file>", "sites CSV", "data/sites.csv")
    .option("--model <file>", "scenario model JSON", "models/baseline.json")
    .option("--solver <name>", "jsLPSolver (default) or highs")
    .option("--time-limit <seconds>", "solver time limit per solve, seconds", positiveNumber);
}

export function registerExplain(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  solveOptions(program.command("explain").description("why a site is in or out: score breakdown, binding rule, cost of forcing the opposite").argument("<siteId>", "site_id from the CSV"))
    .option("--json", "print the explanation as JSON")
    .action((siteId: string, opts: ExplainOptions) => act(() => explainCommand(siteId, opts)));
}
