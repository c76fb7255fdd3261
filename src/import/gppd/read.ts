/**
 * GPPD CSV text to typed plants, every problem an issue with line and column. The global file
 * (`global_power_plant_database.csv`) and the per-country tables (`database_USA.csv`) share the
 * columns read here; they differ only in how estimated generation is laid out
 * (`estimated_generation_gwh` vs `estimated_generation_gwh_2013`…), and both are accepted.
 */
import type { InputIssue } from "../../core/issues.ts";
import { numberCell, readCsvRows } from "../csvRows.ts";

/** Columns a GPPD file must have. */
export const GPPD_REQUIRED_COLUMNS = ["country", "name", "gppd_idnr", "capacity_mw", "latitude", "longitude", "primary_fuel"] as const;

const REPORTED = /^generation_gwh_(\d{4})$/;
const ESTIMATED = /^estimated_generation_gwh(?:_(\d{4}))?$/;

/** One plant row. */
export interface GppdPlant {
  readonly line: number;
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-3, as GPPD writes it (`USA`). */
  readonly country: string;
  readonly capacityMw: number;
  /** Null when the cell is blank (the plant cannot be placed). */
  readonly lat: number | null;
  readonly lon: number | null;
  /** As written (`Gas`, `Coal`, …); may be blank. */
  readonly primaryFuel: string;
  /** Reported net generation, GWh, by year; years with a blank cell are absent. */
  readonly reportedGwh: ReadonlyMap<number, number>;
  /** Modelled generation, GWh, one value per year given. */
  readonly estimatedGwh: readonly number[];
  /** The optional `region` column, trimmed; null when absent or blank. */
  readonly region: string | null;
}

export interface GppdRead {
  /** Plants at or above `minCapacityMw` (all plants when it is not given). */
  readonly plants: readonly GppdPlant[];
  /** Data rows in the file, kept or not. */
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly issues: readonly InputIssue[];
}

export interface GppdReadOptions {
  /**
   * Keep and fully check only plants with at least this capacity. Smaller rows are checked for
   * what decides that (`capacity_mw`, and a unique `gppd_idnr`) and nothing else: their other
   * cells are never used, so a typo there (the US table has a 0 MW row at latitude 425) must not
   * block an import.
   */
  readonly minCapacityMw?: number;
}

/**
 * Reads GPPD CSV text. Nothing is dropped silently: a kept row with a bad cell is an error; a
 * blank coordinate is kept as null for the importer to judge.
 * @example readGppdCsv("country,name,gppd_idnr,capacity_mw,latitude,longitude,primary_fuel\nAUS,Bayswater,AUS0000001,2640,-32.39,150.95,Coal\n", "p.csv").plants.length // 1
 */
