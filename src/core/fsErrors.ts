/**
 * The one mapping from a file-system failure (an errno code from Node) to a sentence that names
 * the path and the cause. Such failures are the environment's, not bad input and not a bug: the
 * CLI reports them with exit code 5 (README, "Exit codes").
 */
import { cleanText } from "./terminalText.ts";

/** A file-system failure, described. */
export interface FsProblem {
  /** The errno code, e.g. `ENOSPC`. */
  readonly code: string;
  /** The path involved, as the caller named it. */
  readonly path: string;
  /** `path: cause`, one line, safe for a terminal. */
  readonly message: string;
}

const CAUSES: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "the file name is too long",
  EEXIST: "already exists",
  ENOTEMPTY: "the folder is not empty",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EBUSY: "the file or folder is busy",
  ELOOP: "too many symbolic links in the path",
  EXDEV: "cannot move across file systems",
  EIO: "input/output error",
  EFBIG: "the file is too large",
  ENXIO: "not a regular file (no such device)",
  ETXTBSY: "the file is busy",
};

/**
 * The `code` of a thrown value (`ENOENT`, `EEXIST`…), whatever threw it; undefined when it has none.
 * @example errnoCode(Object.assign(new Error("x"), { code: "ENOENT" })) // "ENOENT"
 */
export function errnoCode(error: unknown): string | undefined {
  if (error === null || typeof error !== "object" || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** The errno code of an error thrown by `node:fs`, when it carries one this module knows. */
export function fsErrorCode(error: unknown): string | undefined {
  const code = errnoCode(error);
  return code !== undefined && Object.hasOwn(CAUSES, code) ? code : undefined;
}

/**
 * Describes a failure of `node:fs`, or returns undefined when it is not one (then it is a bug).
 * `path` is what the user named; Node's own path (in the error) is used when none is given.
 * @example describeFsError(Object.assign(new Error("x"), { code: "ENOSPC" }), "out/baseline")?.message // "out/baseline: no space left on the device"
 */
export function describeFsError(error: unknown, path?: string): FsProblem | undefined {
  const code = fsErrorCode(error);
  if (code === undefined) return undefined;
  const own = (error as { path?: unknown }).path;
  const where = path ?? (typeof own === "string" ? own : "(unknown path)");
  const detail = path !== undefined && typeof own === "string" && own !== path ? ` (${cleanText(own)})` : "";
  return { code, path: where, message: `${cleanText(where)}: ${CAUSES[code] ?? code}${detail}` };
}

/** A file-system failure as a thrown value, for the few places that cannot return one. */
export class FsFailure extends Error {
  constructor(readonly problem: FsProblem) {
    super(problem.message);
  }
}
