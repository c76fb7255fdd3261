/**
 * Applies loaded layers to sites: exclusion reasons from polygon layers, derived numeric columns
 * (distance in km, count within a radius) from point and line layers. Pure.
 */
import type { InputIssue } from "../core/issues.ts";
import type { LayerSpec, ScenarioModel } from "../scenario/schema.ts";
import type { Site, SiteId } from "../sites/types.ts";
import { describeWhere, type ExcludeSpec, type FeatureIndexes, type LoadedLayer } from "./layer.ts";
import { nearestPointKm, nearestSegmentKm, pointFeaturesWithin, segmentFeaturesWithin, withinPolygonsKm } from "./spatial.ts";

export interface LayersApplied {
  /** New Site objects, same order; `values` gains each derived column. */
  readonly sites: Site[];
  /** Sites that exclusion layers screen out, with one reason per layer, in layer order. */
  readonly exclusions: ReadonlyMap<SiteId, string[]>;
}

/**
 * The reason an exclusion layer gives for the sites it drops: the same sentence for every site
 * of the layer, so screening can count them as one funnel step.
 * @example exclusionReason({ name: "flood zones", file: "f.geojson", kind: "exclude", bufferKm: 5 }) // "within 5 km of flood zones"
 */
export function exclusionReason(spec: ExcludeSpec): string {
  if (spec.reason !== undefined) return spec.reason;
  const which = spec.where === undefined ? spec.name : `${spec.name} (${describeWhere(spec.where)})`;
  return (spec.bufferKm ?? 0) > 0 ? `within ${spec.bufferKm} km of ${which}` : `inside ${which}`;
}

/** Distance in km to the nearest point or line of a layer; null for a layer with neither. */
function nearestKm(index: FeatureIndexes, lat: number, lon: number): number | null {
  const toPoint = nearestPointKm(index.points, lat, lon);
  const toLine = nearestSegmentKm(index.lines, lat, lon);
  if (toPoint === null && toLine === null) return null;
  return Math.min(toPoint ?? Infinity, toLine ?? Infinity);
}

/** Features (not vertices: a long line counts once) with a point or segment within the radius. */
function countWithin(index: FeatureIndexes, lat: number, lon: number, radiusKm: number): number {
  const features = new Set([...pointFeaturesWithin(index.points, lat, lon, radiusKm), ...segmentFeaturesWithin(index.lines, lat, lon, radiusKm)]);
  return features.size;
}

/**
 * Screens sites against exclusion layers and adds derived columns. Never mutates its input.
 * @example
 * const { sites, exclusions } = applyLayers(table.sites, layers);
 * sites[0].values.get("dist_hv_345kv_km"); // 42.7
 * exclusions.get(asSiteId("S0152")); // ["within 5 km of protected areas"]
 */
export function applyLayers(sites: readonly Site[], layers: readonly LoadedLayer[]): LayersApplied {
  const exclusions = new Map<SiteId, string[]>();
  const out = sites.map((site): Site => {
    const values = new Map(site.values);
    const reasons: string[] = [];
    for (const layer of layers) {
      switch (layer.kind) {
        case "exclude":
          if (withinPolygonsKm(layer.polygons, site.lat, site.lon, layer.spec.bufferKm ?? 0)) reasons.push(exclusionReason(layer.spec));
          break;
        case "distance":
          values.set(layer.spec.column, nearestKm(layer.index, site.lat, site.lon));
          break;
        case "count":
          values.set(layer.spec.column, countWithin(layer.index, site.lat, site.lon, layer.spec.radiusKm));
          break;
      }
    }
    if (reasons.length > 0) exclusions.set(site.siteId, reasons);
    return { ...site, values };
  });
  return { sites: out, exclusions };
}

/**
 * The numeric columns a model's layers add, in layer order.
 * @example derivedColumns(model) // ["dist_hv_345kv_km", "dist_fiber_route_km", "hv_substations_within_150km"]
 */
export function derivedColumns(model: Pick<ScenarioModel, "layers">): string[] {
  return (model.layers ?? []).flatMap((l) => (l.kind === "exclude" ? [] : [l.column]));
}

/**
 * Model-level rules for layers: unique names, unique derived columns, and no derived column that
 * would overwrite a CSV column. `csvColumns` is the sites header (omit it before the CSV is read).
 * @example checkLayerSpecs(model, "models/with-layers.json", table.columns) // []
 */
export function checkLayerSpecs(model: Pick<ScenarioModel, "layers">, modelFile: string, csvColumns: readonly string[] = []): InputIssue[] {
  const issues: InputIssue[] = [];
  const names = new Set<string>();
  const columns = new Set<string>();
  const csv = new Set(csvColumns);
  (model.layers ?? []).forEach((layer: LayerSpec, i) => {
    const at = (field: string, code: string, message: string): InputIssue => ({
      file: modelFile,
      path: `layers[${i}].${field}`,
      code,
      message,
      severity: "error",
    });
    if (names.has(layer.name)) issues.push(at("name", "duplicate_layer", `layer name "${layer.name}" is used twice`));
    names.add(layer.name);
    if (layer.kind === "exclude") return;
    if (columns.has(layer.column)) issues.push(at("column", "duplicate_column", `derived column "${layer.column}" is produced by two layers`));
    if (csv.has(layer.column))
      issues.push(at("column", "column_exists", `derived column "${layer.column}" would overwrite the sites file's column of that name`));
    columns.add(layer.column);
  });
  return issues;
}
