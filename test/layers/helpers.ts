/** Small builders for the layer tests: sites and layers from in-memory GeoJSON. */
import type { FeatureCollection } from "geojson";
import { parseGeoJson } from "../../src/layers/geojson.ts";
import { prepareLayer, type LoadedLayer } from "../../src/layers/layer.ts";
import type { LayerSpec } from "../../src/scenario/schema.ts";
import { asSiteId, type Site } from "../../src/sites/types.ts";

/** Mean Earth radius the tests' own haversine uses (turf's value), written out on purpose. */
export const R_KM = 6371.0088;
const RAD = Math.PI / 180;

/** The tests' independent great-circle distance (not turf, not sphere.ts). */
export function referenceHaversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const h = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.sqrt(h));
}

/** Degrees of latitude for `km` along a meridian. */
export const kmToLatDeg = (km: number): number => km / R_KM / RAD;

/** A site whose `values` map holds its core numeric columns, as the CSV loader builds it. */
export function makeSite(id: string, lat: number, lon: number, over: Partial<Site> = {}): Site {
  const site: Site = {
    siteId: asSiteId(id),
    name: id,
    lat,
    lon,
    country: "US",
    region: "TX",
    gridZone: "ERCOT",
    firmPowerMw: 1500,
    timeToPowerMonths: 12,
    powerPriceUsdMwh: 50,
    carbonKgMwh: 400,
    permittingMonths: 12,
    capexBn: 9,
    costOfCapitalPct: 8,
    incentivesBn: 0.5,
    brownfield: null,
    permitted: null,
    earliestOnlineDate: null,
    line: 2,
    values: new Map(),
    text: new Map(),
    ...over,
  };
  if (over.values !== undefined) return site;
  const values = new Map<string, number | null>([
    ["lat", site.lat],
    ["lon", site.lon],
    ["firm_power_mw", site.firmPowerMw],
    ["time_to_power_months", site.timeToPowerMonths],
    ["power_price_usd_mwh", site.powerPriceUsdMwh],
    ["carbon_kg_mwh", site.carbonKgMwh],
    ["permitting_months", site.permittingMonths],
    ["capex_bn", site.capexBn],
    ["cost_of_capital_pct", site.costOfCapitalPct],
    ["incentives_bn", site.incentivesBn],
  ]);
  return { ...site, values };
}

export const collection = (features: FeatureCollection["features"]): FeatureCollection => ({ type: "FeatureCollection", features });

/** Parses and prepares a layer from a GeoJSON object, failing the test on any issue. */
export function layerOf(spec: LayerSpec, geojson: unknown): LoadedLayer {
  const parsed = parseGeoJson(JSON.stringify(geojson), spec.file);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
  const prepared = prepareLayer(spec, parsed.value, spec.file);
  if (!prepared.ok) throw new Error(prepared.issues.map((i) => i.message).join("; "));
  return prepared.value;
}
