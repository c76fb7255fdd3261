import { performance } from "node:perf_hooks";
import { nonNegativeInteger, positiveNumber, solverName } from "../parse.ts";
import type { Command } from "commander";
import { exportLp, loadRunInputs, runFiles, runScenario, writeOutputs, type RunInputs, type RunOutcome } from "../../index.ts";
import { buildReportHtml } from "../../report/html/build.ts";
import { ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { writeOwnedFile } from "../../output/singleFile.ts";
import { outputFolder } from "../../output/names.ts";
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
  const outcome = await runScenario(table, model, { ...solveOptions, layers: loaded.value.layers });
  const inputFiles = [options.sites, options.model, ...loaded.value.layers.map((layer) => layer.file)];
  if (options.exportLp) await exportLpFile(options.exportLp, exportLp(outcome.problem), inputFiles);
  const dir = outputFolder(options.out, model.name);
  const inputs: RunInputs = { sitesFile: options.sites, sitesSha256: table.sha256, modelFile: options.model, modelSha256 };
  const files = runFiles(outcome, inputs, { load: loadMs, total: performance.now() - t0 });
  if (options.report !== false) {
    files.set("report.html", await buildReportHtml(outcome, { sitesFile: options.sites, modelFile: options.model }, { frontierLevels: options.frontier ?? 10 }));
  }
  ensureWritten(await writeOutputs(dir, files, { force: options.force ?? false, protect: inputFiles }));
  if (!options.quiet) process.stdout.write(`${renderRunForTerminal(outcome, dir)}\n`);
  return exitCodeOf(outcome);
}

/** First line of every LP file gigasite writes: how it knows a file it may replace. */
export const LP_SIGNATURE = "\\ gigasite run --export-lp: gigasite replaces this file only while this line comes first";

async function exportLpFile(path: string, text: string, inputs: readonly string[]): Promise<void> {
  const owns = (head: Buffer): boolean => head.toString("utf8").startsWith(LP_SIGNATURE);
  ensureWritten(await writeOwnedFile(path, `${LP_SIGNATURE}\n${text}`, { owns, notOurs: "is not an LP file that gigasite wrote", protect: inputs }));
}

export function registerRun(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("run")
    .description("screen, score and optimize the sites under a model; write the outputs")
    .option("--sites <file>", "sites CSV", "data/sites.csv")
    .option("--model <file>", "scenario model JSON", "models/baseline.json")
    .option("--out <dir>", "output folder (a sub-folder per model is written)", "out")
    .option("--force", "write into a folder that holds files gigasite did not write (they are left alone)")
    .option("--solver <name>", "jsLPSolver (default) or highs", solverName)
    .option("--time-limit <seconds>", "solver time limit in seconds", positiveNumber)
    .option("--no-report", "do not write report.html")
    .option("--frontier <levels>", "budget levels re-solved for the report's trade-off chart (0 = none)", nonNegativeInteger, 10)
    .option("--strict", "a site outside the state it names is an error, not a warning")
    .option("--export-lp <file>", "also write the MILP in CPLEX LP format")
    .option("--watch", "re-run whenever the sites CSV or the model file is saved, and print what changed (Ctrl-C to stop)")
    .option("--debounce <ms>", "with --watch: quiet time after the last save before re-running (default 150)", nonNegativeInteger)
    .action((opts: RunOptions) => act(() => (opts.watch ? watchCommand(opts) : runCommand(opts))));
}
