/**
 * The site CSV from disk: the I/O edge of the sites stage. A missing path, a directory, an empty
 * or binary file become issues, never exceptions.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { binaryLine, binaryReason, latin1Warning, LineDecoder } from "./decode.ts";
import { delimiterWarning, detectDelimiter } from "./header.ts";
import { parseSitesCsv } from "./parse.ts";
import { firstNonBlankLine, readCsvStream } from "./reader.ts";
import type { SiteTable } from "./types.ts";
import { SitesValidation, type ValidationOptions } from "./validate.ts";
import { errnoCode } from "../core/fsErrors.ts";

/**
 * Reads and validates a site CSV; the table's `sha256` is that of the file's bytes. With `bytes`
 * (a CSV already read, e.g. from standard input) nothing is read and `path` only names it.
 * @example const loaded = await loadSites("data/sites.csv"); if (!loaded.ok) console.error(loaded.issues.map(formatIssue).join("\n"));
 */
export async function loadSites(path: string, bytes?: Uint8Array): Promise<Loaded<SiteTable>> {
  if (bytes !== undefined) return parseSitesCsv(bytes, path);
  const problem = await unreadable(path);
  if (problem !== undefined) return { ok: false, issues: [problem] };
  try {
    return parseSitesCsv(await readFile(path), path);
  } catch (error) {
    return { ok: false, issues: [fileIssue(path, "unreadable", `cannot read the file: ${describe(error)}`)] };
  }
}

/** What {@link validateSitesFile} found. */
export interface SitesFileReport {
  readonly file: string;
  /** The first `maxIssues` issues in line order (errors and warnings). */
  readonly issues: readonly InputIssue[];
  readonly issueCount: number;
  readonly errorCount: number;
  /** Non-blank data rows. */
  readonly rowCount: number;
  /** SHA-256 of the bytes read, when the file could be read to the end. */
  readonly sha256?: string;
}

/**
 * Validates a site CSV of any size in bounded memory: the file streams through in 64 KiB chunks
 * and no row is kept. What does grow with the file is the set of site ids (to find duplicates),
 * a few dozen bytes per row.
 * @example const report = await validateSitesFile("big.csv", { maxIssues: 100 }); report.errorCount === 0
 */
export async function validateSitesFile(
  path: string,
  options: { readonly maxIssues?: number; readonly input?: NodeJS.ReadableStream; readonly onSite?: ValidationOptions["onSite"] } = {},
): Promise<SitesFileReport> {
  const maxIssues = options.maxIssues ?? 100;
  const problem = options.input === undefined ? await unreadable(path) : undefined;
  if (problem !== undefined) return { file: path, issues: [problem], issueCount: 1, errorCount: 1, rowCount: 0 };
  const hash = createHash("sha256");
  const decoder = new LineDecoder();
  const validation = new SitesValidation(path, { keepRows: false, maxIssues, ...(options.onSite ? { onSite: options.onSite } : {}) });
  // `input` (e.g. standard input) streams the same way; `path` then only names it.
  const stream = (options.input as Readable | undefined) ?? createReadStream(path, { highWaterMark: 64 * 1024 });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    let pending = "";
    let first = true;
    let header: ReturnType<typeof firstNonBlankLine>;
    // Read just far enough to see the header, which decides the delimiter.
    while (header === undefined) {
      const next = await chunks.next();
      if (next.done) {
        pending += decoder.end();
        break;
      }
      if (first) {
        first = false;
        const notText = binaryReason(next.value.subarray(0, 64 * 1024));
        if (notText !== undefined) {
          stream.destroy();
          // Line 1, as parseSitesCsv says it: the two readers report the same file the same way.
          return {
            file: path,
            issues: [{ ...fileIssue(path, "not_text", `the file ${notText}`), line: binaryLine(next.value.subarray(0, 64 * 1024)) }],
            issueCount: 1,
            errorCount: 1,
            rowCount: 0,
          };
        }
      }
      hash.update(next.value);
      pending += decoder.push(next.value);
      header = firstNonBlankLine(pending);
    }
    header ??= firstNonBlankLine(pending);
    const delimiter = header === undefined ? "," : detectDelimiter(header.text);
    const warning = header === undefined ? undefined : delimiterWarning(path, delimiter, header.line);
    if (warning !== undefined) validation.add(warning);
    async function* text(): AsyncGenerator<string> {
      if (pending !== "") yield pending;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        hash.update(next.value);
        const decoded = decoder.push(next.value);
        if (decoded !== "") yield decoded;
      }
      const rest = decoder.end();
      if (rest !== "") yield rest;
    }
    await readCsvStream(Readable.from(text(), { objectMode: true }), delimiter, path, validation);
    for (const w of latin1Warning(path, decoder.latin1Lines)) validation.add(w);
    const outcome = validation.finish();
    return {
      file: path,
      issues: outcome.issues,
      issueCount: outcome.issueCount,
      errorCount: outcome.errorCount,
      rowCount: outcome.rowCount,
      sha256: hash.digest("hex"),
    };
  } catch (error) {
    stream.destroy();
    return { file: path, issues: [fileIssue(path, "unreadable", `cannot read the file: ${describe(error)}`)], issueCount: 1, errorCount: 1, rowCount: 0 };
  }
}

/**
 * The bytes of an input file, or the issue that stops it: missing, a directory, unreadable, or
 * binary rather than text. The shared first step of every loader that wants all the bytes.
 * @example const bytes = await readInputBytes("models/baseline.json"); if (bytes.ok) bytes.value.length
 */
export async function readInputBytes(path: string): Promise<Loaded<Uint8Array>> {
  const problem = await unreadable(path);
  if (problem !== undefined) return { ok: false, issues: [problem] };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, issues: [fileIssue(path, "unreadable", `cannot read the file: ${describe(error)}`)] };
  }
  const notText = binaryReason(bytes);
  if (notText !== undefined) return { ok: false, issues: [{ ...fileIssue(path, "not_text", `the file ${notText}`), line: binaryLine(bytes) }] };
  return { ok: true, value: bytes, warnings: [] };
}

/** The issue that stops a path from being read at all, if any. */
export async function unreadable(path: string): Promise<InputIssue | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileIssue(path, "is_directory", "expected a file, found a directory");
    if (!info.isFile()) return fileIssue(path, "not_a_file", "expected a regular file");
    return undefined;
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT") return fileIssue(path, "not_found", "no such file");
    if (code === "EACCES") return fileIssue(path, "unreadable", "permission denied");
    return fileIssue(path, "unreadable", `cannot read the file: ${describe(error)}`);
  }
}

function fileIssue(file: string, code: string, message: string): InputIssue {
  // No line: the problem is the file as a whole.
  return { file, code, message, severity: "error" };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
