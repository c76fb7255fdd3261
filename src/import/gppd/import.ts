/**
 * GPPD plants to candidate sites: the importer's pure core. One site per plant at or above the
 * size threshold, every value derived by a rule of `derive.ts` from the plant and the assumptions.
 */
import type { InputIssue } from "../../core/issues.ts";
import type { CsvCell } from "../../core/csv.ts";
import { SITE_COLUMN_NAMES } from "../../sites/columns.ts";
import type { Assumptions, RegionValues } from "../assumptions.ts";
import { eia860FactsOf, type Eia860Table } from "../eia860/join.ts";
import { countryDefault } from "../locate.ts";
import type { GppdPlant } from "./read.ts";
import { COLUMN_RULES, EIA860_COLUMN_RULES } from "./rules.ts";
import { deriveSite, type ImportedSite } from "./site.ts";

export type { ImportedSite, SitePlan } from "./site.ts";

export interface ImportOptions {
  /** Plants with `capacity_mw` at or above this become candidates. */
  readonly minCapacityMw: number;
  /** The GPPD file as the user named it, for issues. */
  readonly file: string;
  /** Rows in the file, when `plants` holds only the large ones (for the counts). */
  readonly rowCount?: number;
  /** EIA-860 plants to join US plants with, on the plant code (`--eia860`). */
  readonly eia860?: Eia860Table;
}

/** What the import used, for `<out>.assumptions.json`: the full set plus how often each part applied. */
export interface UsedAssumptions {
  readonly minCapacityMw: number;
  readonly rules: Readonly<Record<string, string>>;
  readonly assumptionsFile: string;
  readonly assumptions: unknown;
  readonly regionTables: Readonly<Record<string, unknown>>;
  readonly countryDefaults: Readonly<Record<string, unknown>>;
  readonly counts: {
    readonly plants: number;
    readonly atOrAboveMin: number;
    readonly candidates: number;
    readonly skippedWithoutCoordinates: number;
    readonly byFuelEntry: Readonly<Record<string, number>>;
    readonly byRegionalValues: Readonly<Record<string, number>>;
    readonly byRegionSource: Readonly<Record<string, number>>;
    readonly byCapacityFactorSource: Readonly<Record<string, number>>;
    readonly byCoLocation: Readonly<Record<string, number>>;
    /** With `--eia860`: how the join went. */
    readonly eia860?: Eia860Counts;
  };
}

/** The join's summary: matched plants take the EIA-860 facts, the others today's rules. */
export interface Eia860Counts {
  readonly file: string;
  readonly matched: number;
  readonly unmatched: number;
  /** Ids of the candidates without an EIA-860 row (they keep the region's grid zone, blank EIA columns). */
  readonly unmatchedIds: readonly string[];
  /** Matched plants whose row gives no balancing authority (they keep the region's grid zone). */
  readonly withoutBalancingAuthority: number;
  readonly regulated: number;
  readonly byGridZone: Readonly<Record<string, number>>;
}

export interface GppdImport {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
  readonly sites: readonly ImportedSite[];
  readonly used: UsedAssumptions;
  /** Warnings only (plants skipped or placed by a fallback); bad rows are the reader's errors. */
  readonly issues: readonly InputIssue[];
}

const TRACE_COLUMNS = ["primary_fuel", "capacity_mw", "capacity_factor", "capacity_factor_source", "co_location", "region_source", "assumptions_key"] as const;
const EIA860_COLUMNS = ["regulated", "sector", "grid_voltage_kv", "water_source", "gas_pipelines", "consent_months"] as const;
const EIA860_TRACE_COLUMNS = ["eia860_plant_code", "grid_zone_source"] as const;

/**
 * Turns GPPD plants into site rows under the assumptions. Pure: nothing is read or written.
 * @example const result = importGppd(readGppdCsv(text, "gppd.csv").plants, assumptions, { minCapacityMw: 500, file: "gppd.csv" });
 * toCsv(result.header, result.rows) // a valid sites CSV
 */
