/**
 * The run before this one: before `run` (or a watch re-run) replaces the outputs in
 * `out/<model>/`, the set there is copied whole into `out/<model>/previous/` by the same atomic
 * writer, so `gigasite compare --last` can compare the latest two runs of a model. One previous
 * run is kept (the count is bounded at one: each new run replaces it).
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describeFsError } from "../core/fsErrors.ts";
import { OUTPUT_FILES, OUTPUT_MARKER, writeOutputs, type OutputContent, type WriteOutcome } from "./runSet.ts";

/** The folder inside a run folder that holds the run before it. */
export const PREVIOUS_FOLDER = "previous";

/**
 * Copies the run set in `dir` (when it holds one of ours) into `dir/previous/`, replacing the one
 * kept there. Nothing is done, and `null` returned, when `dir` holds no run yet.
 * @example await keepPrevious("out/baseline") // { status: "written", dir: "out/baseline/previous", ... }
 */
export async function keepPrevious(dir: string): Promise<WriteOutcome | null> {
  const ours = await stat(join(dir, OUTPUT_MARKER)).then(
    () => true,
    () => false,
  );
  const hasRun = await stat(join(dir, "run.json")).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!ours || !hasRun) return null;
  const files = new Map<string, OutputContent>();
  try {
    for (const name of OUTPUT_FILES) {
      if (name === OUTPUT_MARKER || name === PREVIOUS_FOLDER) continue;
      // As bytes: run.xlsx is not text, and the others are copied unchanged.
      const text = await readFile(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT" || error.code === "EISDIR") return null;
        throw error;
      });
      if (text !== null) files.set(name, text);
    }
  } catch (error) {
    const problem = describeFsError(error, dir);
    if (problem === undefined) throw error;
    return { status: "failed", dir, code: problem.code, message: problem.message };
  }
  return writeOutputs(join(dir, PREVIOUS_FOLDER), files);
}
