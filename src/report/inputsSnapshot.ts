/**
 * `inputs.json`: what a run keeps of its inputs, so that `compare` can list the edited cells and
 * re-solve with edits reverted without reading the user's files again: every site's cells as
 * read, and the model as resolved. GeoJSON layers are named, not copied.
 */
import type { RunOutcome } from "../pipeline/run.ts";
import { tableCells } from "../sites/snapshot.ts";
import type { RunInputs } from "../pipeline/runFromFiles.ts";

/** Format version of inputs.json; bumped when a field changes meaning. */
export const INPUTS_JSON_VERSION = 1;

/**
 * The snapshot as a JSON value (one line when stringified: it is for programs, not people).
 * @example inputsSnapshotJson(outcome, inputs).sites.rows.length === outcome.table.sites.length
 */
export function inputsSnapshotJson(outcome: RunOutcome, inputs: RunInputs) {
  const cells = tableCells(outcome.table);
  return {
    format: "gigasite-inputs",
    version: INPUTS_JSON_VERSION,
    sites: { file: inputs.sitesFile, sha256: inputs.sitesSha256, columns: cells.columns, rows: cells.rows },
    model: { file: inputs.modelFile, sha256: inputs.modelSha256, resolved: outcome.model },
    layers: (outcome.model.layers ?? []).map((layer) => layer.name),
  };
}
