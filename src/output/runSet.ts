/**
 * The writer that owns every output folder gigasite writes (`out/<model>/`, `compare --out`).
 *
 * A set of files is written so that it is replaced as a whole:
 * 1. every file is written into a private staging folder `.gigasite-stage-<pid>-<token>/`;
 * 2. under the folder's lock (see `lock.ts`), the staging folder is renamed to
 *    `.gigasite-commit/` with a manifest: from that instant the new set is committed;
 * 3. each file is renamed into place, the commit folder removed, the lock released.
 * A process killed before step 2 leaves the previous set whole (and a stage folder that the next
 * writer removes, since its pid is dead); killed during step 3, it leaves a commit that the next
 * gigasite command to read or write the folder finishes first ({@link settleOutputs}). Two
 * processes writing the same folder take turns at step 2, so each leaves a whole set and the last
 * one wins. Only files of our own naming and of dead processes are ever cleaned up.
 */
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { describeFsError, errnoCode } from "../core/fsErrors.ts";
import { isAlive, lockFolder, LOCK_NAME, newToken } from "./lock.ts";
import { InternalError } from "../core/internalError.ts";

/** Marker file that says a folder holds gigasite outputs (so we may overwrite them). */
export const OUTPUT_MARKER = ".gigasite-output";

/** Names gigasite writes into an output folder. Nothing else there is ever touched. */
export const OUTPUT_FILES = [
  "ranked.csv",
  "selection.csv",
  "cashflow.csv",
  "cashflow_sites.csv",
  "sources_uses.csv",
  "selection.geojson",
  "summary.md",
  "run.json",
  "inputs.json",
  "report.html",
  "compare.md",
  "compare.json",
  "sensitivity.csv",
  /** The run before this one, a run set of its own (see `history.ts`). */
  "previous",
  "risk.csv",
  "run.xlsx",
  "alternatives.csv",
  "sweep.csv",
  "sweep_sites.csv",
  OUTPUT_MARKER,
] as const;

/** A file's content: text (written as UTF-8) or bytes (run.xlsx). */
export type OutputContent = string | Uint8Array;

const COMMIT = ".gigasite-commit";
const MANIFEST = "manifest.json";
const STAGE = /^\.gigasite-stage-(\d+)-[0-9a-f]+$/;
/** Temporary files of gigasite versions before the staged writer. */
const LEGACY_TEMP = /^\.tmp-(\d+)-.+$/;
const OWN_NAMES = (entry: string): boolean =>
  entry === COMMIT || entry === LOCK_NAME || entry.startsWith(`${LOCK_NAME}.stale-`) || STAGE.test(entry) || LEGACY_TEMP.test(entry);

export type WriteOutcome =
  | { readonly status: "written"; readonly dir: string; readonly files: readonly string[] }
  /** Refused by policy (foreign files, an input in the way): bad input, exit 2. */
  | { readonly status: "refused"; readonly dir: string; readonly message: string }
  /** The file system failed (permission, full disk, a file in the path): exit 5. */
  | { readonly status: "failed"; readonly dir: string; readonly message: string; readonly code: string };

export interface WriteOptions {
  /** Write even when the folder holds files gigasite did not write (those are still left alone). */
  readonly force?: boolean;
  /** Absolute paths that must never be written (the run's inputs). */
  readonly protect?: readonly string[];
  /** How long to wait for another gigasite process writing the same folder, ms (default 60 s). */
  readonly waitMs?: number;
}

interface Manifest {
  readonly pid: number;
  readonly files: readonly string[];
}

/**
 * `mkdir -p`, one level at a time, returning the first folder it created (as `mkdir`'s recursive
 * form does). Node's recursive form never returns where the file system answers "no such file" for
 * a folder whose parent exists (as /proc does): here that answer is the error.
 */
export async function makeFolders(target: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (found !== undefined) {
      if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${target}'`), { code: "ENOTDIR", path: dir });
      break;
    }
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  let first: string | undefined;
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
      first ??= dir;
    } catch (error) {
      // Another writer made it in between: fine, if it is a folder.
      if (errnoCode(error) !== "EEXIST" || !(await stat(dir)).isDirectory()) throw error;
    }
  }
  return first;
}

/**
 * Writes a set of files into `dir` as one whole (see the module comment). Refuses a folder holding
 * files gigasite did not write, unless `force`, and never deletes or overwrites them.
 * @example await writeOutputs("out/baseline", new Map([["run.json", "{}"]]))
 */
