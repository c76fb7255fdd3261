/**
 * GPPD plants to candidate sites: the importer's pure core. One site per plant at or above the
 * size threshold, every value derived by a rule of `derive.ts` from the plant and the assumptions.
 */
import type { InputIssue } from "../../core/issues.ts";
import type { CsvCell } from "../../report/csv.ts";
import { SITE_COLUMN_NAMES } from "../../sites/columns.ts";
import type { Assumptions, FuelAssumption, RegionValues } from "../assumptions.ts";
import { countryDefault, locateRegion, regionValues } from "../locate.ts";
import { capacityFactor, COLUMN_RULES, DECIMALS, firmPowerMw, fuelKey, roundTo, type CapacityFactorSource } from "./derive.ts";
import type { GppdPlant } from "./read.ts";

export interface ImportOptions {
  /** Plants with `capacity_mw` at or above this become candidates. */
  readonly minCapacityMw: number;
  /** The GPPD file as the user named it, for issues. */
  readonly file: string;
  /** Rows in the file, when `plants` holds only the large ones (for the counts). */
  readonly rowCount?: number;
}

/** One candidate site with its derived values and where they came from. */
export interface ImportedSite {
  readonly line: number;
  readonly siteId: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly region: string;
  readonly regionSource: string;
  readonly gridZone: string;
  readonly firmPowerMw: number;
  readonly timeToPowerMonths: number;
  readonly permittingMonths: number;
  readonly powerPriceUsdMwh: number;
  readonly carbonKgMwh: number;
  readonly capexBn: number;
  readonly costOfCapitalPct: number;
  readonly incentivesBn: number;
  readonly brownfield: boolean;
  readonly permitted: boolean;
  readonly extras: ReadonlyMap<string, number | null>;
  readonly primaryFuel: string;
  readonly fuelKey: string;
  readonly capacityMw: number;
  readonly capacityFactor: number;
  readonly capacityFactorSource: CapacityFactorSource;
  readonly assumptionsKey: string;
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
  };
}

export interface GppdImport {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
  readonly sites: readonly ImportedSite[];
  readonly used: UsedAssumptions;
  /** Warnings only (plants skipped or placed by a fallback); bad rows are the reader's errors. */
  readonly issues: readonly InputIssue[];
}

const TRACE_COLUMNS = ["primary_fuel", "capacity_mw", "capacity_factor", "capacity_factor_source", "region_source", "assumptions_key"] as const;

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
  const tally = { fuel: new Map<string, number>(), values: new Map<string, number>(), regionSource: new Map<string, number>(), cf: new Map<string, number>() };
  const countries = new Set<string>();
  for (const plant of large) {
    if (plant.lat === null || plant.lon === null) {
      issues.push({ file: options.file, line: plant.line, column: plant.lat === null ? "latitude" : "longitude", code: "no_coordinates", message: `plant ${plant.id} (${plant.name}, ${plant.capacityMw} MW) has no coordinates: skipped`, severity: "warning" });
      continue;
    }
    const site = derive({ ...plant, lat: plant.lat, lon: plant.lon }, assumptions);
    if (site.warning !== undefined) issues.push({ file: options.file, line: plant.line, column: "latitude", code: "outside_regions", message: `plant ${plant.id} (${plant.name}): ${site.warning}`, severity: "warning" });
    sites.push(site.site);
    countries.add(plant.country);
    bump(tally.fuel, site.site.fuelKey);
    bump(tally.values, site.site.assumptionsKey);
    bump(tally.regionSource, site.site.regionSource.startsWith("nearest state") ? "nearest state" : site.site.regionSource);
    bump(tally.cf, site.site.capacityFactorSource);
  }
  const extraColumns = [...new Set([...assumptions.regionTables.values()].flatMap((t) => t.extraColumns))].filter((c) => !SITE_COLUMN_NAMES.includes(c));
  const header = [...SITE_COLUMN_NAMES, ...extraColumns, ...TRACE_COLUMNS];
  const rows = sites.map((s) => rowOf(s, header));
  const used: UsedAssumptions = {
    minCapacityMw: options.minCapacityMw,
    rules: COLUMN_RULES,
    assumptionsFile: assumptions.file,
    assumptions: assumptions.raw,
    regionTables: Object.fromEntries(
      [...assumptions.regionTables].map(([country, t]) => [country, { file: t.file, locate: t.locate, extraColumns: t.extraColumns, rows: Object.fromEntries([...t.rows].map(([r, v]) => [r, plainValues(v)])) }]),
    ),
    countryDefaults: Object.fromEntries([...countries].sort().map((c) => [c, { key: countryDefault(assumptions, c).key, ...plainValues(countryDefault(assumptions, c).values) }])),
    counts: {
      plants: rowCount,
      atOrAboveMin: large.length,
      candidates: sites.length,
      skippedWithoutCoordinates: large.length - sites.length,
      byFuelEntry: sorted(tally.fuel),
      byRegionalValues: sorted(tally.values),
      byRegionSource: sorted(tally.regionSource),
      byCapacityFactorSource: sorted(tally.cf),
    },
  };
  return { header, rows, sites, used, issues };
}