export function importGppd(plants: readonly GppdPlant[], assumptions: Assumptions, options: ImportOptions): GppdImport {
  const rowCount = options.rowCount ?? plants.length;
  const issues: InputIssue[] = [];
  const sites: ImportedSite[] = [];
  const large = plants.filter((p) => p.capacityMw >= options.minCapacityMw);
  const tally = {
    fuel: new Map<string, number>(),
    values: new Map<string, number>(),
    regionSource: new Map<string, number>(),
    cf: new Map<string, number>(),
    plan: new Map<string, number>(),
  };
  const { eia860 } = options;
  const countries = new Set<string>();
  for (const plant of large) {
    if (plant.lat === null || plant.lon === null) {
      issues.push({
        file: options.file,
        line: plant.line,
        column: plant.lat === null ? "latitude" : "longitude",
        code: "no_coordinates",
        message: `plant ${plant.id} (${plant.name}, ${plant.capacityMw} MW) has no coordinates: skipped`,
        severity: "warning",
      });
      continue;
    }
    const facts = eia860 === undefined ? null : eia860FactsOf(plant, eia860, assumptions.raw.balancingAuthorities);
    const site = deriveSite({ ...plant, lat: plant.lat, lon: plant.lon }, assumptions, facts);
    if (site.warning !== undefined)
      issues.push({
        file: options.file,
        line: plant.line,
        column: "latitude",
        code: "outside_regions",
        message: `plant ${plant.id} (${plant.name}): ${site.warning}`,
        severity: "warning",
      });
    sites.push(site.site);
    countries.add(plant.country);
    bump(tally.fuel, site.site.fuelKey);
    bump(tally.values, site.site.assumptionsKey);
    bump(tally.regionSource, site.site.regionSource.replace(/ \(outline: .*\)$/, " (outline differs)").replace(/ \([\d.]+ km\)$/, ""));
    bump(tally.cf, site.site.capacityFactorSource);
    bump(tally.plan, site.site.sitePlan);
  }
  const extraColumns = [...new Set([...assumptions.regionTables.values()].flatMap((t) => t.extraColumns))].filter((c) => !SITE_COLUMN_NAMES.includes(c));
  // Existing plants have no known go-live date of a new build: that column is the user's to add.
  const header = [
    ...SITE_COLUMN_NAMES.filter((c) => c !== "earliest_online_date" && !c.endsWith("_p90")),
    ...extraColumns,
    ...(eia860 === undefined ? [] : EIA860_COLUMNS),
    ...TRACE_COLUMNS,
    ...(eia860 === undefined ? [] : EIA860_TRACE_COLUMNS),
  ];
  const rows = sites.map((s) => rowOf(s, header));
  const used: UsedAssumptions = {
    minCapacityMw: options.minCapacityMw,
    rules: eia860 === undefined ? COLUMN_RULES : { ...COLUMN_RULES, ...EIA860_COLUMN_RULES },
    assumptionsFile: assumptions.file,
    assumptions: assumptions.raw,
    regionTables: Object.fromEntries(
      [...assumptions.regionTables].map(([country, t]) => [
        country,
        { file: t.file, locate: t.locate, extraColumns: t.extraColumns, rows: Object.fromEntries([...t.rows].map(([r, v]) => [r, plainValues(v)])) },
      ]),
    ),
    countryDefaults: Object.fromEntries(
      [...countries].sort().map((c) => [c, { key: countryDefault(assumptions, c).key, ...plainValues(countryDefault(assumptions, c).values) }]),
    ),
    counts: {
      plants: rowCount,
      atOrAboveMin: large.length,
      candidates: sites.length,
      skippedWithoutCoordinates: large.length - sites.length,
      byFuelEntry: sorted(tally.fuel),
      byRegionalValues: sorted(tally.values),
      byRegionSource: sorted(tally.regionSource),
      byCapacityFactorSource: sorted(tally.cf),
      byCoLocation: sorted(tally.plan),
      ...(eia860 === undefined ? {} : { eia860: joinCounts(eia860.file, sites) }),
    },
  };
  return { header, rows, sites, used, issues };
}

