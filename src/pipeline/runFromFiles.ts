import { performance } from "node:perf_hooks";
import type { InputIssue } from "../core/issues.ts";
import { loadRunInputs } from "./inputs.ts";
import type { ProblemOptions } from "./problem.ts";
import { runScenario, type RunOutcome } from "./run.ts";

/** Where the inputs came from, hashed so a run can be matched to its exact inputs later. */
export interface RunInputs {
  readonly sitesFile: string;
  readonly sitesSha256: string;
  readonly modelFile: string;
  readonly modelSha256: string;
  /** Warnings found while loading the inputs; run.json lists every one. */
  readonly warnings?: readonly InputIssue[];
}

/** What {@link runFromFiles} gives back: the run, or every input problem found. */
export type FileRunResult =
  | { readonly status: "invalid"; readonly issues: readonly InputIssue[] }
  | {
      readonly status: "ran";
      readonly outcome: RunOutcome;
      /** Where the inputs came from, with their hashes: pass to `writeRun`. */
      readonly inputs: RunInputs;
      readonly warnings: readonly InputIssue[];
      /** Loading and checking the two files, ms. */
      readonly loadMs: number;
    };

/**
 * Loads a sites CSV and a model file, checks them, and runs the whole pipeline: the library's
 * one-call entry point. Bad input comes back as `status: "invalid"` with every issue; solver
 * outcomes (infeasible, time limit) are in `outcome.result.status`.
 * @example
 * const run = await runFromFiles("data/sites.csv", "models/baseline.json");
 * if (run.status === "ran" && run.outcome.result.status === "optimal") console.log(run.outcome.result.selected);
 */
export async function runFromFiles(sitesPath: string, modelPath: string, options: ProblemOptions = {}): Promise<FileRunResult> {
  const t0 = performance.now();
  const loaded = await loadRunInputs(sitesPath, modelPath);
  if (!loaded.ok) return { status: "invalid", issues: loaded.issues };
  const loadMs = performance.now() - t0;
  const { table, model, modelSha256, warnings } = loaded.value;
  const outcome = await runScenario(table, model, { ...options, layers: loaded.value.layers });
  const inputs: RunInputs = { sitesFile: sitesPath, sitesSha256: table.sha256, modelFile: modelPath, modelSha256, warnings };
  return { status: "ran", outcome, inputs, warnings, loadMs };
}
