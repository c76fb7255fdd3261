/**
 * The rules that turn one plant into site values, one small pure function per derived column, so
 * that a test (or an analyst) can recompute any value from the plant's row and the assumptions.
 */
import type { FuelAssumption } from "../assumptions.ts";
import type { GppdPlant } from "./read.ts";

/** Hours in a (non-leap) year: capacity factor = GWh / (MW × 8,760 h / 1,000). */
export const HOURS_PER_YEAR = 8760;

export type CapacityFactorSource = "reported" | "estimated" | "fuel default";

export interface CapacityFactor {
  /** 0..1 */
  readonly value: number;
  readonly source: CapacityFactorSource;
  /** Years (reported) or values (estimated) averaged; 0 for the fuel default. */
  readonly samples: number;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Observed capacity factor: mean reported generation over the years that have a value, divided
 * by what the nameplate would give running all year; modelled (estimated) generation when nothing
 * is reported; the fuel's default when neither exists or the capacity is 0. Clamped to 0..1:
 * net generation can be negative (pumped storage) or exceed a capacity that changed over time.
 * @example capacityFactor({ capacityMw: 1000, reportedGwh: new Map([[2019, 4380]]), estimatedGwh: [] }, fuel).value // 0.5
 */
export function capacityFactor(plant: Pick<GppdPlant, "capacityMw" | "reportedGwh" | "estimatedGwh">, fuel: FuelAssumption): CapacityFactor {
  const fullYearGwh = (plant.capacityMw * HOURS_PER_YEAR) / 1000;
  const reported = [...plant.reportedGwh.values()];
  if (fullYearGwh > 0 && reported.length > 0) return { value: clamp01(mean(reported) / fullYearGwh), source: "reported", samples: reported.length };
  if (fullYearGwh > 0 && plant.estimatedGwh.length > 0) return { value: clamp01(mean(plant.estimatedGwh) / fullYearGwh), source: "estimated", samples: plant.estimatedGwh.length };
  return { value: fuel.defaultCapacityFactor, source: "fuel default", samples: 0 };
}

/**
 * Firm power a data centre can count on, MW: nameplate × the fuel's firm share; for an
 * energy-limited fuel (hydro, wind, solar) also at most nameplate × capacity factor, since a
 * 24/7 load cannot draw more energy than the plant makes. For a dispatchable plant the observed
 * factor says how hard the grid leans on it, not what it could run, so it does not cap the share.
 * @example firmPowerMw(2000, 0.35, { firmShare: 0.5, energyLimited: true }) // 700
 */
export function firmPowerMw(capacityMw: number, capacityFactorValue: number, fuel: Pick<FuelAssumption, "firmShare" | "energyLimited">): number {
  const shareOfNameplate = fuel.energyLimited ? Math.min(fuel.firmShare, capacityFactorValue) : fuel.firmShare;
  return capacityMw * shareOfNameplate;
}

/**
 * Rounds half away from zero to `digits` decimals, so the CSV shows what the tests recompute.
 * @example roundTo(9.125, 2) // 9.13
 */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  // The epsilon nudges values like 9.125 (stored as 9.12499…) the way a person rounds them.
  return (Math.sign(value) * Math.round(Math.abs(value) * scale + 1e-9)) / scale;
}

/** Decimals written per derived column. */
export const DECIMALS = {
  firmPowerMw: 0,
  months: 1,
  capexBn: 2,
  capacityFactor: 3,
} as const;

/**
 * The fuel entry for a plant: the exact `primary_fuel` name (case-insensitive), else `*`.
 * @example fuelKey({ Gas: gas, "*": other }, "gas") // "Gas"
 */
export function fuelKey(fuels: Readonly<Record<string, FuelAssumption>>, primaryFuel: string): string {
  const wanted = primaryFuel.trim().toLowerCase();
  if (wanted !== "") for (const key of Object.keys(fuels)) if (key !== "*" && key.toLowerCase() === wanted) return key;
  return "*";
}

/** Per derived column, the rule in words, written to `<out>.assumptions.json`. */
export const COLUMN_RULES: Readonly<Record<string, string>> = {
  site_id: "gppd_idnr",
  name: "name",
  lat: "latitude",
  lon: "longitude",
  country: "country (ISO 3166-1 alpha-3, as in GPPD)",
  region:
    "for a country whose regional table has locate 'us-states': the US state whose outline holds (latitude, longitude), else the nearest state within site.nearestRegionMaxKm; otherwise the file's region column when it has one and the cell is not blank; otherwise the country",
  grid_zone: "the region row's grid_zone; for a region without a row, the country's grid_zone (its countries entry, else world.grid_zone) if set; else the region itself",
  firm_power_mw: `round(capacity_mw × fuels[fuel].firmShare), or round(capacity_mw × min(firmShare, capacity_factor as written)) when fuels[fuel].energyLimited; ${DECIMALS.firmPowerMw} decimals`,
  time_to_power_months: `round(region time_to_power_months × fuels[fuel].timeToPowerFactor, ${DECIMALS.months})`,
  permitting_months: `round(region permitting_months × fuels[fuel].permittingFactor, ${DECIMALS.months})`,
  power_price_usd_mwh: "region power_price_usd_mwh",
  carbon_kg_mwh: "fuels[fuel].carbonKgMwh (the plant's own output), or the region's carbon_kg_mwh (grid) when that is null",
  capex_bn: `round(region capex_bn × site.capexFactor, ${DECIMALS.capexBn})`,
  cost_of_capital_pct: "region cost_of_capital_pct",
  incentives_bn: "region incentives_bn",
  brownfield: "site.brownfield",
  permitted: "fuels[fuel].permitted if set, else site.permitted",
  primary_fuel: "primary_fuel; the fuel entry is the same name (case-insensitive), else '*'",
  capacity_mw: "capacity_mw",
  capacity_factor: `mean of generation_gwh_YYYY over the years with a value ÷ (capacity_mw × ${HOURS_PER_YEAR} h / 1000), clamped to 0..1; else the same with estimated_generation_gwh*; else fuels[fuel].defaultCapacityFactor; ${DECIMALS.capacityFactor} decimals`,
  capacity_factor_source: "reported | estimated | fuel default",
  region_source: "how region was found: state outline | nearest state (km) | region column | country",
  assumptions_key: "which regional values were used: COUNTRY/REGION (a table row), COUNTRY (country default: world, then the median of its table, then its countries entry) or * (world default)",
  "(region table extras)": "further numeric columns of the country's regional table (e.g. water_stress): the region row's value, the table's median for a region without a row, blank for a country without a table",
};
