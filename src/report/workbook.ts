/**
 * run.xlsx: the run's tables in one workbook for a spreadsheet, one sheet per table, written with
 * ExcelJS. The cells are typed: numbers as numbers, dates as dates (`yyyy-mm-dd`, months
 * `yyyy-mm`), yes/no as booleans, unknowns empty; the header row is frozen, filterable and says
 * each column's unit. The CSVs stay the plain-text record; this is the same data, typed.
 */
import { sourcesUsesTable } from "./sourcesUses.ts";
import ExcelJS from "exceljs";
import type { RunOutcome } from "../pipeline/run.ts";
import { round } from "../core/format.ts";
import type { RiskSummary } from "../risk/summary.ts";
import { cashflowSitesTable, cashflowTable } from "./cashflow.ts";
import { rankedTable, selectionTable, type Cell, type Table } from "./tables.ts";

/** A sheet: its name (as the CSV it mirrors, without `.csv`) and its table. */
export interface WorkbookSheet {
  readonly name: string;
  readonly table: Table;
}

/** Units by column-name ending, longest first; the header shows the name without it and the unit. */
const UNIT_SUFFIXES: readonly (readonly [suffix: string, unit: string])[] = [
  ["_usd_mwh", "$/MWh"],
  ["_kg_mwh", "kg/MWh"],
  ["_months", "months"],
  ["_pct", "%"],
  ["_bn", "$B"],
  ["_mw", "MW"],
  ["_km", "km"],
  ["_score", "0–100"],
];
/** Whole column names with a unit the name does not carry. */
const UNIT_NAMES: Readonly<Record<string, string>> = {
  lat: "degrees",
  lon: "degrees",
  gw_live: "GW",
  planned_live: "GW",
  probability_met: "0–1",
  probability_late: "0–1",
  criticality: "0–1",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** Columns whose text cells are dates (a day) or months: by name, and only where the text is one. */
const DATE_COLUMN = /(^|_)(date|month|start|go_live)$/;

/**
 * The header a spreadsheet shows for a CSV column: the name in words with its unit.
 * @example columnHeader("capex_bn") // "capex ($B)"
 * @example columnHeader("points_power_price_usd_mwh") // "points: power_price_usd_mwh"
 */
export function columnHeader(column: string): string {
  if (column.startsWith("points_")) return `points: ${column.slice("points_".length)}`;
  const named = UNIT_NAMES[column];
  if (named !== undefined) return `${column.replaceAll("_", " ")} (${named})`;
  for (const [suffix, unit] of UNIT_SUFFIXES) {
    if (column.endsWith(suffix) && column.length > suffix.length) return `${column.slice(0, -suffix.length).replaceAll("_", " ")} (${unit})`;
  }
  return column.replaceAll("_", " ");
}

/** A CSV cell as a typed spreadsheet value: dates as UTC midnight, yes/no as booleans. */
function typedCell(column: string, cell: Cell): { value: ExcelJS.CellValue; format?: string } {
  if (cell === null || cell === "") return { value: null };
  if (typeof cell !== "string") return { value: cell };
  if (DATE_COLUMN.test(column)) {
    if (DATE.test(cell)) return { value: new Date(`${cell}T00:00:00Z`), format: "yyyy-mm-dd" };
    if (MONTH.test(cell)) return { value: new Date(`${cell}-01T00:00:00Z`), format: "yyyy-mm" };
  }
  return { value: cell };
}

/** The delay-risk tables: milestones and sites in sheets of their own. */
function riskSheets(summary: RiskSummary): WorkbookSheet[] {
  const milestones: Table = {
    header: ["milestone", "date", "planned_live", "probability_met"],
    rows: [
      ...summary.milestones.map((m): Cell[] => [m.index, m.date, m.plannedLive, round(m.probabilityMet, 6)]),
      ["all", summary.milestones.at(-1)?.date ?? null, null, round(summary.probabilityAllMet, 6)],
    ],
  };
  const sites: Table = {
    header: ["site_id", "planned_go_live", "probability_late", "mean_delay_months", "p90_go_live", "criticality"],
    rows: summary.sites.map((s): Cell[] => [
      s.siteId,
      s.plannedGoLive,
      round(s.probabilityLate, 6),
      round(s.meanDelayMonths, 4),
      s.p90GoLive,
      round(s.criticality, 6),
    ]),
  };
  return [
    { name: "risk_milestones", table: milestones },
    { name: "risk_sites", table: sites },
  ];
}

/**
 * The sheets of a run's workbook: the tables of its CSVs.
 * @example runSheets(outcome).map((s) => s.name) // ["selection", "ranked", "cashflow", "cashflow_sites", "sources_uses"]
 */
export function runSheets(outcome: RunOutcome): WorkbookSheet[] {
  return [
    { name: "selection", table: selectionTable(outcome) },
    { name: "ranked", table: rankedTable(outcome) },
    { name: "cashflow", table: cashflowTable(outcome) },
    { name: "cashflow_sites", table: cashflowSitesTable(outcome) },
    { name: "sources_uses", table: sourcesUsesTable(outcome) },
    ...(outcome.risk ? riskSheets(outcome.risk.summary) : []),
  ];
}

/** Widest column a sheet opens with, in characters (longer text wraps nothing, it is just cut off on screen). */
const MAX_COLUMN_CHARS = 48;

/**
 * The sheets as an .xlsx file's bytes.
 * @example await writeFile("out/baseline/run.xlsx", await workbookBytes(runSheets(outcome)))
 */
export async function workbookBytes(sheets: readonly WorkbookSheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "gigasite";
  // A fixed date: the workbook's properties say nothing that differs between identical runs.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const { name, table } of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
    sheet.addRow(table.header.map(columnHeader)).font = { bold: true };
    const widths = table.header.map((column) => columnHeader(column).length);
    for (const row of table.rows) {
      const added = sheet.addRow([]);
      table.header.forEach((column, i) => {
        const raw = row[i] ?? null;
        const { value, format } = typedCell(column, raw);
        if (value === null) return;
        const cell = added.getCell(i + 1);
        cell.value = value;
        if (format !== undefined) cell.numFmt = format;
        widths[i] = Math.max(widths[i] ?? 0, String(raw).length);
      });
    }
    widths.forEach((chars, i) => {
      sheet.getColumn(i + 1).width = Math.min(MAX_COLUMN_CHARS, chars + 2);
    });
    if (table.header.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
