/**
 * Spatial indexes for screening many sites against GeoJSON layers: a flatbush bbox index over
 * great-circle segments (lines and polygon outlines), a kdbush index over points, and a
 * flatbush index over polygon parts. Every answer is exact on the sphere (the same
 * {@link distanceToSegmentsKm} and {@link haversineKm} as `src/geo/sphere.ts`); the indexes only
 * decide which features are worth measuring. Built once per layer, read-only afterwards.
 */
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import Flatbush from "flatbush";
import { around } from "geokdbush";
import KDBush from "kdbush";
import type { Polygon, Position } from "geojson";
import { EARTH_RADIUS_KM, distanceToSegmentsKm, haversineKm, packSegments } from "../geo/sphere.ts";

const RAD = Math.PI / 180;
/** Degrees added around every box so that rounding never drops a feature that touches it. */
const PAD_DEG = 1e-9;
/** Numbers per packed piece, taken from sphere.ts itself (a zero-length edge packs as one piece). */
const STRIDE = packSegments([
  [
    [0, 0],
    [0, 0],
  ],
]).length;

export type Box = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Great-circle segments of lines or rings, each tagged with the feature it belongs to. */
export interface SegmentIndex {
  readonly segments: Float64Array;
  readonly featureOf: Int32Array;
  /** `null` when there is no segment. */
  readonly tree: Flatbush | null;
}

export interface PointIndex {
  readonly lons: Float64Array;
  readonly lats: Float64Array;
  readonly featureOf: Int32Array;
  readonly tree: KDBush | null;
}

export interface PolygonIndex {
  /** One entry per polygon (outer ring plus holes); a MultiPolygon contributes several. */
  readonly parts: readonly Polygon[];
  readonly featureOf: Int32Array;
  readonly tree: Flatbush | null;
  /** Every ring of every part, for "within a buffer of the outline". */
  readonly outline: SegmentIndex;
}

/** A path (line or ring) of one feature, `[lon, lat]` positions. */
export interface FeaturePath {
  readonly feature: number;
  readonly positions: readonly Position[];
}

export interface FeaturePoint {
  readonly feature: number;
  readonly position: Position;
}

export interface FeaturePolygon {
  readonly feature: number;
  readonly polygon: Polygon;
}

/**
 * The boxes (one, or two across the antimeridian) that hold every point within `radiusKm` of a
 * point: the exact lat/lon extent of a spherical cap, whole longitudes when it covers a pole.
 * @example capBoxes(0, 0, 111.19508); // ≈ [[-1, -1, 1, 1]]
 */
export function capBoxes(lat: number, lon: number, radiusKm: number): Box[] {
  const delta = radiusKm / EARTH_RADIUS_KM;
  if (delta >= Math.PI) return [[-180, -90, 180, 90]];
  const dLat = delta / RAD + PAD_DEG;
  const minLat = lat - dLat;
  const maxLat = lat + dLat;
  if (minLat <= -90 || maxLat >= 90) return [[-180, Math.max(-90, minLat), 180, Math.min(90, maxLat)]];
  const spread = Math.sin(delta) / Math.cos(lat * RAD);
  if (spread >= 1) return [[-180, minLat, 180, maxLat]];
  const dLon = Math.asin(spread) / RAD + PAD_DEG;
  const minLon = lon - dLon;
  const maxLon = lon + dLon;
  if (minLon < -180)
    return [
      [minLon + 360, minLat, 180, maxLat],
      [-180, minLat, maxLon, maxLat],
    ];
  if (maxLon > 180)
    return [
      [minLon, minLat, 180, maxLat],
      [-180, minLat, maxLon - 360, maxLat],
    ];
  return [[minLon, minLat, maxLon, maxLat]];
}

