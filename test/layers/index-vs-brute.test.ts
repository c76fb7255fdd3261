import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { seededRandom, type Random } from "../../src/core/random.ts";
import { distanceToSegmentsKm, packSegments } from "../../src/geo/sphere.ts";
import { applyLayers } from "../../src/layers/apply.ts";
import type { LayerFeature } from "../../src/layers/geojson.ts";
import { prepareLayer, type LoadedLayer } from "../../src/layers/layer.ts";
import { capBoxes } from "../../src/layers/spatial.ts";
import type { LayerSpec } from "../../src/scenario/schema.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { makeSite, referenceHaversineKm } from "./helpers.ts";

interface Region {
  readonly lon: readonly [number, number];
  readonly lat: readonly [number, number];
}
const CONUS: Region = { lon: [-124, -67], lat: [25, 49] };
// The whole globe: caps that wrap the antimeridian or cover a pole.
const GLOBE: Region = { lon: [-180, 180], lat: [-89, 89] };

const clampLon = (lon: number): number => Math.max(-180, Math.min(180, lon));
const clampLat = (lat: number): number => Math.max(-89.9, Math.min(89.9, lat));

function ring(r: Random, lon: number, lat: number, radiusDeg: number, n: number): Position[] {
  const out: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const rad = radiusDeg * r.uniform(0.5, 1);
    out.push([clampLon(lon + rad * Math.cos(a)), clampLat(lat + rad * Math.sin(a))]);
  }
  out.push(out[0]!);
  return out;
}

function randomWorld(seed: number, region: Region) {
  const r = seededRandom(seed);
  const lon = () => r.uniform(...region.lon);
  const lat = () => r.uniform(...region.lat);
  const polygons: LayerFeature[] = Array.from({ length: 40 }, (_, index) => {
    const [x, y] = [lon(), lat()];
    const outer = ring(r, x, y, r.uniform(0.3, 3), r.int(5, 30));
    if (index % 3 === 0) return { index, properties: {}, geometry: { type: "Polygon", coordinates: [outer, ring(r, x, y, 0.2, 8).reverse()] } };
    if (index % 3 === 1) return { index, properties: {}, geometry: { type: "MultiPolygon", coordinates: [[outer], [ring(r, lon(), lat(), 0.5, 6)]] } };
    return { index, properties: {}, geometry: { type: "Polygon", coordinates: [outer] } };
  });
  const points: LayerFeature[] = Array.from({ length: 300 }, (_, index) => ({
    index,
    properties: { voltage_kv: r.pick([115, 230, 345, 500, 765]) },
    geometry:
      index % 10 === 0
        ? {
            type: "MultiPoint",
            coordinates: [
              [lon(), lat()],
              [lon(), lat()],
            ],
          }
        : { type: "Point", coordinates: [lon(), lat()] },
  }));
  const lines: LayerFeature[] = Array.from({ length: 30 }, (_, index) => {
    let [x, y] = [lon(), lat()];
    const path: Position[] = [[x, y]];
    for (let k = 0; k < r.int(2, 40); k++) {
      x = clampLon(x + r.uniform(-2, 2));
      y = clampLat(y + r.uniform(-1.5, 1.5));
      path.push([x, y]);
    }
    return { index, properties: {}, geometry: { type: "LineString", coordinates: path } };
  });
  const sites = Array.from({ length: 1500 }, (_, i) => makeSite(`S${i}`, lat(), lon()));
  return { polygons, points, lines, sites };
}

function prepared(spec: LayerSpec, features: readonly LayerFeature[]): LoadedLayer {
  const loaded = prepareLayer(spec, features, "random.geojson");
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
  return loaded.value;
}

const coordsOfPoints = (f: LayerFeature): Position[] =>
  f.geometry?.type === "Point" ? [f.geometry.coordinates] : f.geometry?.type === "MultiPoint" ? f.geometry.coordinates : [];
const pathsOf = (f: LayerFeature): Position[][] =>
  f.geometry?.type === "LineString"
    ? [f.geometry.coordinates]
    : f.geometry?.type === "Polygon"
      ? f.geometry.coordinates
      : f.geometry?.type === "MultiPolygon"
        ? f.geometry.coordinates.flat()
        : [];
const partsOf = (f: LayerFeature): Polygon[] =>
  f.geometry?.type === "Polygon"
    ? [f.geometry]
    : f.geometry?.type === "MultiPolygon"
      ? f.geometry.coordinates.map((coordinates) => ({ type: "Polygon", coordinates }))
      : [];

