import type { Site } from "./types.ts";

export type CellValue = number | string | boolean | null;

/** The text columns a site keeps as fields of its own, each with its accessor. */
export const TEXT_COLUMNS: Readonly<Record<string, (s: Site) => string>> = {
  site_id: (s) => s.siteId,
  name: (s) => s.name,
  country: (s) => s.country,
  region: (s) => s.region,
  grid_zone: (s) => s.gridZone,
};

/**
 * The value of one CSV column for a site: a number (or null when blank) for numeric columns, a
 * boolean for `brownfield`/`permitted`, text otherwise; `undefined` when the column does not exist.
 * @example cellOf(site, "firm_power_mw") // 1450
 */
export function cellOf(site: Site, column: string): CellValue | undefined {
  const text = Object.hasOwn(TEXT_COLUMNS, column) ? TEXT_COLUMNS[column] : undefined;
  if (text) return text(site);
  if (column === "brownfield") return site.brownfield;
  if (column === "permitted") return site.permitted;
  if (site.values.has(column)) return site.values.get(column) ?? null;
  if (site.text.has(column)) {
    const v = site.text.get(column) ?? "";
    return v === "" ? null : v;
  }
  return undefined;
}

/** A numeric column's value, or null when blank, non-numeric or absent. */
export function numberOf(site: Site, column: string): number | null {
  const v = cellOf(site, column);
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return null;
}
