import { loadRunInputs, type RunOutcome } from "../index.ts";
import { solveOffThread, warmComputeThread } from "./computeThread.ts";
import { EXIT, type ExitCode } from "./exitCodes.ts";
import type { SolverName, WarningCliOptions } from "./options.ts";
import { statusLine } from "./progress.ts";
import { drawRunProgress } from "./runProgress.ts";
import { problemOptionsOf } from "./solveOptions.ts";
import { sitesArgument } from "./stdin.ts";
import { printIssues } from "./terminal.ts";

/** The options of every command that loads a sites CSV and a model and solves it. */
export interface SolveCliOptions extends WarningCliOptions {
  readonly sites: string;
  readonly model: string;
  readonly solver?: SolverName;
  readonly timeLimit?: number;
}

/**
 * Loads the inputs and runs the pipeline once (in the compute thread, which keeps the outcome for
 * the analysis that follows); bad input is printed and becomes an exit code.
 */
export async function runForAnalysis(options: SolveCliOptions): Promise<RunOutcome | ExitCode> {
  warmComputeThread();
  const sites = await sitesArgument(options.sites);
  const loaded = await loadRunInputs(sites.path, options.model, sites.bytes ? { sitesBytes: sites.bytes } : {});
  if (!loaded.ok) {
    printIssues(loaded.issues, options);
    return EXIT.badInput;
  }
  printIssues(loaded.value.warnings, options);
  const onProgress = drawRunProgress(statusLine());
  return (await solveOffThread(loaded.value, { ...problemOptionsOf(options), onProgress })).outcome;
}