export async function writeOutputs(dir: string, files: ReadonlyMap<string, OutputContent>, options: WriteOptions = {}): Promise<WriteOutcome> {
  for (const name of files.keys()) {
    // Names come from code, never from input; a path here would escape the folder.
    if (name !== basename(name) || name.startsWith(".") || name.includes("\\"))
      throw new InternalError(`output name ${JSON.stringify(name)} is not a plain file name`);
  }
  const target = resolve(dir);
  let created: string | undefined;
  let stage: string | undefined;
  try {
    const refusal = await checkFolder(dir, target, files, options);
    if (refusal !== undefined) return refusal;
    created = await makeFolders(target);
    stage = join(target, `.gigasite-stage-${process.pid}-${newToken()}`);
    await mkdir(stage);
    const all = new Map<string, OutputContent>([
      [OUTPUT_MARKER, "This folder holds gigasite outputs; gigasite overwrites only the files it writes.\n"],
      ...files,
    ]);
    for (const [name, content] of all) await writeFile(join(stage, name), content);
    // run.json last: once it names the new run, every other file already does.
    const order = [...all.keys()].sort((a, b) => Number(a === "run.json") - Number(b === "run.json"));
    await writeFile(join(stage, MANIFEST), JSON.stringify({ pid: process.pid, files: order } satisfies Manifest));
    const taken = await lockFolder(target, options.waitMs === undefined ? {} : { waitMs: options.waitMs });
    if (taken.status === "busy")
      return {
        status: "failed",
        dir,
        code: "EBUSY",
        message: `${dir}: another gigasite process (pid ${taken.ownerPid}) has been writing this folder for too long; try again`,
      };
    try {
      await finishCommit(target);
      await removeDeadLeftovers(target);
      await rename(stage, join(target, COMMIT));
      stage = undefined;
      await finishCommit(target);
    } finally {
      await taken.lock.release();
    }
    return { status: "written", dir, files: [...all.keys()] };
  } catch (error) {
    if (stage !== undefined) await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    if (created !== undefined) await removeEmptyFolders(target, created);
    const problem = describeFsError(error, dir);
    if (problem === undefined) throw error;
    return { status: "failed", dir, code: problem.code, message: problem.message };
  }
}

/**
 * Finishes a write that a killed process committed but did not complete, so that `dir` holds one
 * whole set. Reading commands call it before reading; it waits while a live writer works.
 * @example await settleOutputs("out/baseline")
 */
export async function settleOutputs(dir: string): Promise<void> {
  const target = resolve(dir);
  const pending = await stat(join(target, COMMIT)).catch(() => undefined);
  if (pending === undefined) return;
  const taken = await lockFolder(target);
  if (taken.status === "busy") return;
  try {
    await finishCommit(target);
  } finally {
    await taken.lock.release();
  }
}

/** Under the lock: moves a committed set's files into place, then removes the commit folder. */
async function finishCommit(target: string): Promise<void> {
  const commit = join(target, COMMIT);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(commit, MANIFEST), "utf8")) as Manifest;
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT" && (await stat(commit).catch(() => undefined)) === undefined) return;
    // A commit folder without a readable manifest was emptied by a finished roll-forward.
    await rm(commit, { recursive: true, force: true });
    return;
  }
  for (const name of manifest.files) {
    if (name !== basename(name)) continue;
    try {
      await rename(join(commit, name), join(target, name));
    } catch (error) {
      if (errnoCode(error) !== "ENOENT") throw error;
    }
  }
  await rm(commit, { recursive: true, force: true });
}

/** Under the lock: stage folders and temporary files of processes that no longer run. */
async function removeDeadLeftovers(target: string): Promise<void> {
  for (const entry of await readdir(target)) {
    const pid = Number((STAGE.exec(entry) ?? LEGACY_TEMP.exec(entry))?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await rm(join(target, entry), { recursive: true, force: true });
  }
}

async function checkFolder(dir: string, target: string, files: ReadonlyMap<string, OutputContent>, options: WriteOptions): Promise<WriteOutcome | undefined> {
  const protectedPaths = new Set((options.protect ?? []).map((p) => resolve(p)));
  for (const name of files.keys()) {
    if (protectedPaths.has(join(target, name))) {
      return { status: "refused", dir, message: `writing ${join(dir, name)} would overwrite an input file; choose another --out` };
    }
  }
  const existing = await stat(target).catch((error: unknown) => {
    if (errnoCode(error) === "ENOENT") return null;
    throw error;
  });
  if (existing === null) return undefined;
  if (!existing.isDirectory()) return { status: "failed", dir, code: "ENOTDIR", message: `${dir}: exists and is a file, not a folder` };
  const entries = await readdir(target);
  const known = new Set<string>(OUTPUT_FILES);
  const foreign = entries.filter((e) => !known.has(e) && !OWN_NAMES(e));
  const ours = entries.includes(OUTPUT_MARKER);
  const visible = entries.filter((e) => !OWN_NAMES(e));
  if (!options.force && (foreign.length > 0 || (visible.length > 0 && !ours))) {
    const list = (foreign.length > 0 ? foreign : visible).slice(0, 5).join(", ");
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
  return undefined;
}

/** After a failed first write: removes the folders this call created, if they are still empty. */
async function removeEmptyFolders(target: string, firstCreated: string): Promise<void> {
  for (let folder = target; ; folder = dirname(folder)) {
    const removed = await rmdir(folder).then(
      () => true,
      () => false,
    );
    if (!removed || folder === resolve(firstCreated) || folder === dirname(folder)) return;
  }
}
