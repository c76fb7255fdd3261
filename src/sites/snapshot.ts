/**
 * A site table as plain cells, and back: what a run keeps of its sites CSV (in `inputs.json`) so
 * that `compare` can show the edited cells and re-solve with edits reverted, without ever
 * reading the user's file again. The cells are the values as read (trimmed, ids in NFC form,
 * numbers as parsed), so turning them back into a table gives the same sites.
 */
import Papa from "papaparse";
import type { Loaded } from "../core/issues.ts";
import { TEXT_COLUMNS } from "./columnValue.ts";
import { columnSpec } from "./columns.ts";
import { parseSitesCsv } from "./parse.ts";
import type { Site, SiteTable } from "./types.ts";

/** The sites of a table as text cells, one row a site, in file order. */
export interface SiteCells {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const numberText = (value: number | null | undefined): string => (value === null || value === undefined || !Number.isFinite(value) ? "" : String(value));
const flagText = (value: boolean | null): string => (value === null ? "" : value ? "true" : "false");

const CORE_TEXT: Readonly<Record<string, (site: Site) => string>> = {
  ...TEXT_COLUMNS,
  brownfield: (s) => flagText(s.brownfield),
  permitted: (s) => flagText(s.permitted),
  earliest_online_date: (s) => s.earliestOnlineDate ?? "",
};

/** One site's cells in the order of `columns`. */
export function siteCells(site: Site, columns: readonly string[]): string[] {
  return columns.map((column) => {
    const core = CORE_TEXT[column];
    if (core !== undefined) return core(site);
    if (columnSpec(column)?.kind === "number" || site.values.has(column)) return numberText(site.values.get(column));
    return site.text.get(column) ?? "";
  });
}

/**
 * The table as cells.
 * @example tableCells(table).rows[0]?.[0] // "S0001"
 */
export function tableCells(table: SiteTable): SiteCells {
  return { columns: [...table.columns], rows: table.sites.map((site) => siteCells(site, table.columns)) };
}

/**
 * Cells back into a site table, through the one CSV parser (so every rule of loading applies).
 * @example const t = tableFromCells(tableCells(table), "inputs.json"); t.ok && t.value.sites.length === table.sites.length
 */
export function tableFromCells(cells: SiteCells, file: string): Loaded<SiteTable> {
  return parseSitesCsv(`${Papa.unparse([cells.columns as string[], ...(cells.rows as string[][])], { newline: "\n" })}\n`, file);
}