function derive(plant: GppdPlant & { readonly lat: number; readonly lon: number }, assumptions: Assumptions): { site: ImportedSite; warning?: string } {
  const key = fuelKey(assumptions.raw.fuels, plant.primaryFuel);
  const fuel = assumptions.raw.fuels[key] as FuelAssumption;
  const fix = locateRegion(plant, assumptions);
  const { values, key: valuesKey } = regionValues(assumptions, plant.country, fix.region);
  const cf = capacityFactor(plant, fuel);
  const cfWritten = roundTo(cf.value, DECIMALS.capacityFactor);
  const site: ImportedSite = {
    line: plant.line,
    siteId: plant.id,
    name: plant.name,
    lat: plant.lat,
    lon: plant.lon,
    country: plant.country,
    region: fix.region,
    regionSource: fix.source,
    gridZone: values.gridZone ?? fix.region,
    firmPowerMw: roundTo(firmPowerMw(plant.capacityMw, cfWritten, fuel), DECIMALS.firmPowerMw),
    timeToPowerMonths: roundTo(values.timeToPowerMonths * fuel.timeToPowerFactor, DECIMALS.months),
    permittingMonths: roundTo(values.permittingMonths * fuel.permittingFactor, DECIMALS.months),
    powerPriceUsdMwh: values.powerPriceUsdMwh,
    carbonKgMwh: fuel.carbonKgMwh ?? values.carbonKgMwh,
    capexBn: roundTo(values.capexBn * assumptions.raw.site.capexFactor, DECIMALS.capexBn),
    costOfCapitalPct: values.costOfCapitalPct,
    incentivesBn: values.incentivesBn,
    brownfield: assumptions.raw.site.brownfield,
    permitted: fuel.permitted ?? assumptions.raw.site.permitted,
    extras: values.extras,
    primaryFuel: plant.primaryFuel,
    fuelKey: key,
    capacityMw: plant.capacityMw,
    capacityFactor: cfWritten,
    capacityFactorSource: cf.source,
    assumptionsKey: valuesKey,
  };
  return fix.warning === undefined ? { site } : { site, warning: fix.warning };
}

function rowOf(s: ImportedSite, header: readonly string[]): CsvCell[] {
  const cells = new Map<string, CsvCell>([
    ["site_id", s.siteId], ["name", s.name], ["lat", s.lat], ["lon", s.lon], ["country", s.country], ["region", s.region], ["grid_zone", s.gridZone],
    ["firm_power_mw", s.firmPowerMw], ["capex_bn", s.capexBn], ["time_to_power_months", s.timeToPowerMonths], ["permitting_months", s.permittingMonths],
    ["power_price_usd_mwh", s.powerPriceUsdMwh], ["carbon_kg_mwh", s.carbonKgMwh], ["cost_of_capital_pct", s.costOfCapitalPct], ["incentives_bn", s.incentivesBn],
    ["brownfield", s.brownfield], ["permitted", s.permitted],
    ...s.extras,
    ["primary_fuel", s.primaryFuel], ["capacity_mw", s.capacityMw], ["capacity_factor", s.capacityFactor],
    ["capacity_factor_source", s.capacityFactorSource], ["region_source", s.regionSource], ["assumptions_key", s.assumptionsKey],
  ]);
  return header.map((name) => cells.get(name) ?? null);
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
