/**
 * A layer ready to screen sites: the model's spec plus its matching features, indexed. Pure;
 * `load.ts` does the reading.
 */
import type { Position } from "geojson";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { didYouMean } from "../core/text.ts";
import type { LayerSpec, LayerWhere } from "../scenario/schema.ts";
import type { CellValue } from "../sites/columnValue.ts";
import { passesFilter } from "../scenario/filter.ts";
import type { LayerFeature } from "./geojson.ts";
import {
  buildPointIndex,
  buildPolygonIndex,
  buildSegmentIndex,
  type FeaturePath,
  type FeaturePoint,
  type FeaturePolygon,
  type PointIndex,
  type PolygonIndex,
  type SegmentIndex,
} from "./spatial.ts";

export type ExcludeSpec = Extract<LayerSpec, { kind: "exclude" }>;
export type DistanceSpec = Extract<LayerSpec, { kind: "distance" }>;
export type CountSpec = Extract<LayerSpec, { kind: "count" }>;

interface LayerBase {
  /** The layer's file as shown in messages (model directory joined with the spec's `file`). */
  readonly file: string;
  /** Features that passed `where` (all of them without one). */
  readonly features: readonly LayerFeature[];
  /** Features in the file before `where`. */
  readonly totalFeatures: number;
}

/** Points and lines of a `distance` or `count` layer, indexed separately. */
export interface FeatureIndexes {
  readonly points: PointIndex;
  readonly lines: SegmentIndex;
}

export type LoadedLayer =
  | (LayerBase & { readonly kind: "exclude"; readonly spec: ExcludeSpec; readonly polygons: PolygonIndex })
  | (LayerBase & { readonly kind: "distance"; readonly spec: DistanceSpec; readonly index: FeatureIndexes })
  | (LayerBase & { readonly kind: "count"; readonly spec: CountSpec; readonly index: FeatureIndexes });

/** Sentence for `where`, e.g. `voltage_kv >= 345`. */
export function describeWhere(where: LayerWhere): string {
  return `${where.property} ${where.op} ${typeof where.value === "string" ? JSON.stringify(where.value) : String(where.value)}`;
}

/**
 * Whether a feature's property satisfies `where`, by the same rule as the model's filters
 * (`passesFilter`): numbers compare as numbers (a numeric string such as "345" counts as 345),
 * text case-insensitively for == and !=; a missing property never matches.
 * @example matchesWhere({ property: "voltage_kv", op: ">=", value: 345 }, { voltage_kv: 500 }) // true
 */
export function matchesWhere(where: LayerWhere, properties: Readonly<Record<string, unknown>>): boolean {
  const raw = Object.hasOwn(properties, where.property) ? properties[where.property] : undefined;
  return passesFilter({ column: where.property, op: where.op, value: where.value }, asCell(raw, typeof where.value === "number"));
}

/** A property as a screening cell: GeoJSON writers often quote numbers, so "345" reads as 345. */
function asCell(raw: unknown, numeric: boolean): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number" || typeof raw === "boolean") return raw;
  const text = String(raw);
  return numeric && text.trim() !== "" && !Number.isNaN(Number(text)) ? Number(text) : text;
}

const POLYGONAL = new Set(["Polygon", "MultiPolygon"]);
const LINEAR_OR_POINT = new Set(["Point", "MultiPoint", "LineString", "MultiLineString"]);

/**
 * Filters a layer's features by `where`, checks their geometry suits the layer's kind and builds
 * its index. Issues name the layer file and the feature index.
 * @example prepareLayer({ name: "hv", file: "hv.geojson", kind: "distance", column: "dist_hv_km" }, features, "data/layers/hv.geojson")
 */
export function prepareLayer(spec: LayerSpec, features: readonly LayerFeature[], file: string): Loaded<LoadedLayer> {
  const issues: InputIssue[] = [];
  const wanted = spec.kind === "exclude" ? POLYGONAL : LINEAR_OR_POINT;
  const expected = spec.kind === "exclude" ? "Polygon or MultiPolygon (exclusion layer)" : "Point, MultiPoint, LineString or MultiLineString";
  for (const f of features) {
    if (f.geometry !== null && !wanted.has(f.geometry.type)) {
      issues.push({
        file,
        path: `features[${f.index}].geometry.type`,
        code: "wrong_geometry",
        message: `feature ${f.index}: layer "${spec.name}" (${spec.kind}) expects ${expected}, found ${f.geometry.type}`,
        severity: "error",
      });
    }
  }
  const kept = features.filter((f) => f.geometry !== null && (spec.where === undefined || matchesWhere(spec.where, f.properties)));
  if (kept.length === 0) issues.push(emptyLayerIssue(spec, features, file));
  if (issues.length > 0) return { ok: false, issues };

  const base = { file, features: kept, totalFeatures: features.length };
  const warnings: InputIssue[] = [];
  const unlocated = features.filter((f) => f.geometry === null).length;
  if (unlocated > 0) {
    warnings.push({ file, code: "null_geometry", message: `${unlocated} feature(s) without geometry ignored in layer "${spec.name}"`, severity: "warning" });
  }
  if (spec.kind === "exclude") return { ok: true, value: { ...base, kind: "exclude", spec, polygons: buildPolygonIndex(polygonsOf(kept)) }, warnings };
  const index = indexFeatures(kept);
  return spec.kind === "distance"
    ? { ok: true, value: { ...base, kind: "distance", spec, index }, warnings }
    : { ok: true, value: { ...base, kind: "count", spec, index }, warnings };
}

function emptyLayerIssue(spec: LayerSpec, features: readonly LayerFeature[], file: string): InputIssue {
  if (spec.where === undefined) {
    return { file, code: "empty_layer", message: `layer "${spec.name}" has no feature with a geometry`, severity: "error" };
  }
  const known = [...new Set(features.flatMap((f) => Object.keys(f.properties)))].sort();
  const missing = !known.includes(spec.where.property);
  const hint = missing ? `; no feature has a property "${spec.where.property}"${didYouMean(spec.where.property, known)}` : "";
  return {
    file,
    code: "empty_layer",
    message: `no feature of layer "${spec.name}" matches ${describeWhere(spec.where)}${hint}`,
    severity: "error",
  };
}

function polygonsOf(features: readonly LayerFeature[]): FeaturePolygon[] {
  const out: FeaturePolygon[] = [];
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === "Polygon") out.push({ feature: f.index, polygon: g });
    else if (g?.type === "MultiPolygon") for (const coordinates of g.coordinates) out.push({ feature: f.index, polygon: { type: "Polygon", coordinates } });
  }
  return out;
}

function indexFeatures(features: readonly LayerFeature[]): FeatureIndexes {
  const points: FeaturePoint[] = [];
  const paths: FeaturePath[] = [];
  const addLine = (feature: number, positions: readonly Position[]): void => void paths.push({ feature, positions });
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === "Point") points.push({ feature: f.index, position: g.coordinates });
    else if (g?.type === "MultiPoint") for (const position of g.coordinates) points.push({ feature: f.index, position });
    else if (g?.type === "LineString") addLine(f.index, g.coordinates);
    else if (g?.type === "MultiLineString") for (const l of g.coordinates) addLine(f.index, l);
  }
  return { points: buildPointIndex(points), lines: buildSegmentIndex(paths) };
}
