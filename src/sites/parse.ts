/**
 * The site CSV, in memory: bytes or text in, a {@link SiteTable} or every issue out. Pure.
 */
import { createHash } from "node:crypto";
import type { Loaded } from "../core/issues.ts";
import { binaryLine, binaryReason, bomLength, decodeLines, latin1Warning, normalizeNewlines } from "./decode.ts";
import { parseBooleanCell, parseNumberCell } from "./cells.ts";
import { SITE_COLUMNS } from "./columns.ts";
import { delimiterWarning, detectDelimiter, type HeaderLayout } from "./header.ts";
import { firstNonBlankLine, readCsvText } from "./reader.ts";
import { asSiteId, type Site, type SiteTable } from "./types.ts";
import { normalizeSiteId } from "./siteId.ts";
import { MAX_TABLE_ROWS } from "../core/limits.ts";
import { SitesValidation, type KeptRow } from "./validate.ts";

/**
 * Reads a site CSV. Every problem is returned at once; warnings ride along with a good table.
 * A file of more than {@link MAX_TABLE_ROWS} rows is refused (stream it with `validateSitesFile`).
 * @example
 * const loaded = parseSitesCsv("site_id,name,lat,lon,country,region,grid_zone,firm_power_mw,capex_bn\nS1,Plant,35,-100,US,TX,ERCOT,1200,9.5\n", "sites.csv");
 * loaded.ok && loaded.value.sites[0]?.capexBn // 9.5
 */
export function parseSitesCsv(input: string | Uint8Array, file: string): Loaded<SiteTable> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const notText = binaryReason(bytes);
  if (notText !== undefined)
    return { ok: false, issues: [{ file, line: binaryLine(bytes), code: "not_text", message: `the file ${notText}`, severity: "error" }] };

  const decoded =
    typeof input === "string" ? { text: normalizeNewlines(input.replace(/^\uFEFF/, "")), latin1Lines: [] } : decodeLines(bytes.subarray(bomLength(bytes)), 1);
  const validation = new SitesValidation(file, { keepRows: true, maxRows: MAX_TABLE_ROWS });
  for (const w of latin1Warning(file, decoded.latin1Lines)) validation.add(w);
  const header = firstNonBlankLine(decoded.text);
  const delimiter = header === undefined ? "," : detectDelimiter(header.text);
  const warning = header === undefined ? undefined : delimiterWarning(file, delimiter, header.line);
  if (warning !== undefined) validation.add(warning);
  readCsvText(decoded.text, delimiter, file, validation);
  const outcome = validation.finish();

  if (outcome.issues.some((i) => i.severity === "error") || outcome.layout === undefined) return { ok: false, issues: outcome.issues };
  const layout = outcome.layout;
  const extraNumericColumns = [...layout.extras.keys()].filter((name) => outcome.numericExtras.has(name));
  const sites = outcome.rows.map((kept) => toSite(kept, layout, outcome.numericExtras));
  const value: SiteTable = { file, sites, columns: layout.columns, extraNumericColumns, sha256 };
  return { ok: true, value, warnings: outcome.issues };
}

/** A site from a row that passed every check, so each cell reads cleanly. */
function toSite(kept: KeptRow, layout: HeaderLayout, numericExtras: ReadonlySet<string>): Site {
  const cell = (name: string): string => {
    const index = layout.known.get(name);
    return index === undefined ? "" : (kept.cells[index] ?? "").trim();
  };
  const numberOf = (raw: string): number | null => {
    const parsed = parseNumberCell(raw, "");
    return parsed.kind === "number" ? parsed.value : null;
  };
  const flag = (name: string): boolean | null => {
    const parsed = parseBooleanCell(cell(name));
    return parsed.kind === "boolean" ? parsed.value : null;
  };
  const values = new Map<string, number | null>();
  for (const spec of SITE_COLUMNS) if (spec.kind === "number" && layout.known.has(spec.name)) values.set(spec.name, numberOf(cell(spec.name)));
  const text = new Map<string, string>();
  for (const [name, index] of layout.extras) {
    const raw = (kept.cells[index] ?? "").trim();
    if (numericExtras.has(name)) values.set(name, numberOf(raw));
    else text.set(name, raw);
  }
  const number = (name: string): number | null => values.get(name) ?? null;
  return {
    siteId: asSiteId(normalizeSiteId(cell("site_id"))),
    name: cell("name"),
    lat: number("lat") ?? Number.NaN,
    lon: number("lon") ?? Number.NaN,
    country: cell("country"),
    region: cell("region"),
    gridZone: cell("grid_zone"),
    firmPowerMw: number("firm_power_mw") ?? Number.NaN,
    timeToPowerMonths: number("time_to_power_months"),
    powerPriceUsdMwh: number("power_price_usd_mwh"),
    carbonKgMwh: number("carbon_kg_mwh"),
    permittingMonths: number("permitting_months"),
    capexBn: number("capex_bn") ?? Number.NaN,
    costOfCapitalPct: number("cost_of_capital_pct"),
    incentivesBn: number("incentives_bn"),
    brownfield: flag("brownfield"),
    permitted: flag("permitted"),
    earliestOnlineDate: cell("earliest_online_date") === "" ? null : cell("earliest_online_date"),
    line: kept.line,
    values,
    text,
  };
}
