/**
 * Checking one data row against the header layout: cell count, required text, numbers and
 * their ranges, booleans, coordinates and duplicate site ids.
 */
import type { InputIssue } from "../core/issues.ts";
import { quoteValue } from "../core/text.ts";
import { dateOutOfBounds, outOfBounds } from "../core/bounds.ts";
import { MAX_CELL_CHARS } from "../core/limits.ts";
import { firstUnsafe, TERMINAL_CONTROL } from "../core/terminalText.ts";
import { normalizeSiteId, siteIdKey, siteIdProblem } from "./siteId.ts";
import { parseBooleanCell, parseNumberCell } from "./cells.ts";
import { SITE_COLUMNS, type ColumnSpec } from "./columns.ts";
import type { HeaderLayout } from "./header.ts";

export type RowResult =
  | { readonly kind: "blank" }
  /** `rowOk`: no errors (warnings allowed), so the row can become a site. */
  | { readonly kind: "checked"; readonly issues: readonly InputIssue[]; readonly rowOk: boolean };

/** Each P90 column and the P50 column it must not fall below. */
const P90_COLUMNS: readonly (readonly [string, string])[] = [
  ["permitting_months", "permitting_months_p90"],
  ["time_to_power_months", "time_to_power_months_p90"],
];

/**
 * A P90 cell describes the P50 cell beside it: with that cell blank (the model's assumption and
 * its spread apply) or the site already permitted (no permitting time), it is ignored, and
 * saying so beats dropping a figure someone typed in without a word.
 */
function checkP90Applies(
  numbers: ReadonlyMap<string, number | null>,
  blankCells: ReadonlySet<string>,
  permitted: boolean,
  issue: (column: string, code: string, message: string, severity?: "error" | "warning") => void,
): void {
  for (const [p50, p90] of P90_COLUMNS) {
    const high = numbers.get(p90);
    if (typeof high !== "number") continue;
    if (p50 === "permitting_months" && permitted)
      issue(p90, "p90_ignored", `${p90} ${high} is ignored: the site is permitted (permitting time 0, no permitting risk)`, "warning");
    else if (blankCells.has(p50))
      issue(p90, "p90_ignored", `${p90} ${high} is ignored: ${p50} is blank, so the model's assumeWhenBlank value and its p90Factor apply`, "warning");
  }
}

const US_NAMES = new Set(["us", "usa", "u.s.", "u.s.a.", "united states", "united states of america"]);
/** Contiguous US, Alaska and Hawaii, loosely: enough to tell swapped or sign-flipped coordinates. */
const inUnitedStates = (lat: number, lon: number): boolean => lat >= 18 && lat <= 72 && lon >= -180 && lon <= -65;

/**
 * Row checks with the state they need across rows (site ids seen so far). One instance per file.
 * @example new RowChecker(layout, "sites.csv").check(["S1", "Plant", ...], 2)
 */
export class RowChecker {
  /** Look-alike key → the first line and id under it. */
  private readonly seenIds = new Map<string, { readonly line: number; readonly id: string }>();
  private readonly present: readonly [ColumnSpec, number][];
  /** Known columns the header lacks. */
  private readonly absent: readonly string[];

  constructor(
    private readonly layout: HeaderLayout,
    private readonly file: string,
  ) {
    this.present = SITE_COLUMNS.flatMap((spec): [ColumnSpec, number][] => {
      const index = layout.known.get(spec.name);
      return index === undefined ? [] : [[spec, index]];
    });
    this.absent = SITE_COLUMNS.filter((spec) => !layout.known.has(spec.name)).map((spec) => spec.name);
  }

