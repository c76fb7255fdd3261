import { performance } from "node:perf_hooks";
import { problemOptionsOf } from "../solveOptions.ts";
import {
  defaultFrontierLevels,
  exportLp,
  FRONTIER_AUTO_MAX_CANDIDATES,
  keepPrevious,
  loadRunInputs,
  outputFolder,
  runFilesWithWorkbook,
  writeOutputs,
  writeOwnedFile,
  type RunInputs,
  type RunOutcome,
} from "../../index.ts";
import { ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { reportOffThread, solveOffThread, warmComputeThread } from "../computeThread.ts";
import { setInterruptNote } from "../interrupt.ts";
import { statusLine } from "../progress.ts";
import { drawRunProgress } from "../runProgress.ts";
import { printIssues, renderRunForTerminal } from "../terminal.ts";
import { terminalWidth } from "../table.ts";
import type { SolverName, WarningCliOptions } from "../options.ts";
import { sitesArgument } from "../stdin.ts";

export interface RunOptions extends WarningCliOptions {
  readonly sites: string;
  readonly model: string;
  readonly out: string;
  readonly force?: boolean;
  readonly solver?: SolverName;
  readonly timeLimit?: number;
  readonly exportLp?: string;
  readonly watch?: boolean;
  readonly strict?: boolean;
  /** false with --no-report: skip report.html. */
  readonly report?: boolean;
  /** Budget levels re-solved for the report's trade-off chart (0 = none). */
  readonly frontier?: number;
  readonly debounce?: number;
  /** Print run.json to stdout instead of the table. */
  readonly json?: boolean;
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
  warmComputeThread();
  const sites = await sitesArgument(options.sites);
  const loaded = await loadRunInputs(sites.path, options.model, { strict: options.strict ?? false, ...(sites.bytes ? { sitesBytes: sites.bytes } : {}) });
  if (!loaded.ok) {
    printIssues(loaded.issues, options);
    return EXIT.badInput;
  }
  const { table, model, modelSha256, warnings } = loaded.value;
  printIssues(warnings, { ...options, fullListIn: "run.json" });
  const loadMs = performance.now() - t0;
  const solveOptions = problemOptionsOf(options);
  const status = statusLine();
  const { outcome, models } = await solveOffThread(loaded.value, {
    ...solveOptions,
    collectModels: options.exportLp !== undefined,
    onProgress: drawRunProgress(status),
  });
  const inputFiles = [sites.path, options.model, ...loaded.value.layers.map((layer) => layer.file)];
  if (options.exportLp) {
    await exportLpFile(options.exportLp, exportLp(outcome.problem, models), inputFiles);
    setInterruptNote(() => `${options.exportLp} was written, no other file`);
  }
  const dir = outputFolder(options.out, model.name);
  const inputs: RunInputs = { sitesFile: sites.path, sitesSha256: table.sha256, modelFile: options.model, modelSha256, warnings };
  const files = await runFilesWithWorkbook(outcome, inputs, { load: loadMs, total: performance.now() - t0 });
  if (options.report !== false) {
    // The time limit bounds the whole command: the trade-off chart's re-solves share what is left.
    const levels = options.frontier ?? defaultFrontierLevels(outcome);
    if (options.frontier === undefined && levels === 0 && options.json !== true) {
      process.stderr.write(
        `report: no trade-off chart for ${outcome.problem.candidates.length.toLocaleString("en-US")} candidates (re-solving is limited to ${FRONTIER_AUTO_MAX_CANDIDATES.toLocaleString("en-US")} by default); --frontier 10 draws it\n`,
      );
    }
    const leftMs = outcome.problem.timeLimitMs > 0 ? outcome.problem.timeLimitMs - (performance.now() - t0) : Infinity;
    const frontierLevels = leftMs >= 50 * levels ? levels : 0;
    status.set(`report: re-solving ${frontierLevels} budget levels for the trade-off chart…`);
    const frontier = { frontierLevels, ...(Number.isFinite(leftMs) && frontierLevels > 0 ? { remainingMs: leftMs } : {}) };
    files.set("report.html", await reportOffThread(outcome, { sitesFile: sites.path, modelFile: options.model }, frontier));
  }
  status.set(`writing ${dir}…`);
  setInterruptNote(
    () => `while writing ${dir}: it holds the previous outputs or the new ones, each set whole${options.exportLp ? `; ${options.exportLp} was written` : ""}`,
  );
  // The run this one replaces stays in <dir>/previous/, for `compare --last`.
  const kept = await keepPrevious(dir);
  if (kept !== null && kept.status !== "written") process.stderr.write(`warning: the previous run was not kept: ${kept.message}\n`);
  const written = await writeOutputs(dir, files, { force: options.force ?? false, protect: inputFiles });
  status.clear();
  ensureWritten(written);
  const context = { outDir: dir, width: terminalWidth(), report: files.has("report.html"), previousKept: kept?.status === "written" };
  if (options.json) printJson(String(files.get("run.json") ?? ""));
  else process.stdout.write(`${renderRunForTerminal(outcome, context)}\n`);
  return exitCodeOf(outcome);
}

/** First line of every LP file gigasite writes: how it knows a file it may replace. */
export const LP_SIGNATURE = "\\ gigasite run --export-lp: gigasite replaces this file only while this line comes first";

async function exportLpFile(path: string, text: string, inputs: readonly string[]): Promise<void> {
  const owns = (head: Buffer): boolean => head.toString("utf8").startsWith(LP_SIGNATURE);
  ensureWritten(await writeOwnedFile(path, `${LP_SIGNATURE}\n${text}`, { owns, notOurs: "is not an LP file that gigasite wrote", protect: inputs }));
}
