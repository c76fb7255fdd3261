import { performance } from "node:perf_hooks";
import { nonNegativeInteger, positiveNumber, solverName } from "../parse.ts";
import { join, resolve } from "node:path";
import { rename, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { exportLp, loadRunInputs, runFiles, runScenario, writeOutputs, type Formulation, type RunInputs, type RunOutcome } from "../../index.ts";
import { buildReportHtml } from "../../report/html/build.ts";
import { CliFailure, EXIT, type ExitCode } from "../exitCodes.ts";
import { printIssues, renderRunForTerminal } from "../terminal.ts";
import { watchCommand } from "../watch.ts";

export interface RunOptions {
  readonly sites: string;
  readonly model: string;
  readonly out: string;
  readonly force?: boolean;
  readonly solver?: "jsLPSolver" | "highs";
  readonly timeLimit?: number;
  readonly exportLp?: string;
  readonly quiet?: boolean;
  readonly watch?: boolean;
  readonly strict?: boolean;
  /** false with --no-report: skip report.html. */
  readonly report?: boolean;
  /** Budget levels re-solved for the report's trade-off chart (0 = none). */
  readonly frontier?: number;
  readonly debounce?: number;
}

export function exitCodeOf(outcome: RunOutcome): ExitCode {
  switch (outcome.result.status) {
    case "optimal":
      return outcome.verification?.ok ? EXIT.ok : EXIT.bug;
    case "time_limit":
    case "no_solution":
      return EXIT.timeLimit;
    case "infeasible":
      return EXIT.infeasible;
  }
}

/** `gigasite run`: load, screen, score, optimize, verify, write outputs, print the table. */
export async function runCommand(options: RunOptions): Promise<ExitCode> {
  const t0 = performance.now();
  const loaded = await loadRunInputs(options.sites, options.model, { strict: options.strict ?? false });
  if (!loaded.ok) {
    printIssues(loaded.issues);
    return EXIT.badInput;
  }
  const { table, model, modelSha256, warnings } = loaded.value;
  printIssues(warnings);
  const loadMs = performance.now() - t0;
  const solveOptions = {
    ...(options.solver ? { solver: options.solver } : {}),
    ...(options.timeLimit !== undefined ? { timeLimitSeconds: options.timeLimit } : {}),
  };
  const models: { step: string; formulation: Formulation }[] = [];
  const outcome = await runScenario(table, model, {
    ...solveOptions,
    layers: loaded.value.layers,
    ...(options.exportLp ? { onModel: (step: string, formulation: Formulation) => models.push({ step, formulation }) } : {}),
  });
  if (options.exportLp) await exportLpFile(options.exportLp, exportLp(outcome.problem, models), [options.sites, options.model]);
  const dir = join(options.out, model.name);
  const inputs: RunInputs = { sitesFile: options.sites, sitesSha256: table.sha256, modelFile: options.model, modelSha256 };
  const files = runFiles(outcome, inputs, { load: loadMs, total: performance.now() - t0 });
  if (options.report !== false) {
    // The time limit bounds the whole command: the trade-off chart's re-solves share what is left.
    const levels = options.frontier ?? 10;
    const leftMs = outcome.problem.timeLimitMs > 0 ? outcome.problem.timeLimitMs - (performance.now() - t0) : Infinity;
    const perLevelMs = levels > 0 ? Math.min(leftMs / levels, 5000) : 0;
    const frontierLevels = perLevelMs >= 50 ? levels : 0;
    files.set("report.html", await buildReportHtml(outcome, { sitesFile: options.sites, modelFile: options.model }, { frontierLevels, ...(frontierLevels > 0 ? { timeLimitMs: perLevelMs } : {}) }));
  }
  const written = await writeOutputs(dir, files, { force: options.force ?? false, protect: [options.sites, options.model] });
  if (written.status === "refused") throw new CliFailure(written.message, EXIT.badInput);
  if (!options.quiet) process.stdout.write(`${renderRunForTerminal(outcome, dir)}\n`);
  return exitCodeOf(outcome);
}

async function exportLpFile(path: string, text: string, inputs: readonly string[]): Promise<void> {
  if (inputs.some((p) => resolve(p) === resolve(path))) throw new CliFailure(`--export-lp ${path} would overwrite an input file`, EXIT.badInput);
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, "utf8");
  await rename(temp, path);
}

export function registerRun(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("run")
    .description("screen, score and optimize the sites under a model; write the outputs")
    .option("--sites <file>", "sites CSV", "data/sites.csv")
    .option("--model <file>", "scenario model JSON", "models/baseline.json")
    .option("--out <dir>", "output folder (a sub-folder per model is written)", "out")
    .option("--force", "write into a folder that holds files gigasite did not write (they are left alone)")
    .option("--solver <name>", "highs (default) or jsLPSolver", solverName)
    .option("--time-limit <seconds>", "time limit of the whole run in seconds (solve and report)", positiveNumber)
    .option("--no-report", "do not write report.html")
    .option("--frontier <levels>", "budget levels re-solved for the report's trade-off chart (0 = none)", nonNegativeInteger, 10)
    .option("--strict", "a site outside the state it names is an error, not a warning")
    .option("--export-lp <file>", "also write every model the run solved, in CPLEX LP format, variables named after sites and months")
    .option("--watch", "re-run whenever the sites CSV or the model file is saved, and print what changed (Ctrl-C to stop)")
    .option("--debounce <ms>", "with --watch: quiet time after the last save before re-running (default 150)", nonNegativeInteger)
    .action((opts: RunOptions) => act(() => (opts.watch ? watchCommand(opts) : runCommand(opts))));
}
