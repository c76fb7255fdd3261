/**
 * Where a plant is, in the terms of the regional tables: which region, and which regional values
 * apply (a table row, or the country default, or the world default). Pure; the US state outlines
 * come from `src/geo/states.ts`.
 */
import { distanceToStateKm, listStates, stateAt } from "../geo/states.ts";
import type { Assumptions, RegionValues } from "./assumptions.ts";
import { valuesOf } from "./assumptions.ts";
import { medianRegion } from "./regionTable.ts";

export interface RegionFix {
  readonly region: string;
  /** `state outline`, `nearest state (12.3 km)`, `region column` or `country`. */
  readonly source: string;
  /** Set when the plant could not be placed as its table asks (then region = country). */
  readonly warning?: string;
}

export interface PlantPlace {
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly region: string | null;
}

/**
 * The nearest US state within `maxKm` of a point outside every outline (coastal plants: the
 * outlines leave out open water), or null.
 * @example nearestStateWithin(41.3107, -72.1677, 30) // { code: "CT", km: 0.4 } (Millstone, on the shore)
 */
export function nearestStateWithin(lat: number, lon: number, maxKm: number): { readonly code: string; readonly km: number } | null {
  let best: { code: string; km: number } | null = null;
  for (const state of listStates()) {
    const km = distanceToStateKm(state.code, lat, lon);
    if (km <= maxKm && (best === null || km < best.km)) best = { code: state.code, km };
  }
  return best;
}

/**
 * The plant's region under the assumptions (see `COLUMN_RULES.region`).
 * @example locateRegion({ country: "USA", lat: 30.27, lon: -97.74, region: null }, assumptions).region // "TX"
 */
export function locateRegion(plant: PlantPlace, assumptions: Assumptions): RegionFix {
  const table = assumptions.regionTables.get(plant.country);
  if (table?.locate === "us-states") {
    const state = stateAt(plant.lat, plant.lon);
    if (state !== null) return { region: state, source: "state outline" };
    const near = nearestStateWithin(plant.lat, plant.lon, assumptions.raw.site.nearestRegionMaxKm);
    if (near !== null) return { region: near.code, source: `nearest state (${near.km.toFixed(1)} km)` };
    return {
      region: plant.country,
      source: "country",
      warning: `(${plant.lat}, ${plant.lon}) is more than ${assumptions.raw.site.nearestRegionMaxKm} km from every US state outline: the ${plant.country} country default is used`,
    };
  }
  if (plant.region !== null) return { region: plant.region, source: "region column" };
  return { region: plant.country, source: "country" };
}

export interface ResolvedValues {
  readonly values: RegionValues;
  /** `USA/TX`, `USA` (country default) or `*` (world default). */
  readonly key: string;
}

/**
 * A country's default values: the world default, overlaid by the median of the country's table
 * (if it has one), overlaid by its `countries` entry (if any). Returns `*` as the key when
 * neither exists.
 * @example countryDefault(assumptions, "FJI").key // "*"
 */
export function countryDefault(assumptions: Assumptions, country: string): ResolvedValues {
  const world = valuesOf(assumptions.raw.world);
  const table = assumptions.regionTables.get(country);
  const entry = assumptions.raw.countries[country];
  if (table === undefined && entry === undefined) return { values: world, key: "*" };
  const base = table === undefined ? world : { ...medianRegion(table), gridZone: world.gridZone };
  const values: RegionValues = {
    gridZone: entry?.grid_zone ?? base.gridZone,
    powerPriceUsdMwh: entry?.power_price_usd_mwh ?? base.powerPriceUsdMwh,
    carbonKgMwh: entry?.carbon_kg_mwh ?? base.carbonKgMwh,
    permittingMonths: entry?.permitting_months ?? base.permittingMonths,
    timeToPowerMonths: entry?.time_to_power_months ?? base.timeToPowerMonths,
    costOfCapitalPct: entry?.cost_of_capital_pct ?? base.costOfCapitalPct,
    incentivesBn: entry?.incentives_bn ?? base.incentivesBn,
    capexBn: entry?.capex_bn ?? base.capexBn,
    extras: base.extras,
  };
  return { values, key: country };
}

/**
 * The values for a region: its table row when there is one, else the country default.
 * @example regionValues(assumptions, "USA", "TX").key // "USA/TX"
 */
export function regionValues(assumptions: Assumptions, country: string, region: string): ResolvedValues {
  const row = assumptions.regionTables.get(country)?.rows.get(region);
  if (row !== undefined) return { values: row, key: `${country}/${region}` };
  return countryDefault(assumptions, country);
}