/** Whether unit vector v lies on the minor arc a→b whose plane normal is n (sphere.ts's test). */
function onArc(s: Float64Array, o: number, vx: number, vy: number, vz: number): boolean {
  const [ax, ay, az, bx, by, bz, nx, ny, nz] = [s[o]!, s[o + 1]!, s[o + 2]!, s[o + 3]!, s[o + 4]!, s[o + 5]!, s[o + 6]!, s[o + 7]!, s[o + 8]!];
  const afterA = (ay * vz - az * vy) * nx + (az * vx - ax * vz) * ny + (ax * vy - ay * vx) * nz;
  const beforeB = (vy * bz - vz * by) * nx + (vz * bx - vx * bz) * ny + (vx * by - vy * bx) * nz;
  return afterA >= 0 && beforeB >= 0;
}

/**
 * Bbox of one packed piece, from its unit vectors. A great-circle arc bulges poleward of its
 * endpoints, so the circle's northern and southern vertices extend the box when they lie on the
 * arc (tiny for sphere.ts's short pieces, but a box must hold the whole arc to be exact).
 */
function pieceBox(s: Float64Array, o: number): Box {
  const latA = Math.asin(Math.max(-1, Math.min(1, s[o + 2]!))) / RAD;
  const latB = Math.asin(Math.max(-1, Math.min(1, s[o + 5]!))) / RAD;
  const lonA = Math.atan2(s[o + 1]!, s[o]!) / RAD;
  const lonB = Math.atan2(s[o + 4]!, s[o + 3]!) / RAD;
  let minLat = Math.min(latA, latB);
  let maxLat = Math.max(latA, latB);
  const nx = s[o + 6]!;
  const ny = s[o + 7]!;
  const nz = s[o + 8]!;
  // The northern vertex is the z axis projected onto the circle's plane.
  const vx = -nz * nx;
  const vy = -nz * ny;
  const vz = 1 - nz * nz;
  const norm = Math.hypot(vx, vy, vz);
  if (norm > 1e-12 && (nx !== 0 || ny !== 0 || nz !== 0)) {
    const top = Math.asin(Math.min(1, vz / norm)) / RAD;
    if (onArc(s, o, vx / norm, vy / norm, vz / norm)) maxLat = Math.max(maxLat, top);
    if (onArc(s, o, -vx / norm, -vy / norm, -vz / norm)) minLat = Math.min(minLat, -top);
  }
  const wraps = Math.abs(lonB - lonA) > 180;
  return [(wraps ? -180 : Math.min(lonA, lonB)) - PAD_DEG, minLat - PAD_DEG, (wraps ? 180 : Math.max(lonA, lonB)) + PAD_DEG, maxLat + PAD_DEG];
}

/**
 * Indexes the segments of lines or rings. sphere.ts cuts each edge into short great-circle
 * pieces that follow the straight lon/lat edge, so an index entry is a piece, not an edge.
 * @example buildSegmentIndex([{ feature: 0, positions: [[-100, 40], [-99.9, 40]] }]).featureOf; // Int32Array [0]
 */
export function buildSegmentIndex(paths: readonly FeaturePath[]): SegmentIndex {
  const packed = paths.map((p) => packSegments([p.positions]));
  const segments = new Float64Array(packed.reduce((n, b) => n + b.length, 0));
  const count = segments.length / STRIDE;
  const featureOf = new Int32Array(count);
  let offset = 0;
  packed.forEach((buffer, k) => {
    segments.set(buffer, offset);
    featureOf.fill(paths[k]!.feature, offset / STRIDE, (offset + buffer.length) / STRIDE);
    offset += buffer.length;
  });
  if (count === 0) return { segments, featureOf, tree: null };
  const tree = new Flatbush(count);
  for (let i = 0; i < count; i++) tree.add(...pieceBox(segments, i * STRIDE));
  tree.finish();
  return { segments, featureOf, tree };
}

function segmentKm(index: SegmentIndex, i: number, lat: number, lon: number): number {
  return distanceToSegmentsKm(index.segments.subarray(i * STRIDE, (i + 1) * STRIDE), lat, lon);
}

