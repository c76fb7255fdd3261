/**
 * EIA-860 Schedule 2 (plant data) CSV text to typed plants by plant code, every problem an issue
 * with line and column. Only the columns the import uses are read; the others may be absent.
 */
import { appendAll } from "../../core/arrays.ts";
import type { InputIssue } from "../../core/issues.ts";
import { numberCell, readCsvRows } from "../csvRows.ts";

/** Columns an EIA-860 plant file must have. */
export const EIA860_REQUIRED_COLUMNS = ["Plant Code", "Balancing Authority Code", "Regulatory Status", "Sector Name", "Grid Voltage (kV)"] as const;

const VOLTAGE_COLUMNS = ["Grid Voltage (kV)", "Grid Voltage 2 (kV)", "Grid Voltage 3 (kV)"] as const;
const PIPELINE_COLUMNS = ["Natural Gas Pipeline Name 1", "Natural Gas Pipeline Name 2", "Natural Gas Pipeline Name 3"] as const;

/** What the import uses of one EIA-860 plant; blank cells are null (unknown or not applicable). */
export interface Eia860Plant {
  readonly line: number;
  readonly plantCode: number;
  readonly plantName: string;
  readonly utilityName: string | null;
  /** Two-letter state code as EIA writes it. */
  readonly state: string | null;
  readonly balancingAuthorityCode: string | null;
  readonly balancingAuthorityName: string | null;
  /** `RE` rate-regulated, `NR` not regulated; null when blank. */
  readonly regulatoryStatus: "RE" | "NR" | null;
  readonly sector: string | null;
  /** Every grid connection voltage given, kV. */
  readonly gridVoltagesKv: readonly number[];
  readonly waterSource: string | null;
  /** Named interstate gas pipelines serving the plant. */
  readonly gasPipelines: readonly string[];
}

export interface Eia860Read {
  /** By plant code. */
  readonly plants: ReadonlyMap<number, Eia860Plant>;
  readonly rowCount: number;
  readonly issues: readonly InputIssue[];
}

export interface Eia860ReadOptions {
  /**
   * Fully check only the plants with these codes (the ones a join will use). Every row's plant
   * code is still checked, since the join and the duplicate check depend on it; other cells of
   * rows not wanted are never used, so they are not held against the file.
   */
  readonly wantedCodes?: ReadonlySet<number>;
}

/**
 * Reads EIA-860 plant CSV text.
 * @example readEia860Csv("Plant Code,Balancing Authority Code,Regulatory Status,Sector Name,Grid Voltage (kV)\n3935,PJM,RE,Electric Utility,765\n", "p.csv").plants.get(3935)?.gridVoltagesKv // [765]
 */
export function readEia860Csv(text: string, file: string, options: Eia860ReadOptions = {}): Eia860Read {
  const csv = readCsvRows(text, file);
  const issues: InputIssue[] = [...csv.issues];
  const index = new Map(csv.header.map((name, i) => [name, i]));
  if (csv.header.length === 0)
    return {
      plants: new Map(),
      rowCount: 0,
      issues: [
        ...issues,
        {
          file,
          line: 1,
          code: "empty_file",
          message: "expected an EIA-860 header line (Utility ID, Utility Name, Plant Code, ...), found an empty file",
          severity: "error",
        },
      ],
    };
  const missing = EIA860_REQUIRED_COLUMNS.filter((c) => !index.has(c));
  for (const column of missing) {
    issues.push({
      file,
      line: 1,
      column,
      code: "missing_column",
      message: `expected the EIA-860 column ${column}; found ${csv.header.slice(0, 6).join(", ")}${csv.header.length > 6 ? ", ..." : ""}`,
      severity: "error",
    });
  }
  if (missing.length > 0) return { plants: new Map(), rowCount: csv.rows.length, issues };
  const plants = new Map<number, Eia860Plant>();
  const firstLine = new Map<number, number>();
  for (const row of csv.rows) {
    const rowIssues: InputIssue[] = [];
    const cell = (column: string): string => (row.cells[index.get(column) ?? -1] ?? "").trim();
    const optional = (column: string): string | null => (cell(column) === "" ? null : cell(column));
    const problem = (column: string, code: string, message: string): void => {
      rowIssues.push({ file, line: row.line, column, code, message, severity: "error" });
    };
    const codeText = cell("Plant Code");
    const plantCode = /^\d+$/.test(codeText) ? Number(codeText) : null;
    if (plantCode === null)
      problem(
        "Plant Code",
        codeText === "" ? "missing_value" : "not_a_plant_code",
        `expected a plant code (a whole number), found ${codeText === "" ? "a blank cell" : `"${codeText}"`}`,
      );
    const seen = plantCode === null ? undefined : firstLine.get(plantCode);
    if (plantCode !== null && seen !== undefined)
      problem("Plant Code", "duplicate_code", `plant code ${plantCode} appears on lines ${seen} and ${row.line}: expected each plant once`);
    else if (plantCode !== null) firstLine.set(plantCode, row.line);
    if (plantCode === null || seen !== undefined || (options.wantedCodes !== undefined && !options.wantedCodes.has(plantCode))) {
      appendAll(issues, rowIssues);
      continue;
    }
    const status = cell("Regulatory Status").toUpperCase();
    if (status !== "" && status !== "RE" && status !== "NR")
      problem("Regulatory Status", "bad_value", `expected RE (rate-regulated) or NR (not regulated), found "${cell("Regulatory Status")}"`);
    const gridVoltagesKv: number[] = [];
    for (const column of VOLTAGE_COLUMNS) {
      const value = numberCell(cell(column));
      if (value === null) continue;
      if (Number.isNaN(value) || value < 0) problem(column, "bad_number", `expected a voltage in kV (a number >= 0), found "${cell(column)}"`);
      else gridVoltagesKv.push(value);
    }
    appendAll(issues, rowIssues);
    if (rowIssues.length > 0) continue;
    plants.set(plantCode, {
      line: row.line,
      plantCode,
      plantName: cell("Plant Name"),
      utilityName: optional("Utility Name"),
      state: optional("State")?.toUpperCase() ?? null,
      // EIA writes "NA" ("No BA") for plants outside every balancing authority (Alaska, Hawaii).
      balancingAuthorityCode: cell("Balancing Authority Code").toUpperCase() === "NA" ? null : optional("Balancing Authority Code"),
      balancingAuthorityName: optional("Balancing Authority Name"),
      regulatoryStatus: status === "RE" || status === "NR" ? status : null,
      sector: optional("Sector Name"),
      gridVoltagesKv,
      waterSource: optional("Name of Water Source"),
      gasPipelines: PIPELINE_COLUMNS.map(optional).filter((name): name is string => name !== null),
    });
  }
  if (csv.rows.length === 0) issues.push({ file, line: 1, code: "no_rows", message: "expected plant rows after the header, found none", severity: "error" });
  return { plants, rowCount: csv.rows.length, issues };
}