function joinCounts(file: string, sites: readonly ImportedSite[]): Eia860Counts {
  const zones = new Map<string, number>();
  for (const site of sites) if (site.eia860 !== null) bump(zones, site.gridZone);
  const matched = sites.filter((s) => s.eia860 !== null);
  return {
    file,
    matched: matched.length,
    unmatched: sites.length - matched.length,
    unmatchedIds: sites.filter((s) => s.eia860 === null).map((s) => s.siteId),
    withoutBalancingAuthority: matched.filter((s) => s.eia860?.balancingAuthority === null).length,
    regulated: matched.filter((s) => s.eia860?.regulated === true).length,
    byGridZone: sorted(zones),
  };
}

function rowOf(s: ImportedSite, header: readonly string[]): CsvCell[] {
  const cells = new Map<string, CsvCell>([
    ["site_id", s.siteId],
    ["name", s.name],
    ["lat", s.lat],
    ["lon", s.lon],
    ["country", s.country],
    ["region", s.region],
    ["grid_zone", s.gridZone],
    ["firm_power_mw", s.firmPowerMw],
    ["capex_bn", s.capexBn],
    ["time_to_power_months", s.timeToPowerMonths],
    ["permitting_months", s.permittingMonths],
    ["power_price_usd_mwh", s.powerPriceUsdMwh],
    ["carbon_kg_mwh", s.carbonKgMwh],
    ["cost_of_capital_pct", s.costOfCapitalPct],
    ["incentives_bn", s.incentivesBn],
    ["brownfield", s.brownfield],
    ["permitted", s.permitted],
    ...s.extras,
    ["regulated", s.eia860?.regulated ?? null],
    ["sector", s.eia860?.sector ?? null],
    ["grid_voltage_kv", s.eia860?.gridVoltageKv ?? null],
    ["water_source", s.eia860?.waterSource ?? null],
    ["gas_pipelines", s.eia860?.gasPipelines ?? null],
    ["consent_months", s.consentMonths],
    ["primary_fuel", s.primaryFuel],
    ["capacity_mw", s.capacityMw],
    ["capacity_factor", s.capacityFactor],
    ["capacity_factor_source", s.capacityFactorSource],
    ["co_location", s.sitePlan],
    ["region_source", s.regionSource],
    ["assumptions_key", s.assumptionsKey],
    ["eia860_plant_code", s.eia860?.plantCode ?? null],
    ["grid_zone_source", s.gridZoneSource],
  ]);
  return header.map((name) => tidyNumber(cells.get(name) ?? null));
}

/**
 * Derived numbers to 12 significant digits: products such as 831.5 × 0.85 would otherwise reach
 * the CSV as 706.8000000000001.
 * @example tidyNumber(706.8000000000001) // 706.8
 */
function tidyNumber(cell: CsvCell): CsvCell {
  return typeof cell === "number" && Number.isFinite(cell) ? Number(cell.toPrecision(12)) : cell;
}

function plainValues(v: RegionValues): Record<string, unknown> {
  return {
    grid_zone: v.gridZone,
    power_price_usd_mwh: v.powerPriceUsdMwh,
    carbon_kg_mwh: v.carbonKgMwh,
    permitting_months: v.permittingMonths,
    time_to_power_months: v.timeToPowerMonths,
    cost_of_capital_pct: v.costOfCapitalPct,
    incentives_bn: v.incentivesBn,
    capex_bn: v.capexBn,
    ...Object.fromEntries(v.extras),
  };
}

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

const sorted = (map: ReadonlyMap<string, number>): Record<string, number> => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