/**
 * Pieces inside a cap are copied here so sphere.ts measures them in one call (one trig setup
 * per query, no per-piece allocation). Module-level because a query never yields mid-way.
 */
let scratch = new Float64Array(64 * STRIDE);

/** Shortest distance to the pieces whose box meets the cap of `radiusKm` (Infinity if none). */
function nearestInCapKm(index: SegmentIndex, tree: Flatbush, lat: number, lon: number, radiusKm: number): number {
  let n = 0;
  for (const box of capBoxes(lat, lon, radiusKm)) {
    for (const i of tree.search(...box)) {
      if ((n + 1) * STRIDE > scratch.length) {
        const grown = new Float64Array(scratch.length * 2);
        grown.set(scratch);
        scratch = grown;
      }
      scratch.set(index.segments.subarray(i * STRIDE, (i + 1) * STRIDE), n * STRIDE);
      n++;
    }
  }
  return n === 0 ? Infinity : distanceToSegmentsKm(scratch.subarray(0, n * STRIDE), lat, lon);
}

/**
 * Distance in km to the nearest segment, or null for an index without any. flatbush's planar
 * nearest box gives a piece, and its true distance d bounds the answer; every piece closer than
 * d meets the spherical cap of radius d, so measuring the pieces in that one cap proves the
 * nearest (the seed itself among them).
 * @example nearestSegmentKm(buildSegmentIndex([{ feature: 0, positions: [[0, 1], [1, 1]] }]), 0, 0.5); // ≈ 111.2
 */
export function nearestSegmentKm(index: SegmentIndex, lat: number, lon: number): number | null {
  const tree = index.tree;
  if (tree === null) return null;
  const seed = tree.neighbors(lon, lat, 1)[0] ?? 0;
  const boundKm = distanceToSegmentsKm(index.segments.subarray(seed * STRIDE, (seed + 1) * STRIDE), lat, lon);
  return Math.min(boundKm, nearestInCapKm(index, tree, lat, lon, boundKm));
}

/**
 * Features with a segment within `radiusKm` (inclusive), in ascending order.
 * @example segmentFeaturesWithin(buildSegmentIndex([{ feature: 0, positions: [[0, 1], [1, 1]] }]), 0, 0.5, 120); // [0]
 */
