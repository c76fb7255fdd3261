/**
 * The header row: which known columns are present and where, which are extra, and what is wrong
 * (missing, duplicated, misspelled, unnamed).
 */
import type { InputIssue } from "../core/issues.ts";
import { nearestName, quoteValue } from "../core/text.ts";
import { MAX_CELL_CHARS, MAX_COLUMNS } from "../core/limits.ts";
import { REQUIRED_COLUMN_NAMES, SITE_COLUMN_NAMES, columnSpec } from "./columns.ts";

export interface HeaderLayout {
  /** Header cells as found, trimmed, in file order. */
  readonly columns: readonly string[];
  /** Cell index of each known column (first occurrence). */
  readonly known: ReadonlyMap<string, number>;
  /** Extra columns (not known, not a reported typo) by name, with their cell index. */
  readonly extras: ReadonlyMap<string, number>;
}

export interface HeaderCheck {
  readonly layout: HeaderLayout;
  readonly issues: readonly InputIssue[];
}

/**
 * Checks the header cells (line `line` of `file`) against the known columns.
 * @example checkHeader(["site_id", "lat"], "s.csv", 1).issues.length // 7 missing required columns
 */
export function checkHeader(cells: readonly string[], file: string, line: number): HeaderCheck {
  const issues: InputIssue[] = [];
  const error = (column: string | undefined, code: string, message: string): void => {
    issues.push(column === undefined ? { file, line, code, message, severity: "error" } : { file, line, column, code, message, severity: "error" });
  };
  const columns = cells.map((c) => c.trim());
  if (columns.length > MAX_COLUMNS) {
    // Not a table of sites (a file of one endless line, say): one clear error, no per-column work.
    error(
      undefined,
      "too_many_columns",
      `expected at most ${MAX_COLUMNS.toLocaleString("en-US")} columns in the header, found ${columns.length.toLocaleString("en-US")}: is this a sites CSV with one site per line?`,
    );
    return { layout: { columns, known: new Map(), extras: new Map() }, issues };
  }
  const firstIndex = new Map<string, number>();
  columns.forEach((name, index) => {
    if (name === "") {
      error(undefined, "empty_column_name", `expected a name for column ${index + 1} of the header, found an empty cell`);
      return;
    }
    if (name.length > MAX_CELL_CHARS) {
      error(
        undefined,
        "cell_too_long",
        `column ${index + 1} of the header is named with ${name.length.toLocaleString("en-US")} characters: a cell may hold at most ${MAX_CELL_CHARS.toLocaleString("en-US")}`,
      );
      return;
    }
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else error(name, "duplicate_column", `column '${name}' appears twice in the header (columns ${first + 1} and ${index + 1}): keep one`);
  });

  const known = new Map<string, number>();
  const extras = new Map<string, number>();
  const explainedMissing = new Set<string>();
  for (const [name, index] of firstIndex) {
    if (columnSpec(name) !== undefined) {
      known.set(name, index);
      continue;
    }
    const meant = nearestName(name, SITE_COLUMN_NAMES);
    if (meant === undefined) {
      extras.set(name, index);
    } else if (!firstIndex.has(meant)) {
      explainedMissing.add(meant);
      error(name, "unknown_column", `unknown column ${quoteValue(name)}: did you mean '${meant}'?`);
    } else {
      extras.set(name, index);
      issues.push({
        file,
        line,
        column: name,
        code: "unknown_column",
        message: `unknown column ${quoteValue(name)} is close to '${meant}', which is also present: read as an extra column`,
        severity: "warning",
      });
    }
  }
  for (const name of REQUIRED_COLUMN_NAMES) {
    if (!known.has(name) && !explainedMissing.has(name)) {
      error(name, "missing_column", `expected a required column '${name}' in the header, found none`);
    }
  }
  return { layout: { columns, known, extras }, issues };
}

/**
 * The delimiter of a CSV from its header line: the most frequent of `,` `;` tab `|`, with
 * comma winning ties (and a single-column header, which fails later for missing columns).
 * @example detectDelimiter("site_id;name;lat") // ";"
 */
export function detectDelimiter(headerLine: string): string {
  const counts: [string, number][] = [",", ";", "\t", "|"].map((d) => [d, headerLine.split(d).length - 1]);
  let best: [string, number] = [",", 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  return best[0];
}

/**
 * The warning that says a non-comma delimiter was detected and used.
 * @example delimiterWarning("s.csv", ";")?.code // "delimiter"
 */
export function delimiterWarning(file: string, delimiter: string, line = 1): InputIssue | undefined {
  if (delimiter === ",") return undefined;
  const name = delimiter === "\t" ? "tab" : `'${delimiter}'`;
  return {
    file,
    line,
    code: "delimiter",
    message: `the header is ${name}-separated, not comma-separated: read the whole file as ${name}-separated`,
    severity: "warning",
  };
}
