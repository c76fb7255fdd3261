/**
 * Bytes to CSV text. Choices (documented in the README's CSV section):
 * - a UTF-8 byte-order mark is dropped;
 * - CRLF and lone CR (old Mac "CSV (Macintosh)") line ends become LF, so line numbers and
 *   trimming work the same everywhere;
 * - a line that is not valid UTF-8 (typically a Latin-1 export from an old spreadsheet) is read as
 *   Windows-1252, which every byte can be, with one warning naming the first such line;
 * - a NUL byte, a UTF-16 byte-order mark or a zip header (an .xlsx workbook) means "not a text
 *   CSV": an error, since guessing would yield garbage rows.
 */
import { appendAll } from "../core/arrays.ts";
import type { InputIssue } from "../core/issues.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

export interface DecodedText {
  readonly text: string;
  /** 1-based lines that were not valid UTF-8 and were read as Windows-1252. */
  readonly latin1Lines: readonly number[];
}

/**
 * Why these bytes are not a text CSV, or undefined when they may be one.
 * @example binaryReason(Uint8Array.from([0x50, 0x4b, 3, 4])) // "looks like a zip file or an Excel workbook (.xlsx), not text: save a sheet as \"CSV UTF-8\""
 */
export function binaryReason(head: Uint8Array): string | undefined {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) {
    return 'looks like a zip file or an Excel workbook (.xlsx), not text: save a sheet as "CSV UTF-8"';
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return "is UTF-16 text: save it as UTF-8";
  }
  const nul = head.indexOf(0);
  if (nul >= 0) return `is binary, not text (a NUL byte at byte ${nul + 1})`;
  return undefined;
}

/**
 * The 1-based line that {@link binaryReason} is about: in a text file with a stray NUL byte, the
 * NUL's line; in a file that is binary from the start (not UTF-8 before the NUL), line 1.
 * @example binaryLine(new TextEncoder().encode("a\nb\n\0")) // 3
 */
export function binaryLine(head: Uint8Array): number {
  const nul = head.indexOf(0);
  if (nul < 0 || binaryReason(head.subarray(0, 4)) !== undefined) return 1;
  try {
    utf8.decode(head.subarray(0, nul));
  } catch {
    return 1;
  }
  return countBreaks(head.subarray(0, nul)) + 1;
}

/** Offset just past a UTF-8 byte-order mark, or 0. */
export function bomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * Decodes whole lines of bytes; `firstLine` is the file line of the first byte.
 * @example decodeLines(new TextEncoder().encode("a,b\r\n"), 1).text // "a,b\n"
 */
export function decodeLines(bytes: Uint8Array, firstLine: number): DecodedText {
  try {
    return { text: normalizeNewlines(utf8.decode(bytes)), latin1Lines: [] };
  } catch {
    // Rare path: decode line by line so only the offending lines change encoding.
  }
  const parts: string[] = [];
  const latin1Lines: number[] = [];
  let line = firstLine;
  for (let start = 0; start < bytes.length; line++) {
    const end = lineEnd(bytes, start);
    const slice = bytes.subarray(start, end);
    try {
      parts.push(utf8.decode(slice));
    } catch {
      parts.push(windows1252.decode(slice));
      latin1Lines.push(line);
    }
    start = end;
  }
  return { text: normalizeNewlines(parts.join("")), latin1Lines };
}

/** Offset just past the line that starts at `start`: after LF, CRLF or a lone CR, or the end. */
function lineEnd(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) return i + 1;
    if (bytes[i] === 0x0d) return bytes[i + 1] === 0x0a ? i + 2 : i + 1;
  }
  return bytes.length;
}

/**
 * Offset just past the last complete line break, or 0. A CR at the very end may be the first
 * half of a CRLF, so it waits for the next chunk; splitting there would count one break as two.
 */
function lastBreakEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] === 0x0a) return i + 1;
    if (bytes[i] === 0x0d && i < bytes.length - 1) return i + 1;
  }
  return 0;
}

function countBreaks(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) count++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) count++;
  }
  return count;
}

/**
 * CRLF and lone CR to LF.
 * @example normalizeNewlines("a\r\nb\rc") // "a\nb\nc"
 */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The single warning for lines read as Windows-1252, or none.
 * @example latin1Warning("sites.csv", [4, 9]).length // 1
 */
export function latin1Warning(file: string, lines: readonly number[]): InputIssue[] {
  const first = lines[0];
  if (first === undefined) return [];
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more line${lines.length > 2 ? "s" : ""})` : "";
  return [
    {
      file,
      line: first,
      code: "not_utf8",
      message: `bytes that are not valid UTF-8${more}: read as Windows-1252 (Latin-1); save the file as UTF-8 to be sure`,
      severity: "warning",
    },
  ];
}

/**
 * Incremental version of {@link decodeLines} for streams: feed chunks, get text for the complete
 * lines so far; the last partial line waits for the next chunk.
 */
export class LineDecoder {
  /** Bytes of the unfinished last line, as the chunks came: joined only once a line ends, so a
   * file of one endless line costs linear time, not a copy of the whole line per chunk. */
  private carry: Uint8Array[] = [];
  private nextLine = 1;
  private started = false;
  readonly latin1Lines: number[] = [];

  push(chunk: Uint8Array): string {
    if (!this.started) {
      const head = concat(...this.carry, chunk);
      if (head.length < 3) {
        this.carry = [head];
        return "";
      }
      this.carry = [];
      this.started = true;
      return this.pushStarted(head.subarray(bomLength(head)));
    }
    return this.pushStarted(chunk);
  }

  private pushStarted(chunk: Uint8Array): string {
    const inChunk = lastBreakEnd(chunk);
    const last = this.carry.at(-1);
    // A CR that ended the previous chunk was waiting for a possible LF; any byte settles it.
    const pendingCr = last !== undefined && last[last.length - 1] === 0x0d && chunk.length > 0;
    if (inChunk === 0 && !pendingCr) {
      if (chunk.length > 0) this.carry.push(chunk);
      return "";
    }
    const carried = this.carry.reduce((n, part) => n + part.length, 0);
    const bytes = concat(...this.carry, chunk);
    const split = inChunk > 0 ? carried + inChunk : carried;
    this.carry = split < bytes.length ? [bytes.slice(split)] : [];
    return this.decode(bytes.subarray(0, split));
  }

  end(): string {
    const joined = concat(...this.carry);
    const rest = this.started ? joined : joined.subarray(bomLength(joined));
    this.carry = [];
    this.started = true;
    return rest.length > 0 ? this.decode(rest) : "";
  }

  private decode(bytes: Uint8Array): string {
    const decoded = decodeLines(bytes, this.nextLine);
    appendAll(this.latin1Lines, decoded.latin1Lines);
    this.nextLine += countBreaks(bytes);
    return decoded.text;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