export function segmentFeaturesWithin(index: SegmentIndex, lat: number, lon: number, radiusKm: number, firstOnly = false): number[] {
  const tree = index.tree;
  const found = new Set<number>();
  if (tree === null) return [];
  for (const box of capBoxes(lat, lon, radiusKm)) {
    for (const i of tree.search(...box)) {
      const feature = index.featureOf[i]!;
      if (found.has(feature) || segmentKm(index, i, lat, lon) > radiusKm) continue;
      found.add(feature);
      if (firstOnly) return [feature];
    }
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Indexes points (a MultiPoint contributes each of its points under one feature).
 * @example buildPointIndex([{ feature: 0, position: [-74.006, 40.7128] }]).lats[0]; // 40.7128
 */
export function buildPointIndex(points: readonly FeaturePoint[]): PointIndex {
  const lons = new Float64Array(points.map((p) => p.position[0] ?? 0));
  const lats = new Float64Array(points.map((p) => p.position[1] ?? 0));
  const featureOf = new Int32Array(points.map((p) => p.feature));
  if (points.length === 0) return { lons, lats, featureOf, tree: null };
  // Smaller leaves than kdbush's default 64: geokdbush queues every point of a visited leaf.
  const tree = new KDBush(points.length, 16);
  for (let i = 0; i < points.length; i++) tree.add(lons[i]!, lats[i]!);
  tree.finish();
  return { lons, lats, featureOf, tree };
}

/**
 * Distance in km to the nearest point, or null for an index without any; measured with the
 * haversine of sphere.ts (geokdbush ranks with a slightly different radius, which scales every
 * distance alike and so never changes the ranking).
 * @example nearestPointKm(buildPointIndex([{ feature: 0, position: [2.3522, 48.8566] }]), 51.5074, -0.1278); // ≈ 343.56 (London to Paris)
 */
export function nearestPointKm(index: PointIndex, lat: number, lon: number): number | null {
  if (index.tree === null) return null;
  const id = around(index.tree, lon, lat, 1)[0];
  return id === undefined ? null : haversineKm(lat, lon, index.lats[id]!, index.lons[id]!);
}

/**
 * Features with a point within `radiusKm` (inclusive), in ascending order.
 * @example pointFeaturesWithin(buildPointIndex([{ feature: 0, position: [0, 1] }]), 0, 0, 112); // [0]
 */
export function pointFeaturesWithin(index: PointIndex, lat: number, lon: number, radiusKm: number): number[] {
  if (index.tree === null) return [];
  // A hair of slack for geokdbush's own radius; the exact haversine decides.
  const ids = around(index.tree, lon, lat, Infinity, radiusKm * (1 + 1e-6) + 1e-6);
  const found = new Set<number>();
  for (const id of ids) {
    if (haversineKm(lat, lon, index.lats[id]!, index.lons[id]!) <= radiusKm) found.add(index.featureOf[id]!);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Indexes polygons by bbox, and their rings as an outline.
 * @example
 * const square: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
 * buildPolygonIndex([{ feature: 0, polygon: square }]).parts.length; // 1
 */
export function buildPolygonIndex(polygons: readonly FeaturePolygon[]): PolygonIndex {
  const featureOf = new Int32Array(polygons.map((p) => p.feature));
  const outline = buildSegmentIndex(polygons.flatMap((p) => p.polygon.coordinates.map((ring) => ({ feature: p.feature, positions: ring }))));
  const parts = polygons.map((p) => p.polygon);
  if (parts.length === 0) return { parts, featureOf, tree: null, outline };
  const tree = new Flatbush(parts.length);
  for (const part of parts) {
    let minLon = Infinity;
    let minLat = Infinity;
    let maxLon = -Infinity;
    let maxLat = -Infinity;
    for (const [lon = 0, lat = 0] of part.coordinates[0] ?? []) {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    }
    tree.add(minLon, minLat, maxLon, maxLat);
  }
  tree.finish();
  return { parts, featureOf, tree, outline };
}

/**
 * The first feature (lowest index) whose polygon contains the point, holes excluded, or null.
 * Containment uses turf's planar test on `[lon, lat]`, like every GIS reading a GeoJSON file.
 * @example containingPolygon(buildPolygonIndex([{ feature: 0, polygon: square }]), 0.5, 0.5); // 0 (square as above)
 */
export function containingPolygon(index: PolygonIndex, lat: number, lon: number): number | null {
  if (index.tree === null) return null;
  let best: number | null = null;
  for (const i of index.tree.search(lon, lat, lon, lat)) {
    const feature = index.featureOf[i]!;
    if (best !== null && feature >= best) continue;
    if (booleanPointInPolygon([lon, lat], index.parts[i]!)) best = feature;
  }
  return best;
}

/**
 * Whether a point is inside a polygon or within `bufferKm` of any ring (a hole's ring too: a
 * site in a hole but near its edge is near the polygon).
 * @example withinPolygonsKm(buildPolygonIndex([{ feature: 0, polygon: square }]), 1.02, 0.5, 5); // true (2.2 km north of the 1°×1° square)
 */
export function withinPolygonsKm(index: PolygonIndex, lat: number, lon: number, bufferKm: number): boolean {
  if (containingPolygon(index, lat, lon) !== null) return true;
  return bufferKm > 0 && segmentFeaturesWithin(index.outline, lat, lon, bufferKm, true).length > 0;
}
