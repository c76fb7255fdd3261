import { createHash } from "node:crypto";
import type { RunOutcome } from "../pipeline/run.ts";
import type { RunInputs } from "../pipeline/runFromFiles.ts";
import { runFilesWithWorkbook } from "../report/runFiles.ts";
import { writeOutputs, type WriteOutcome } from "./runSet.ts";
import { keepPrevious } from "./history.ts";

export interface WriteRunOptions {
  /** Where the inputs came from; without it the table's file and a hash of the model in memory are recorded. */
  readonly inputs?: RunInputs;
  /** Loading time to record in run.json, ms (default 0: the run was given, not loaded). */
  readonly loadMs?: number;
  /** Write even when the folder holds files gigasite did not write (those are left alone). */
  readonly force?: boolean;
  /** First copy the run already in `dir` into `dir/previous/` (as `gigasite run` does). */
  readonly keepPrevious?: boolean;
}

/**
 * The provenance of a run made in code: the table's file and a hash of the model object.
 * @example inputsOf(outcome).modelFile // "(model in memory)"
 */
export function inputsOf(outcome: RunOutcome): RunInputs {
  return {
    sitesFile: outcome.table.file,
    sitesSha256: outcome.table.sha256,
    modelFile: "(model in memory)",
    modelSha256: createHash("sha256").update(JSON.stringify(outcome.model)).digest("hex"),
  };
}

/**
 * Writes a run's output files (ranked.csv, selection.csv, cashflow.csv, cashflow_sites.csv,
 * run.xlsx, selection.geojson, summary.md, run.json) into `dir`, atomically. A folder holding someone
 * else's files is refused as a `status: "refused"` value, never overwritten; the run's input
 * files are never written.
 * @example const written = await writeRun(outcome, "out/what-if"); if (written.status === "refused") console.error(written.message);
 */
export async function writeRun(outcome: RunOutcome, dir: string, options: WriteRunOptions = {}): Promise<WriteOutcome> {
  const inputs = options.inputs ?? inputsOf(outcome);
  const t = outcome.timingsMs;
  const loadMs = options.loadMs ?? 0;
  const files = await runFilesWithWorkbook(outcome, inputs, { load: loadMs, total: loadMs + t.screen + t.score + t.solve + t.verify });
  if (options.keepPrevious === true) {
    const kept = await keepPrevious(dir);
    if (kept !== null && kept.status !== "written") return kept;
  }
  return writeOutputs(dir, files, { force: options.force ?? false, protect: [inputs.sitesFile, inputs.modelFile] });
}
