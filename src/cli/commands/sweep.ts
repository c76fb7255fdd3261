import Table from "cli-table3";
import { positiveNumber } from "../parse.ts";
import type { Command } from "commander";
import { pc } from "../colors.ts";
import { sweepJson } from "../../analysis/outputs.ts";
import { sweepModels, type Sweep, type SweepInput } from "../../analysis/sweep.ts";
import type { InputIssue } from "../../core/issues.ts";
import { loadRunInputs } from "../../pipeline/inputs.ts";
import { duration, round } from "../../report/format.ts";
import { EXIT, type ExitCode } from "../exitCodes.ts";
import { printIssues } from "../terminal.ts";
import { problemOptionsOf } from "./explain.ts";
import { progressBar } from "./sensitivity.ts";

export interface SweepOptions {
  readonly sites: string;
  readonly solver?: "jsLPSolver" | "highs";
  readonly timeLimit?: number;
  readonly json?: boolean;
}

/** The terminal view: one row per model, then the robust core and the single-model sites. */
export function renderSweep(sweep: Sweep): string {
  const table = new Table({
    head: ["model", "status", "objective", "budget used $B", "sites", "solve"],
    colAligns: ["left", "left", "right", "right", "left", "right"],
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    colWidths: [null, null, null, null, 62, null],
  });
  const robust = new Set<string>(sweep.robustCore);
  for (const r of sweep.rows) {
    const status = r.status === "optimal" ? pc.green(r.status) : pc.yellow(r.status);
    const sites = r.selected.map((id) => (robust.has(id) ? pc.bold(id) : id)).join(" ");
    const used = r.budgetUsedBn === null ? "–" : `${round(r.budgetUsedBn, 2)} of ${round(r.budgetBn, 2)}`;
    table.push([r.model, status, r.objective === null ? "–" : `${round(r.objective, 2)}${r.objectiveKind === "minCost" ? " $B/yr" : ""}`, used, sites, duration(r.solveMs)]);
  }
  const lines = [table.toString()];
  lines.push(`robust core (chosen by every model with a selection): ${sweep.robustCore.length > 0 ? pc.bold(sweep.robustCore.join(", ")) : "none"}`);
  const unique = sweep.uniqueTo.map((u) => `${u.siteId} (${u.model})`);
  lines.push(`chosen by one model only: ${unique.length > 0 ? unique.join(", ") : "none"}`);
  if (sweep.withoutSelection.length > 0) lines.push(pc.yellow(`no selection, left out of the core: ${sweep.withoutSelection.join(", ")}`));
  return lines.join("\n");
}

/** `gigasite sweep MODEL...`: one CSV under several models. */
export async function sweepCommand(modelPaths: readonly string[], options: SweepOptions): Promise<ExitCode> {
  const loaded = await Promise.all(modelPaths.map((m) => loadRunInputs(options.sites, m)));
  const issues: InputIssue[] = [];
  const inputs: SweepInput[] = [];
  for (const l of loaded) {
    if (!l.ok) issues.push(...l.issues);
    else {
      issues.push(...l.value.warnings);
      // One table object for every model whose CSV bytes are the same: loaded once in effect.
      const first = inputs.find((i) => i.table.sha256 === l.value.table.sha256 && i.table.columns.length === l.value.table.columns.length);
      inputs.push({ table: first?.table ?? l.value.table, model: l.value.model, layers: l.value.layers });
    }
  }
  printIssues(issues);
  if (inputs.length < modelPaths.length) return EXIT.badInput;
  const bar = progressBar(inputs.length, "models");
  const sweep = await sweepModels(inputs, problemOptionsOf(options), (done) => bar.update(done));
  bar.stop();
  process.stdout.write(options.json ? `${JSON.stringify(sweepJson(sweep), null, 2)}\n` : `${renderSweep(sweep)}\n`);
  return sweep.withoutSelection.length > 0 ? EXIT.infeasible : EXIT.ok;
}

export function registerSweep(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("sweep")
    .description("run one sites CSV under several models: one table, the robust core and single-model sites")
    .argument("<models...>", "model files, e.g. models/*.json")
    .option("--sites <file>", "sites CSV", "data/sites.csv")
    .option("--solver <name>", "jsLPSolver (default) or highs")
    .option("--time-limit <seconds>", "solver time limit per model, seconds", positiveNumber)
    .option("--json", "print the sweep as JSON")
    .action((models: string[], opts: SweepOptions) => act(() => sweepCommand(models, opts)));
}
