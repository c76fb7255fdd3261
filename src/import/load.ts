/**
 * The importer's input edge: reads the GPPD file, the assumptions file and the regional tables
 * it names. Problems come back as issues; nothing is thrown for bad input.
 */
import { appendAll } from "../core/arrays.ts";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { decodeLines, latin1Warning } from "../sites/decode.ts";
import { readInputBytes } from "../sites/load.ts";
import { parseAssumptionsJson, type Assumptions, type RegionTable } from "./assumptions.ts";
import { readEia860Csv, type Eia860Read } from "./eia860/read.ts";
import { readGppdCsv, type GppdRead, type GppdReadOptions } from "./gppd/read.ts";
import { parseRegionTable } from "./regionTable.ts";

/** The bundled assumptions, found from this file so that any working directory works. */
export const DEFAULT_ASSUMPTIONS_FILE = fileURLToPath(new URL("../../data/assumptions/gppd.json", import.meta.url));

/** A text input file and its bytes' SHA-256. */
export interface TextFile {
  readonly text: string;
  readonly sha256: string;
  readonly warnings: readonly InputIssue[];
}

/**
 * Reads a text file (UTF-8, Latin-1 lines tolerated with a warning), or the issue that stops it.
 * @example const file = await readTextFile("gppd.csv"); if (file.ok) file.value.text
 */
export async function readTextFile(path: string): Promise<Loaded<TextFile>> {
  const read = await readInputBytes(path);
  if (!read.ok) return read;
  const bytes = read.value;
  const decoded = decodeLines(bytes, 1);
  return {
    ok: true,
    value: { text: decoded.text, sha256: createHash("sha256").update(bytes).digest("hex"), warnings: latin1Warning(path, decoded.latin1Lines) },
    warnings: [],
  };
}

/**
 * Reads and checks a GPPD CSV.
 * @example const read = await loadGppdFile("../shared/data/gppd/database_USA.csv"); if (read.ok) read.value.plants.length // 11879
 */
export async function loadGppdFile(path: string, options: GppdReadOptions = {}): Promise<Loaded<GppdRead & { readonly sha256: string }>> {
  const file = await readTextFile(path);
  if (!file.ok) return file;
  const read = readGppdCsv(file.value.text, path, options);
  const errors = read.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) return { ok: false, issues: [...read.issues, ...file.value.warnings] };
  return { ok: true, value: { ...read, sha256: file.value.sha256 }, warnings: [...file.value.warnings, ...read.issues] };
}

/**
 * Reads and checks an EIA-860 plant CSV; only the rows of `wantedCodes` are checked beyond their
 * plant code (see {@link readEia860Csv}).
 * @example const read = await loadEia860File("../shared/data/eia860/plant_2019.csv", new Set([3935])); if (read.ok) read.value.plants.get(3935)?.balancingAuthorityCode // "PJM"
 */
export async function loadEia860File(path: string, wantedCodes?: ReadonlySet<number>): Promise<Loaded<Eia860Read & { readonly sha256: string }>> {
  const file = await readTextFile(path);
  if (!file.ok) return file;
  const read = readEia860Csv(file.value.text, path, wantedCodes === undefined ? {} : { wantedCodes });
  if (read.issues.some((i) => i.severity === "error")) return { ok: false, issues: [...read.issues, ...file.value.warnings] };
  return { ok: true, value: { ...read, sha256: file.value.sha256 }, warnings: [...file.value.warnings, ...read.issues] };
}

/**
 * Reads an assumptions file and every regional table it names (paths relative to the file).
 * @example const loaded = await loadAssumptions(DEFAULT_ASSUMPTIONS_FILE); if (loaded.ok) loaded.value.regionTables.get("USA")?.rows.size // 48
 */
export async function loadAssumptions(path: string = DEFAULT_ASSUMPTIONS_FILE): Promise<Loaded<Assumptions & { readonly inputFiles: readonly string[] }>> {
  const file = await readTextFile(path);
  if (!file.ok) return file;
  const parsed = parseAssumptionsJson(file.value.text, path);
  if (!parsed.ok) return parsed;
  const issues: InputIssue[] = [];
  const tables = new Map<string, RegionTable>();
  const inputFiles = [path];
  for (const [country, spec] of Object.entries(parsed.value.regionTables)) {
    const tablePath = join(dirname(path), spec.file);
    inputFiles.push(tablePath);
    const text = await readTextFile(tablePath);
    if (!text.ok) {
      appendAll(
        issues,
        text.issues.map((i) => ({ ...i, message: `${i.message} (regional table of ${country}, named in ${path})` })),
      );
      continue;
    }
    const table = parseRegionTable(text.value.text, tablePath, spec.locate);
    if (table.ok) tables.set(country, table.value);
    else appendAll(issues, table.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { file: path, raw: parsed.value, regionTables: tables, inputFiles }, warnings: [] };
}
