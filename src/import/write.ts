/**
 * The importer's output edge: the sites CSV and its `<name>.assumptions.json` beside it, written
 * by the one safe writer (temporary names beside them, then renames; see `src/output/`). An existing file is replaced only when it is a
 * previous gigasite import left as written (its sidecar names it, with the same SHA-256), or with
 * `force`; an input file is never replaced, even with `force`.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { inspectTarget, replaceAllAtomically } from "../output/singleFile.ts";

/** Written into every sidecar; how a later import recognizes its own files. */
export const IMPORT_GENERATOR = "gigasite import";

export type ImportWriteOutcome =
  | { readonly status: "written"; readonly csvFile: string; readonly assumptionsFile: string }
  | { readonly status: "refused"; readonly message: string }
  | { readonly status: "failed"; readonly message: string; readonly code: string };

export interface ImportWriteOptions {
  readonly force?: boolean;
  /** Paths that must never be written (the GPPD file, the assumptions file, its tables). */
  readonly protect?: readonly string[];
}

/**
 * The sidecar path for an output CSV: `sites.csv` → `sites.assumptions.json`.
 * @example assumptionsPathFor("/tmp/gppd/sites.csv") // "/tmp/gppd/sites.assumptions.json"
 */
export function assumptionsPathFor(csvPath: string): string {
  return csvPath.toLowerCase().endsWith(".csv") ? `${csvPath.slice(0, -4)}.assumptions.json` : `${csvPath}.assumptions.json`;
}

/**
 * Hex SHA-256 of text or bytes: how a sidecar recognizes the CSV it was written with.
 * @example sha256Of("") // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 */
export const sha256Of = (text: string | Uint8Array): string => createHash("sha256").update(text).digest("hex");

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

interface SidecarHead {
  readonly generator?: unknown;
  readonly output?: { readonly sha256?: unknown };
}

function parseSidecar(bytes: Buffer): SidecarHead | null {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return value !== null && typeof value === "object" ? (value as SidecarHead) : null;
  } catch {
    return null;
  }
}

/** Whether the existing CSV and sidecar are an untouched previous import (or absent). */
async function previousImportState(csvPath: string, sidecarPath: string): Promise<string | null> {
  const [csv, sidecar] = await Promise.all([readOrNull(csvPath), readOrNull(sidecarPath)]);
  if (csv === null && sidecar === null) return null;
  const meta = sidecar === null ? null : parseSidecar(sidecar);
  const ours = typeof meta?.generator === "string" && meta.generator.startsWith(IMPORT_GENERATOR);
  if (sidecar !== null && !ours) return `${sidecarPath} exists and was not written by gigasite import`;
  if (csv === null) return null;
  if (!ours) return `${csvPath} exists and is not a gigasite import (no ${basename(sidecarPath)} beside it)`;
  if (meta?.output?.sha256 !== sha256Of(csv))
    return `${csvPath} was changed since gigasite imported it (its SHA-256 differs from ${basename(sidecarPath)}): your edits would be lost`;
  return null;
}

/**
 * Writes the CSV and its sidecar. `sidecar` must hold `output.sha256` of `csvText` (see
 * {@link sha256Of}) so that the next import can tell its own files from edited ones.
 * @example await writeImport("/tmp/gppd/sites.csv", csv, json, { protect: ["gppd.csv"] })
 */
export async function writeImport(csvPath: string, csvText: string, sidecarText: string, options: ImportWriteOptions = {}): Promise<ImportWriteOutcome> {
  const sidecarPath = assumptionsPathFor(csvPath);
  const protectedPaths = new Set((options.protect ?? []).map((p) => resolve(p)));
  for (const target of [csvPath, sidecarPath]) {
    if (protectedPaths.has(resolve(target))) return { status: "refused", message: `writing ${target} would overwrite an input file; choose another --out` };
  }
  for (const target of [csvPath, sidecarPath]) {
    const state = await inspectTarget(target);
    if (state.kind === "failed") return { status: "failed", message: state.message, code: state.code };
    if (state.kind === "refused") return { status: "refused", message: `${state.message}; --out names the CSV file to write` };
  }
  if (!options.force) {
    const reason = await previousImportState(csvPath, sidecarPath);
    if (reason !== null) return { status: "refused", message: `${reason}; choose another --out, or pass --force to replace it` };
  }
  // The CSV first: a sidecar never names a CSV that is not there yet.
  const written = await replaceAllAtomically([
    [csvPath, csvText],
    [sidecarPath, sidecarText],
  ]);
  if (written.status === "failed") return { status: "failed", message: written.message, code: written.code };
  return { status: "written", csvFile: csvPath, assumptionsFile: sidecarPath };
}
