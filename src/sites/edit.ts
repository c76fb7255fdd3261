/**
 * In-memory edits of a site table for what-if scripts: change cells, add a computed column.
 * Pure: the table given is never modified; a new table comes back with `Site` fields and the
 * `values` map kept in step, so every stage sees the same number.
 */
import { createHash } from "node:crypto";
import type { Site, SiteTable } from "./types.ts";

/** New cell values for one site, by CSV column name. Numbers for numeric columns (null = blank). */
export type SitePatch = Readonly<Record<string, number | boolean | null>>;

type NumericField = "lat" | "lon" | "firmPowerMw" | "capexBn";
type OptionalNumericField = "timeToPowerMonths" | "powerPriceUsdMwh" | "carbonKgMwh" | "permittingMonths" | "costOfCapitalPct" | "incentivesBn";

const REQUIRED_NUMBERS: Readonly<Record<string, NumericField>> = {
  lat: "lat",
  lon: "lon",
  firm_power_mw: "firmPowerMw",
  capex_bn: "capexBn",
};

const OPTIONAL_NUMBERS: Readonly<Record<string, OptionalNumericField>> = {
  time_to_power_months: "timeToPowerMonths",
  power_price_usd_mwh: "powerPriceUsdMwh",
  carbon_kg_mwh: "carbonKgMwh",
  permitting_months: "permittingMonths",
  cost_of_capital_pct: "costOfCapitalPct",
  incentives_bn: "incentivesBn",
};

const FLAGS: Readonly<Record<string, "brownfield" | "permitted">> = { brownfield: "brownfield", permitted: "permitted" };

// A script that names a column the table lacks, or puts text in a number, has a bug: say so loudly.
function patched(site: Site, patch: SitePatch, table: SiteTable): Site {
  const next: { -readonly [K in keyof Site]: Site[K] } = { ...site, values: new Map(site.values) };
  const values = next.values as Map<string, number | null>;
  for (const [column, value] of Object.entries(patch)) {
    if (Object.hasOwn(FLAGS, column)) {
      if (typeof value !== "boolean" && value !== null) throw new TypeError(`${column} takes true, false or null, got ${String(value)}`);
      next[FLAGS[column] as "brownfield" | "permitted"] = value;
      continue;
    }
    if (typeof value === "boolean" || (value !== null && !Number.isFinite(value))) {
      throw new TypeError(`${column} takes a finite number or null, got ${String(value)}`);
    }
    if (Object.hasOwn(REQUIRED_NUMBERS, column)) {
      if (value === null) throw new TypeError(`${column} is required and cannot be blank (site ${site.siteId})`);
      next[REQUIRED_NUMBERS[column] as NumericField] = value;
    } else if (Object.hasOwn(OPTIONAL_NUMBERS, column)) {
      next[OPTIONAL_NUMBERS[column] as OptionalNumericField] = value;
    } else if (!table.extraNumericColumns.includes(column)) {
      throw new TypeError(`${column} is not a numeric column of ${table.file}; use addColumn to add one`);
    }
    values.set(column, value);
  }
  return next;
}

// The table no longer matches its file's bytes; a derived digest keeps runs of edits apart.
function derivedSha256(table: SiteTable, what: string): string {
  return createHash("sha256").update(table.sha256).update("\0").update(what).digest("hex");
}

/**
 * A copy of the table with some sites' cells changed. `edit` returns the new values of a site,
 * by CSV column name, or undefined to leave it as is. Numeric columns (core or extra) and the
 * `brownfield`/`permitted` flags can be edited; ids, names and other text cannot.
 * @example
 * const dearer = editSites(table, (s) => s.region === "TX" && s.powerPriceUsdMwh !== null ? { power_price_usd_mwh: s.powerPriceUsdMwh * 1.2 } : undefined);
 */
export function editSites(table: SiteTable, edit: (site: Site) => SitePatch | undefined): SiteTable {
  const changes: string[] = [];
  const sites = table.sites.map((site) => {
    const patch = edit(site);
    if (patch === undefined || Object.keys(patch).length === 0) return site;
    changes.push(`${site.siteId}:${JSON.stringify(patch)}`);
    return patched(site, patch, table);
  });
  if (changes.length === 0) return table;
  return { ...table, sites, sha256: derivedSha256(table, `edit\n${changes.join("\n")}`) };
}

/**
 * A copy of the table with one more numeric column, computed per site (null = blank), usable
 * by criteria and filters like any CSV column.
 * @example
 * const withTime = addColumn(table, "months_to_first_gw", (s) => Math.max(s.permittingMonths ?? 36, s.timeToPowerMonths ?? 48));
 */
export function addColumn(table: SiteTable, column: string, compute: (site: Site) => number | null): SiteTable {
  if (column.trim() === "" || table.columns.includes(column)) {
    throw new TypeError(`cannot add column ${JSON.stringify(column)}: it is empty or ${table.file} already has it`);
  }
  const computed: string[] = [];
  const sites = table.sites.map((site): Site => {
    const value = compute(site);
    if (value !== null && !Number.isFinite(value)) throw new TypeError(`${column} for ${site.siteId} is ${String(value)}, not a finite number`);
    computed.push(String(value));
    const values = new Map(site.values);
    values.set(column, value);
    return { ...site, values };
  });
  return {
    ...table,
    sites,
    columns: [...table.columns, column],
    extraNumericColumns: [...table.extraNumericColumns, column],
    sha256: derivedSha256(table, `column ${column}\n${computed.join(",")}`),
  };
}