describe.each([
  ["contiguous US", CONUS, 7],
  ["whole globe (antimeridian, poles)", GLOBE, 11],
])("indexed answers equal a brute-force scan: %s", (_, region, seed) => {
  const world = randomWorld(seed, region);
  const bufferKm = 40;
  const radiusKm = 150;
  const layers = [
    prepared({ name: "zones", file: "z", kind: "exclude", bufferKm }, world.polygons),
    prepared({ name: "hv", file: "p", kind: "distance", column: "d_hv", where: { property: "voltage_kv", op: ">=", value: 345 } }, world.points),
    prepared({ name: "hv-n", file: "p", kind: "count", column: "n_hv", radiusKm }, world.points),
    prepared({ name: "routes", file: "l", kind: "distance", column: "d_route" }, world.lines),
    prepared({ name: "routes-n", file: "l", kind: "count", column: "n_route", radiusKm }, world.lines),
  ];
  const { sites, exclusions } = applyLayers(world.sites, layers);
  const hv = world.points.filter((f) => (f.properties.voltage_kv as number) >= 345);
  const rings = packSegments(world.polygons.flatMap(pathsOf));
  const routePacks = world.lines.map((f) => packSegments(pathsOf(f)));

  it("exclusions (inside, holes, MultiPolygons, buffer)", () => {
    const mismatches = world.sites.filter((s) => {
      const inside = world.polygons.some((f) => partsOf(f).some((p) => booleanPointInPolygon([s.lon, s.lat], p)));
      const brute = inside || distanceToSegmentsKm(rings, s.lat, s.lon) <= bufferKm;
      return brute !== exclusions.has(s.siteId);
    });
    expect(mismatches.map((s) => s.siteId)).toEqual([]);
    // The data must exercise both outcomes, or the comparison proves little.
    expect(exclusions.size).toBeGreaterThan(10);
    expect(exclusions.size).toBeLessThan(world.sites.length - 10);
  });

  it("nearest point (with a property filter) and nearest line", () => {
    const problems: string[] = [];
    world.sites.forEach((s, i) => {
      const point = Math.min(...hv.flatMap(coordsOfPoints).map(([lon = 0, lat = 0]) => referenceHaversineKm(s.lat, s.lon, lat, lon)));
      const route = Math.min(...routePacks.map((pack) => distanceToSegmentsKm(pack, s.lat, s.lon)));
      const m = approxMismatch([sites[i]!.values.get("d_hv"), sites[i]!.values.get("d_route")], [point, route], { rel: 1e-9, abs: 1e-9 });
      if (m) problems.push(`${s.siteId}: ${m}`);
    });
    expect(problems).toEqual([]);
  });

  it("counts within a radius", () => {
    const problems: string[] = [];
    world.sites.forEach((s, i) => {
      const points = world.points.filter((f) =>
        coordsOfPoints(f).some(([lon = 0, lat = 0]) => referenceHaversineKm(s.lat, s.lon, lat, lon) <= radiusKm),
      ).length;
      const routes = routePacks.filter((pack) => distanceToSegmentsKm(pack, s.lat, s.lon) <= radiusKm).length;
      const got = [sites[i]!.values.get("n_hv"), sites[i]!.values.get("n_route")];
      if (got[0] !== points || got[1] !== routes) problems.push(`${s.siteId}: ${JSON.stringify(got)} != ${JSON.stringify([points, routes])}`);
    });
    expect(problems).toEqual([]);
    expect(sites.some((s) => (s.values.get("n_route") ?? 0) > 0)).toBe(true);
  });
});

describe("capBoxes", () => {
  it("holds every point of the cap (seeded points on the cap's rim)", () => {
    const r = seededRandom(3);
    const outside: string[] = [];
    for (let k = 0; k < 2000; k++) {
      const lat = r.uniform(-89, 89);
      const lon = r.uniform(-180, 180);
      const radiusKm = r.uniform(1, 3000);
      const boxes = capBoxes(lat, lon, radiusKm);
      // Walk the rim: the destination point at radiusKm along a random bearing.
      const d = radiusKm / 6371.0088;
      const bearing = r.uniform(0, 2 * Math.PI);
      const phi = (lat * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(phi) * Math.cos(d) + Math.cos(phi) * Math.sin(d) * Math.cos(bearing));
      let lon2 = (lon * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(phi), Math.cos(d) - Math.sin(phi) * Math.sin(lat2));
      lon2 = ((((lon2 * 180) / Math.PI + 540) % 360) - 180) * 1;
      const y = (lat2 * 180) / Math.PI;
      const inBox = boxes.some(([w, s, e, n]) => lon2 >= w - 1e-7 && lon2 <= e + 1e-7 && y >= s - 1e-7 && y <= n + 1e-7);
      if (!inBox) outside.push(`${lat},${lon} r=${radiusKm}: ${y},${lon2} not in ${JSON.stringify(boxes)}`);
    }
    expect(outside).toEqual([]);
  });
});
