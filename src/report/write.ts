import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";

/** Marker file that says a folder holds gigasite outputs (so we may overwrite them). */
export const OUTPUT_MARKER = ".gigasite-output";

/** Names gigasite writes into an output folder. Nothing else there is ever touched. */
export const OUTPUT_FILES = [
  "ranked.csv",
  "selection.csv",
  "cashflow.csv",
  "cashflow_sites.csv",
  "selection.geojson",
  "summary.md",
  "run.json",
  "report.html",
  "compare.md",
  "compare.json",
  "sensitivity.csv",
  OUTPUT_MARKER,
] as const;

const TEMP_PATTERN = /^\.tmp-\d+-.+$/;

export type WriteOutcome =
  | { readonly status: "written"; readonly dir: string; readonly files: readonly string[] }
  | { readonly status: "refused"; readonly dir: string; readonly message: string };

export interface WriteOptions {
  /** Write even when the folder holds files gigasite did not write (those are still left alone). */
  readonly force?: boolean;
  /** Absolute paths that must never be written (the run's inputs). */
  readonly protect?: readonly string[];
}

/**
 * Writes a set of files into `dir` so that an interruption never leaves a half-written file:
 * every file goes to a temporary name first and all are renamed only once all are complete.
 * Refuses a folder holding files gigasite did not write, unless `force`; never deletes them.
 * @example await writeOutputs("out/baseline", new Map([["run.json", "{}"]]))
 */
export async function writeOutputs(dir: string, files: ReadonlyMap<string, string>, options: WriteOptions = {}): Promise<WriteOutcome> {
  const target = resolve(dir);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) return { status: "refused", dir, message: `${dir} exists and is not a folder` };
  const protectedPaths = new Set((options.protect ?? []).map((p) => resolve(p)));
  for (const name of files.keys()) {
    if (protectedPaths.has(join(target, name))) {
      return { status: "refused", dir, message: `writing ${join(dir, name)} would overwrite an input file; choose another --out` };
    }
  }
  if (existing) {
    const entries = await readdir(target);
    const known = new Set<string>(OUTPUT_FILES);
    const foreign = entries.filter((e) => !known.has(e) && !TEMP_PATTERN.test(e));
    const ours = entries.includes(OUTPUT_MARKER);
    if (!options.force && (foreign.length > 0 || (entries.length > 0 && !ours))) {
      const list = (foreign.length > 0 ? foreign : entries).slice(0, 5).join(", ");
      return {
        status: "refused",
        dir,
        message: `${dir} holds files gigasite did not write (${list}); choose another --out, or pass --force to write beside them`,
      };
    }
    // Even with force, a file of ours by name in a folder we never wrote belongs to someone else.
    const clobbered = ours ? [] : entries.filter((e) => files.has(e));
    if (clobbered.length > 0) {
      return {
        status: "refused",
        dir,
        message: `${dir} holds ${clobbered.join(", ")}, which gigasite did not write and will not overwrite (even with --force); move it or choose another --out`,
      };
    }
    // Leftovers of an interrupted run: ours by name, safe to clear.
    await Promise.all(entries.filter((e) => TEMP_PATTERN.test(e)).map((e) => rm(join(target, e), { force: true })));
  }
  await mkdir(target, { recursive: true });
  const all = new Map(files);
  all.set(OUTPUT_MARKER, "This folder holds gigasite outputs; gigasite overwrites only the files it writes.\n");
  const temps: [string, string][] = [];
  for (const [name, content] of all) {
    const temp = join(target, `.tmp-${process.pid}-${basename(name)}`);
    await writeFile(temp, content, "utf8");
    temps.push([temp, join(target, name)]);
  }
  for (const [temp, final] of temps) await rename(temp, final);
  return { status: "written", dir, files: [...all.keys()] };
}
