/**
 * Files gigasite writes at a path the user names (the `--export-lp` model, an import's CSV and
 * sidecar): written to a temporary name beside the target and renamed over it, so the target is
 * either the old file or the whole new one. An existing file is replaced only when `owns` says
 * gigasite wrote it; a folder, a FIFO, a device or a symbolic link is never written through.
 */
import type { Stats } from "node:fs";
import { lstat, open, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { describeFsError, errnoCode } from "../core/fsErrors.ts";
import { newToken } from "./lock.ts";
import { makeFolders } from "./runSet.ts";

export type FileWriteOutcome =
  | { readonly status: "written"; readonly path: string }
  | { readonly status: "refused"; readonly path: string; readonly message: string }
  | { readonly status: "failed"; readonly path: string; readonly message: string; readonly code: string };

/** What the writer may find at the target before writing. */
export type TargetState =
  | { readonly kind: "absent" }
  | { readonly kind: "file"; readonly head: Buffer }
  | { readonly kind: "refused"; readonly message: string }
  | { readonly kind: "failed"; readonly message: string; readonly code: string };

/** Bytes of an existing file read to recognize gigasite's own (a signature line, a JSON head). */
const HEAD_BYTES = 4096;
/** Most file systems allow 255 bytes per name; the temporary prefix must fit beside the name. */
const MAX_NAME_BYTES = 255;

/**
 * Looks at a target path without following a symbolic link or opening a FIFO.
 * @example (await inspectTarget("baseline.lp")).kind // "absent" before the first export
 */
export async function inspectTarget(path: string): Promise<TargetState> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT") return { kind: "absent" };
    const problem = describeFsError(error, path);
    if (problem === undefined) throw error;
    return { kind: "failed", message: problem.message, code: problem.code };
  }
  if (info.isDirectory()) return { kind: "failed", code: "EISDIR", message: `${path}: is a folder, not a file; name a file to write` };
  if (info.isSymbolicLink()) return { kind: "refused", message: `${path} is a symbolic link; gigasite does not write through links: name the file itself` };
  if (!info.isFile()) return { kind: "refused", message: `${path} is not a regular file (a FIFO, socket or device); name a file to write` };
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    return { kind: "file", head };
  } finally {
    await handle.close();
  }
}

export interface FileWriteOptions {
  /** Whether an existing file (its first bytes) is one gigasite wrote and may replace. */
  readonly owns: (head: Buffer) => boolean;
  /** The sentence used when the file is not ours, e.g. "was not written by gigasite run --export-lp". */
  readonly notOurs: string;
  /** Paths that must never be written (the run's inputs, layers included). */
  readonly protect?: readonly string[];
}

/**
 * Writes one file atomically, refusing to replace a file gigasite did not write.
 * @example await writeOwnedFile("baseline.lp", lpText, { owns: (head) => head.toString().startsWith(LP_SIGNATURE), notOurs: "is not an LP file gigasite wrote" })
 */
export async function writeOwnedFile(path: string, content: string, options: FileWriteOptions): Promise<FileWriteOutcome> {
  const checked = await checkOwnedTarget(path, options);
  if (checked !== undefined) return checked;
  return replaceAtomically(path, content);
}

/**
 * The refusal or failure that stops writing `path`, or undefined when it may be written.
 * @example await checkOwnedTarget("thesis.txt", { owns: () => false, notOurs: "was not written by gigasite" }) // { status: "refused", ... }
 */
export async function checkOwnedTarget(path: string, options: FileWriteOptions): Promise<Exclude<FileWriteOutcome, { status: "written" }> | undefined> {
  if ((options.protect ?? []).some((p) => resolve(p) === resolve(path)))
    return { status: "refused", path, message: `${path} is an input of this run; gigasite never writes over its inputs` };
  const state = await inspectTarget(path);
  if (state.kind === "refused") return { status: "refused", path, message: state.message };
  if (state.kind === "failed") return { status: "failed", path, message: state.message, code: state.code };
  if (state.kind === "file" && !options.owns(state.head))
    return { status: "refused", path, message: `${path} exists and ${options.notOurs}; gigasite will not overwrite it: choose another file name or remove it` };
  return undefined;
}

/**
 * Writes `content` to a temporary name in the target's folder, then renames it over `path`.
 * On any failure the temporary file is removed and the target is left as it was.
 * @example await replaceAtomically("/tmp/x.lp", "\\ model\n")
 */
export async function replaceAtomically(path: string, content: string): Promise<FileWriteOutcome> {
  const outcome = await replaceAllAtomically([[path, content]]);
  return outcome.status === "written" ? { status: "written", path } : outcome;
}

/**
 * Several files that belong together (an import's CSV and its sidecar): all are written to
 * temporary names first, and renamed in the order given only once every one is complete.
 * @example await replaceAllAtomically([["sites.csv", csv], ["sites.assumptions.json", json]])
 */
export async function replaceAllAtomically(targets: readonly (readonly [string, string])[]): Promise<FileWriteOutcome> {
  const temps: string[] = [];
  let current = targets[0]?.[0] ?? "";
  try {
    for (const [path, content] of targets) {
      current = path;
      // A missing folder is made, as `run --out` makes its own (`--export-lp newdir/model.lp`).
      await makeFolders(dirname(resolve(path)));
      const temp = tempPathFor(path);
      temps.push(temp);
      await writeFile(temp, content, { encoding: "utf8", flag: "wx" });
    }
    for (const [i, [path]] of targets.entries()) {
      current = path;
      await rename(temps[i] ?? "", path);
    }
    return { status: "written", path: targets[0]?.[0] ?? "" };
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    const problem = describeFsError(error, current);
    if (problem === undefined) throw error;
    return { status: "failed", path: current, message: problem.message, code: problem.code };
  }
}

/**
 * `.gigasite-tmp-<pid>-<token>-<name>` beside the target, the name shortened to fit 255 bytes.
 * @example basename(tempPathFor("/tmp/a.lp")).startsWith(".gigasite-tmp-") // true
 */
export function tempPathFor(path: string): string {
  const prefix = `.gigasite-tmp-${process.pid}-${newToken()}-`;
  let name = basename(path);
  while (Buffer.byteLength(prefix + name) > MAX_NAME_BYTES) name = [...name].slice(1).join("");
  return join(dirname(path), prefix + name);
}
