/**
 * US state boundaries from `us-atlas/states-10m.json` (US Census cartographic boundaries,
 * simplified to 1:10m; borders are good to a kilometre or two, coasts exclude open water).
 * Pure and lazily cached: the TopoJSON is decoded once, on first use, and never mutated.
 */
import { createRequire } from "node:module";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import Flatbush from "flatbush";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { ringBox } from "./box.ts";
import { distanceToBorderKm, packBorder, type PackedBorder } from "./sphere.ts";
import { STATE_TABLE, stateByFips, type StateCode, type StateInfo } from "./state-table.ts";

export { STATE_TABLE, isStateCode, stateByFips, stateInfo, type StateCode, type StateInfo } from "./state-table.ts";

export interface StateProperties {
  readonly code: StateCode;
  readonly fips: string;
  readonly name: string;
}

/** A state's outline: a Polygon, or a MultiPolygon for states in several parts (Michigan). */
export type StateFeature = Feature<Polygon | MultiPolygon, StateProperties>;

/** One polygon (outer ring plus holes) of one state, the unit the bbox index works on. */
interface StatePart {
  readonly code: StateCode;
  readonly polygon: Polygon;
}

interface Atlas {
  readonly features: ReadonlyMap<StateCode, StateFeature>;
  readonly parts: readonly StatePart[];
  readonly index: Flatbush;
  /** Packed border pieces per state, built on first distance query. */
  readonly borders: Map<StateCode, PackedBorder>;
}

let cached: Atlas | undefined;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

function buildAtlas(): Atlas {
  // createRequire rather than an import attribute: the 114 kB JSON then stays out of the
  // type checker, and tsx, vitest and plain Node all load it the same way.
  const topology = createRequire(import.meta.url)("us-atlas/states-10m.json") as Topology<{
    states: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topology, topology.objects.states);
  const features = new Map<StateCode, StateFeature>();
  const parts: StatePart[] = [];
  for (const raw of collection.features) {
    const info = stateByFips(String(raw.id));
    if (info === null) throw new Error(`us-atlas state id ${String(raw.id)} is missing from STATE_TABLE`);
    const geometry = raw.geometry as Polygon | MultiPolygon;
    const state: StateFeature = {
      type: "Feature",
      id: info.fips,
      properties: { code: info.code, fips: info.fips, name: info.name },
      geometry,
    };
    features.set(info.code, deepFreeze(state));
    for (const coordinates of polygonsOf(geometry)) parts.push({ code: info.code, polygon: { type: "Polygon", coordinates } });
  }
  const index = new Flatbush(parts.length);
  for (const part of parts) index.add(...ringBox(part.polygon.coordinates[0] ?? []));
  index.finish();
  return { features, parts, index, borders: new Map() };
}

function atlas(): Atlas {
  cached ??= buildAtlas();
  return cached;
}

function isCoordinate(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/**
 * The state (or DC, or territory) containing a point, or `null` at sea, abroad, or for an
 * invalid coordinate. A point exactly on a shared border goes to the first state found.
 * @example stateAt(30.2672, -97.7431); // "TX" (Austin)
 * @example stateAt(26.0, -90.0); // null (Gulf of Mexico)
 */
export function stateAt(lat: number, lon: number): StateCode | null {
  if (!isCoordinate(lat, lon)) return null;
  const { index, parts } = atlas();
  // Flatbush returns candidates in index order, so the answer on a shared border is stable.
  const candidates = index.search(lon, lat, lon, lat).sort((a, b) => a - b);
  for (const i of candidates) {
    const part = parts[i];
    if (part !== undefined && booleanPointInPolygon([lon, lat], part.polygon)) return part.code;
  }
  return null;
}

/**
 * The outline of a state as a frozen GeoJSON Feature (properties: code, fips, name).
 * @example statePolygon("MI").geometry.type; // "MultiPolygon"
 */
export function statePolygon(code: StateCode): StateFeature {
  const found = atlas().features.get(code);
  // Every code of STATE_TABLE is in us-atlas (a test checks it), so a miss is a bug.
  if (found === undefined) throw new Error(`no outline for state ${code}`);
  return found;
}

/**
 * Whether a point lies in a given state (borders count as inside).
 * @example isInState("CO", 39.7392, -104.9903); // true (Denver)
 */
export function isInState(code: StateCode, lat: number, lon: number): boolean {
  if (!isCoordinate(lat, lon)) return false;
  const { index, parts } = atlas();
  // The bbox index first: most queries are nowhere near the state and need no polygon test.
  for (const i of index.search(lon, lat, lon, lat)) {
    const part = parts[i];
    if (part !== undefined && part.code === code && booleanPointInPolygon([lon, lat], part.polygon)) return true;
  }
  return false;
}

/**
 * Great-circle distance in km from a point to a state: 0 inside, otherwise the distance to the
 * nearest point of its border (any part, any ring).
 * @example distanceToStateKm("TX", 30.2672, -97.7431); // 0 (Austin is in Texas)
 * @example Math.round(distanceToStateKm("CO", 30.2672, -97.7431)); // 847 (Austin to the Colorado border)
 */
export function distanceToStateKm(code: StateCode, lat: number, lon: number): number {
  if (!isCoordinate(lat, lon)) return NaN;
  if (isInState(code, lat, lon)) return 0;
  const store = atlas().borders;
  let border = store.get(code);
  if (border === undefined) {
    border = packBorder(polygonsOf(statePolygon(code).geometry).flat());
    store.set(code, border);
  }
  return distanceToBorderKm(border, lat, lon);
}

/**
 * All states, DC and territories in FIPS order.
 * @example listStates().length; // 56
 */
export function listStates(): readonly StateInfo[] {
  return STATE_TABLE;
}
