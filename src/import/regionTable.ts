/**
 * A regional table (the columns of `data/regions.csv`: one row per region with its grid zone,
 * price, carbon, permitting and interconnection pace, financing terms and capex), parsed with
 * every problem as an issue: an edited or user-supplied table is input, not code.
 */
import type { InputIssue, Loaded } from "../core/issues.ts";
import type { RegionTable, RegionValues } from "./assumptions.ts";
import { numberCell, readCsvRows } from "./csvRows.ts";

/** Numeric columns every regional table must have, with the bounds the site CSV accepts. */
export const REGION_NUMBER_COLUMNS = [
  "power_price_usd_mwh",
  "carbon_kg_mwh",
  "permitting_months",
  "time_to_power_months",
  "cost_of_capital_pct",
  "incentives_bn",
  "capex_bn",
] as const;

/** Text columns that are read (`region`, `grid_zone`) or only described (`state_name`, `name`). */
const TEXT_COLUMNS = new Set(["region", "grid_zone", "state_name", "name", "country"]);

/**
 * Parses a regional table. Further all-numeric columns (e.g. `water_stress`) become extras that
 * the importer copies to each site of the country.
 * @example parseRegionTable(readFileSync("data/regions.csv", "utf8"), "data/regions.csv", "us-states").ok // true
 */
export function parseRegionTable(text: string, file: string, locate: RegionTable["locate"]): Loaded<RegionTable> {
  const csv = readCsvRows(text, file);
  const issues: InputIssue[] = [...csv.issues];
  const index = new Map(csv.header.map((name, i) => [name, i]));
  for (const column of ["region", "grid_zone", ...REGION_NUMBER_COLUMNS]) {
    if (!index.has(column))
      issues.push({ file, line: 1, column, code: "missing_column", message: `expected a column ${column} in the regional table`, severity: "error" });
  }
  if (issues.length > 0) return { ok: false, issues };
  const extraColumns = csv.header.filter((name) => name !== "" && !TEXT_COLUMNS.has(name) && !(REGION_NUMBER_COLUMNS as readonly string[]).includes(name));
  const numericExtras = extraColumns.filter((name) => csv.rows.every((row) => !Number.isNaN(numberCell(row.cells[index.get(name) ?? -1]))));
  const rows = new Map<string, RegionValues>();
  for (const row of csv.rows) {
    const cell = (column: string): string => (row.cells[index.get(column) ?? -1] ?? "").trim();
    const region = cell("region");
    if (region === "") {
      issues.push({ file, line: row.line, column: "region", code: "missing_value", message: "expected a region code, found a blank cell", severity: "error" });
      continue;
    }
    if (rows.has(region))
      issues.push({
        file,
        line: row.line,
        column: "region",
        code: "duplicate_region",
        message: `region ${region} appears twice: expected each region once`,
        severity: "error",
      });
    const numbers = new Map<string, number>();
    for (const column of REGION_NUMBER_COLUMNS) {
      const value = numberCell(cell(column));
      if (value === null || Number.isNaN(value) || value < 0 || (column === "cost_of_capital_pct" && value > 100)) {
        const found = cell(column) === "" ? "a blank cell" : `"${cell(column)}"`;
        issues.push({
          file,
          line: row.line,
          column,
          code: "bad_number",
          message: `expected a number >= 0${column === "cost_of_capital_pct" ? " and <= 100" : ""}, found ${found}`,
          severity: "error",
        });
      } else numbers.set(column, value);
    }
    const num = (column: (typeof REGION_NUMBER_COLUMNS)[number]): number => numbers.get(column) ?? 0;
    const gridZone = cell("grid_zone");
    rows.set(region, {
      gridZone: gridZone === "" ? null : gridZone,
      powerPriceUsdMwh: num("power_price_usd_mwh"),
      carbonKgMwh: num("carbon_kg_mwh"),
      permittingMonths: num("permitting_months"),
      timeToPowerMonths: num("time_to_power_months"),
      costOfCapitalPct: num("cost_of_capital_pct"),
      incentivesBn: num("incentives_bn"),
      capexBn: num("capex_bn"),
      extras: new Map(numericExtras.map((name) => [name, numberCell(cell(name))])),
    });
  }
  if (rows.size === 0 && issues.length === 0)
    issues.push({ file, line: 1, code: "no_rows", message: "expected region rows after the header, found none", severity: "error" });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { file, locate, rows, extraColumns: numericExtras }, warnings: [] };
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * The median region of a table, column by column (blank extras ignored): the country default a
 * table implies for a region it has no row for. No grid zone: a median of names means nothing.
 * @example medianRegion(table).capexBn // 10.2 for data/regions.csv
 */
export function medianRegion(table: RegionTable): RegionValues {
  const rows = [...table.rows.values()];
  const of = (pick: (r: RegionValues) => number): number => median(rows.map(pick)) ?? 0;
  const extras = new Map<string, number | null>();
  for (const name of table.extraColumns) {
    const values = rows.map((r) => r.extras.get(name)).filter((v): v is number => typeof v === "number");
    extras.set(name, median(values));
  }
  return {
    gridZone: null,
    powerPriceUsdMwh: of((r) => r.powerPriceUsdMwh),
    carbonKgMwh: of((r) => r.carbonKgMwh),
    permittingMonths: of((r) => r.permittingMonths),
    timeToPowerMonths: of((r) => r.timeToPowerMonths),
    costOfCapitalPct: of((r) => r.costOfCapitalPct),
    incentivesBn: of((r) => r.incentivesBn),
    capexBn: of((r) => r.capexBn),
    extras,
  };
}