  check(cells: readonly string[], line: number): RowResult {
    if (cells.every((c) => c.trim() === "")) return { kind: "blank" };
    const issues: InputIssue[] = [];
    const issue = (column: string | undefined, code: string, message: string, severity: "error" | "warning" = "error"): void => {
      issues.push(column === undefined ? { file: this.file, line, code, message, severity } : { file: this.file, line, column, code, message, severity });
    };
    const expected = this.layout.columns.length;
    if (cells.length < expected) {
      issue(
        undefined,
        "too_few_cells",
        `expected ${expected} cells as in the header, found ${cells.length}: the row is short of ${missingNames(this.layout.columns, cells.length)}`,
      );
      return { kind: "checked", issues, rowOk: false };
    }
    if (cells.length > expected) {
      if (cells.slice(expected).some((c) => c.trim() !== "")) {
        issue(
          undefined,
          "too_many_cells",
          `expected ${expected} cells as in the header, found ${cells.length}: a delimiter inside a value? Quote that cell; numbers take no thousands separator and a decimal point (1200, 3.5)`,
        );
        return { kind: "checked", issues, rowOk: false };
      }
      issue(undefined, "trailing_empty_cells", `ignored ${cells.length - expected} empty cell(s) beyond the header's ${expected} columns`, "warning");
    }

    // Nothing from a cell may act on a terminal: controls and bidi overrides are refused everywhere.
    cells.forEach((cell, index) => {
      if (cell.length > MAX_CELL_CHARS) {
        issue(
          this.layout.columns[index] ?? `column ${index + 1}`,
          "cell_too_long",
          `holds ${cell.length.toLocaleString("en-US")} characters: a cell may hold at most ${MAX_CELL_CHARS.toLocaleString("en-US")}`,
        );
        return;
      }
      const control = firstUnsafe(cell, TERMINAL_CONTROL);
      if (control !== undefined) {
        const code = cell.codePointAt(control.index) ?? 0;
        const what = code === 0 ? "a NUL byte" : code >= 0x202a ? `the bidi override ${control.escaped}` : `the control character ${control.escaped}`;
        issue(
          this.layout.columns[index] ?? `column ${index + 1}`,
          "control_character",
          `contains ${what} at character ${control.index + 1}: cells may not hold control characters, terminal escapes or bidi overrides`,
        );
      }
    });
    const texts = new Map<string, string>();
    const numbers = new Map<string, number | null>();
    /** Boolean columns that are true in this row, and number columns that are blank or absent. */
    const trueCells = new Set<string>();
    const blankCells = new Set<string>(this.absent);
    for (const [spec, index] of this.present) {
      const raw = (cells[index] ?? "").trim();
      if (spec.kind === "text") {
        if (raw === "") issue(spec.name, "empty_cell", `expected a value for required column '${spec.name}', found an empty cell`);
        texts.set(spec.name, spec.name === "site_id" ? normalizeSiteId(raw) : raw);
      } else if (spec.kind === "date") {
        if (raw !== "" && !isIsoDate(raw)) issue(spec.name, "not_a_date", `expected a date as YYYY-MM-DD (e.g. 2026-09-01), found ${quoteValue(raw)}`);
        else if (raw !== "") {
          // Every date gigasite writes must read back: 9999-12-31 became ranked.csv's 10000-01-01.
          const outside = dateOutOfBounds(raw);
          if (outside !== undefined) issue(spec.name, "out_of_range", outside);
        }
      } else if (spec.kind === "boolean") {
        const cell = parseBooleanCell(raw);
        if (cell.kind === "invalid") issue(spec.name, cell.code, cell.message);
        if (cell.kind === "boolean" && cell.value) trueCells.add(spec.name);
      } else {
        const cell = parseNumberCell(raw, spec.name);
        if (cell.kind === "invalid") issue(spec.name, cell.code, cell.message);
        else if (cell.kind === "blank" && spec.required)
          issue(spec.name, "empty_cell", `expected a number for required column '${spec.name}', found an empty cell`);
        numbers.set(spec.name, cell.kind === "number" ? cell.value : null);
        if (cell.kind === "blank") blankCells.add(spec.name);
      }
    }
    this.checkRanges(numbers, texts.get("country") ?? "", issue);
    checkP90Applies(numbers, blankCells, trueCells.has("permitted"), issue);
    this.checkDuplicateId(texts.get("site_id"), line, issue);
    return { kind: "checked", issues, rowOk: !issues.some((i) => i.severity === "error") };
  }

  private checkRanges(
    numbers: Map<string, number | null>,
    country: string,
    issue: (column: string, code: string, message: string, severity?: "error" | "warning") => void,
  ): void {
    const lat = numbers.get("lat");
    const lon = numbers.get("lon");
    const coordinates = typeof lat === "number" && typeof lon === "number";
    if (coordinates && Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
      issue("lat", "lat_lon_swapped", `expected lat in -90..90, found ${lat} while lon is ${lon}: lat and lon look swapped`);
      numbers.delete("lat");
    } else if (coordinates && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && US_NAMES.has(country.toLowerCase()) && !inUnitedStates(lat, lon)) {
      if (inUnitedStates(lon, lat))
        issue("lat", "lat_lon_swapped", `lat ${lat}, lon ${lon} is outside the United States but lat ${lon}, lon ${lat} is inside: lat and lon look swapped`);
      else if (inUnitedStates(lat, -lon))
        issue("lon", "lon_sign", `lon ${lon} is outside the United States but ${-lon} is inside: is the minus sign missing?`, "warning");
      else issue("lat", "outside_country", `lat ${lat}, lon ${lon} is outside the United States (country '${country}'): check the coordinates`, "warning");
    }
    for (const [p50, p90] of P90_COLUMNS) {
      const low = numbers.get(p50);
      const high = numbers.get(p90);
      if (typeof low === "number" && typeof high === "number" && high < low) {
        issue(p90, "p90_below_p50", `expected the pessimistic case ${p90} at or above ${p50} (${low}), found ${high}`);
      }
    }
    for (const spec of SITE_COLUMNS) {
      const value = numbers.get(spec.name);
      if (typeof value !== "number" || spec.bound === undefined) continue;
      const problem = outOfBounds(value, spec.bound);
      if (problem !== undefined) issue(spec.name, value < spec.bound.min && spec.bound.min === 0 ? "negative" : "out_of_range", problem);
    }
  }

  private checkDuplicateId(id: string | undefined, line: number, issue: (column: string, code: string, message: string) => void): void {
    if (id === undefined || id === "") return;
    const problem = siteIdProblem(id);
    if (problem !== undefined) {
      issue("site_id", "bad_site_id", `site_id ${quoteValue(id)} ${problem}`);
      return;
    }
    const key = siteIdKey(id);
    const first = this.seenIds.get(key);
    if (first === undefined) this.seenIds.set(key, { line, id });
    else if (first.id === id)
      issue("site_id", "duplicate_site_id", `site_id ${quoteValue(id)} appears on lines ${first.line} and ${line}: expected each site once`);
    else
      issue(
        "site_id",
        "duplicate_site_id",
        `site_id ${quoteValue(id)} on line ${line} and ${quoteValue(first.id)} on line ${first.line} differ only in letter case or Unicode form: they would be taken for one site; expected each site once`,
      );
  }
}

/** A real calendar date written as YYYY-MM-DD. @example isIsoDate("2026-02-30") // false */
export function isIsoDate(raw: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  const parsed = Date.parse(`${raw}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(raw);
}

function missingNames(columns: readonly string[], found: number): string {
  const missing = columns.slice(found);
  const shown = missing
    .slice(0, 3)
    .map((c) => `'${c}'`)
    .join(", ");
  return missing.length > 3 ? `${shown} and ${missing.length - 3} more` : shown;
}
