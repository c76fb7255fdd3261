/**
 * The site CSV, in memory: bytes or text in, a {@link SiteTable} or every issue out. Pure.
 */
import { createHash } from "node:crypto";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { binaryReason, bomLength, decodeLines, latin1Warning, normalizeNewlines } from "./decode.ts";
import { delimiterWarning, detectDelimiter } from "./header.ts";
import { firstNonBlankLine, readCsvText } from "./reader.ts";
import { asSiteId, type Site, type SiteTable } from "./types.ts";
import { SitesValidation, type KeptRow } from "./validate.ts";

/**
 * Reads a site CSV. Every problem is returned at once; warnings ride along with a good table.
 * @example
 * const loaded = parseSitesCsv("site_id,name,lat,lon,country,region,grid_zone,firm_power_mw,capex_bn\nS1,Plant,35,-100,US,TX,ERCOT,1200,9.5\n", "sites.csv");
 * loaded.ok && loaded.value.sites[0]?.capexBn // 9.5
 */
export function parseSitesCsv(input: string | Uint8Array, file: string): Loaded<SiteTable> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const notText = binaryReason(bytes);
  if (notText !== undefined) return { ok: false, issues: [{ file, line: 1, code: "not_text", message: `the file ${notText}`, severity: "error" }] };

  const decoded = typeof input === "string" ? { text: normalizeNewlines(input.replace(/^\uFEFF/, "")), latin1Lines: [] } : decodeLines(bytes.subarray(bomLength(bytes)), 1);
  const validation = new SitesValidation(file, { keepRows: true });
  latin1Warning(file, decoded.latin1Lines).forEach((w) => validation.add(w));
  const header = firstNonBlankLine(decoded.text);
  const delimiter = header === undefined ? "," : detectDelimiter(header.text);
  const warning = header === undefined ? undefined : delimiterWarning(file, delimiter, header.line);
  if (warning !== undefined) validation.add(warning);
  readCsvText(decoded.text, delimiter, file, validation);
  const outcome = validation.finish();

  if (outcome.issues.some((i) => i.severity === "error") || outcome.layout === undefined) return { ok: false, issues: outcome.issues };
  const layout = outcome.layout;
  const extraNumericColumns = [...layout.extras.keys()].filter((name) => outcome.numericExtras.has(name));
  const sites = outcome.rows.map((kept) => toSite(kept, outcome.numericExtras));
  const value: SiteTable = { file, sites, columns: layout.columns, extraNumericColumns, sha256 };
  return { ok: true, value, warnings: outcome.issues };
}

function toSite(kept: KeptRow, numericExtras: ReadonlySet<string>): Site {
  const { row } = kept;
  const text = (name: string): string => row.texts.get(name) ?? "";
  const number = (name: string): number | null => row.numbers.get(name) ?? null;
  const values = new Map<string, number | null>(row.numbers);
  const extraText = new Map<string, string>();
  for (const [name, raw] of kept.extras) {
    if (numericExtras.has(name)) values.set(name, raw === "" ? null : Number(raw));
    else extraText.set(name, raw);
  }
  return {
    siteId: asSiteId(text("site_id")),
    name: text("name"),
    lat: number("lat") ?? Number.NaN,
    lon: number("lon") ?? Number.NaN,
    country: text("country"),
    region: text("region"),
    gridZone: text("grid_zone"),
    firmPowerMw: number("firm_power_mw") ?? Number.NaN,
    timeToPowerMonths: number("time_to_power_months"),
    powerPriceUsdMwh: number("power_price_usd_mwh"),
    carbonKgMwh: number("carbon_kg_mwh"),
    permittingMonths: number("permitting_months"),
    capexBn: number("capex_bn") ?? Number.NaN,
    costOfCapitalPct: number("cost_of_capital_pct"),
    incentivesBn: number("incentives_bn"),
    brownfield: row.flags.get("brownfield") ?? null,
    permitted: row.flags.get("permitted") ?? null,
    line: row.line,
    values,
    text: extraText,
  };
}

/** Issues-only view used by callers that just want to know what is wrong. */
export function issuesOf(loaded: Loaded<unknown>): readonly InputIssue[] {
  return loaded.ok ? loaded.warnings : loaded.issues;
}