export function readGppdCsv(text: string, file: string, options: GppdReadOptions = {}): GppdRead {
  const minCapacityMw = options.minCapacityMw ?? Number.NEGATIVE_INFINITY;
  const csv = readCsvRows(text, file);
  const issues: InputIssue[] = [...csv.issues];
  const index = new Map(csv.header.map((name, i) => [name, i]));
  if (csv.header.length === 0)
    return {
      plants: [],
      rowCount: 0,
      columns: [],
      issues: [
        ...issues,
        {
          file,
          line: 1,
          code: "empty_file",
          message: "expected a GPPD header line (country, name, gppd_idnr, capacity_mw, ...), found an empty file",
          severity: "error",
        },
      ],
    };
  const missing = GPPD_REQUIRED_COLUMNS.filter((c) => !index.has(c));
  for (const column of missing) {
    issues.push({
      file,
      line: 1,
      column,
      code: "missing_column",
      message: `expected the GPPD column ${column}; found ${csv.header.slice(0, 8).join(", ")}${csv.header.length > 8 ? ", ..." : ""}`,
      severity: "error",
    });
  }
  if (missing.length > 0) return { plants: [], rowCount: csv.rows.length, columns: csv.header, issues };
  const reportedColumns = csv.header.flatMap((name) => {
    const year = REPORTED.exec(name)?.[1];
    return year === undefined ? [] : [{ name, year: Number(year) }];
  });
  const estimatedColumns = csv.header.filter((name) => ESTIMATED.test(name));
  const firstLine = new Map<string, number>();
  const plants: GppdPlant[] = [];
  // A public table the user cannot fix: a row that cannot be used is skipped, and all of them are reported in one warning.
  const skipped: SkippedRow[] = [];
  for (const row of csv.rows) {
    const rowIssues: InputIssue[] = [];
    const cell = (column: string): string => (row.cells[index.get(column) ?? -1] ?? "").trim();
    const problem = (column: string, code: string, message: string): void => {
      rowIssues.push({ file, line: row.line, column, code, message, severity: "error" });
    };
    const required = (column: string): string => {
      const value = cell(column);
      if (value === "") problem(column, "missing_value", `expected a value in ${column}, found a blank cell`);
      return value;
    };
    const number = (column: string, min: number, max: number, allowBlank: boolean): number | null => {
      const value = numberCell(cell(column));
      if (value === null) {
        if (!allowBlank) problem(column, "missing_value", `expected a number in ${column}, found a blank cell`);
        return null;
      }
      if (Number.isNaN(value)) problem(column, "not_a_number", `expected a number, found "${cell(column)}"`);
      else if (value < min || value > max) problem(column, "out_of_range", `expected ${min}..${max}, found ${value}`);
      return Number.isNaN(value) ? null : value;
    };
    const id = required("gppd_idnr");
    const capacityMw = number("capacity_mw", 0, Number.POSITIVE_INFINITY, false);
    if (id !== "") {
      const seen = firstLine.get(id);
      if (seen !== undefined) problem("gppd_idnr", "duplicate_id", `gppd_idnr ${id} appears on lines ${seen} and ${row.line}: expected each plant once`);
      else firstLine.set(id, row.line);
    }
    if (capacityMw !== null && capacityMw < minCapacityMw) {
      if (rowIssues.length > 0) skipped.push({ line: row.line, issues: rowIssues });
      continue;
    }
    const name = required("name");
    const country = required("country");
    const lat = number("latitude", -90, 90, true);
    const lon = number("longitude", -180, 180, true);
    const reportedGwh = new Map<number, number>();
    for (const { name: column, year } of reportedColumns) {
      const value = number(column, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, true);
      if (value !== null) reportedGwh.set(year, value);
    }
    const estimatedGwh = estimatedColumns
      .map((c) => number(c, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, true))
      .filter((v): v is number => v !== null);
    if (rowIssues.length > 0 || capacityMw === null) {
      skipped.push({ line: row.line, issues: rowIssues });
      continue;
    }
    const region = index.has("region") ? cell("region") : "";
    plants.push({
      line: row.line,
      id,
      name,
      country,
      capacityMw,
      lat,
      lon,
      primaryFuel: cell("primary_fuel"),
      reportedGwh,
      estimatedGwh,
      region: region === "" ? null : region,
    });
  }
  if (csv.rows.length === 0) issues.push({ file, line: 1, code: "no_rows", message: "expected plant rows after the header, found none", severity: "error" });
  const warning = skippedRowsWarning(file, skipped);
  if (warning !== null) issues.push(warning);
  return { plants, rowCount: csv.rows.length, columns: csv.header, issues };
}

interface SkippedRow {
  readonly line: number;
  readonly issues: readonly InputIssue[];
}

/** Lines listed in the skipped-rows warning before "and N more". */
const SKIPPED_LINES_SHOWN = 5;

/**
 * One warning for every row skipped: how many, why (each reason with its count), the first lines
 * and the first problem in full.
 * @example skippedRowsWarning("AUS.csv", rows)?.message // "6 rows skipped as unusable (capacity_mw blank: 6): lines 12, 40, … and 1 more; line 12: expected a number in capacity_mw, found a blank cell"
 */
export function skippedRowsWarning(file: string, skipped: readonly SkippedRow[]): InputIssue | null {
  const first = skipped[0];
  const firstIssue = first?.issues[0];
  if (first === undefined) return null;
  const reasons = new Map<string, number>();
  for (const row of skipped) {
    const issue = row.issues[0];
    const why =
      issue === undefined ? "unusable" : `${String(issue.column ?? "row")} ${issue.code === "missing_value" ? "blank" : issue.code.replace(/_/g, " ")}`;
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  const lines = skipped.slice(0, SKIPPED_LINES_SHOWN).map((r) => r.line.toLocaleString("en-US"));
  const more = skipped.length > SKIPPED_LINES_SHOWN ? ` and ${(skipped.length - SKIPPED_LINES_SHOWN).toLocaleString("en-US")} more` : "";
  const count = skipped.length.toLocaleString("en-US");
  return {
    file,
    line: first.line,
    ...(firstIssue?.column !== undefined ? { column: firstIssue.column } : {}),
    code: "rows_skipped",
    severity: "warning",
    message:
      `${count} row${skipped.length === 1 ? "" : "s"} skipped as unusable (${[...reasons].map(([why, n]) => `${why}: ${n}`).join("; ")}): ` +
      `line${skipped.length === 1 ? "" : "s"} ${lines.join(", ")}${more}; line ${first.line}: ${firstIssue?.message ?? "unusable"}`,
  };
}
