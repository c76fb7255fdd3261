/**
 * Layer screening speed: 20,000 seeded random US sites against generated layers of thousands of
 * vertices (polygons with holes and a 5 km buffer, substation points with a voltage filter, line
 * routes), through the same prepareLayer + applyLayers the pipeline uses. A brute-force scan of a
 * sample shows what the indexes save.
 *
 *   npx tsx bench/layers.ts [sites=20000]
 */
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Papa from "papaparse";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { Polygon, Position } from "geojson";
import { seededRandom, type Random } from "../src/core/random.ts";
import { distanceToSegmentsKm, haversineKm, packSegments } from "../src/geo/sphere.ts";
import { applyLayers } from "../src/layers/apply.ts";
import type { LayerFeature } from "../src/layers/geojson.ts";
import { prepareLayer, type LoadedLayer } from "../src/layers/layer.ts";
import type { LayerSpec } from "../src/scenario/schema.ts";
import { asSiteId, type Site } from "../src/sites/types.ts";

const siteCount = Number(process.argv[2] ?? 20_000);
const rng = seededRandom(20260701);
const usLon = (r: Random): number => r.uniform(-124, -67);
const usLat = (r: Random): number => r.uniform(25, 49);

function site(i: number, lat: number, lon: number): Site {
  return {
    siteId: asSiteId(`B${i}`),
    name: `bench ${i}`,
    lat,
    lon,
    country: "US",
    region: "TX",
    gridZone: "ERCOT",
    firmPowerMw: 1000,
    timeToPowerMonths: null,
    powerPriceUsdMwh: null,
    carbonKgMwh: null,
    permittingMonths: null,
    capexBn: 10,
    costOfCapitalPct: null,
    incentivesBn: null,
    brownfield: null,
    permitted: null,
    earliestOnlineDate: null,
    line: i + 2,
    values: new Map(),
    text: new Map(),
  };
}

/** A star-shaped ring of `n` vertices around a centre, radii in degrees, closed. */
function blob(r: Random, lon: number, lat: number, radiusDeg: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const angle = (2 * Math.PI * k) / n;
    const radius = radiusDeg * r.uniform(0.6, 1);
    ring.push([lon + radius * Math.cos(angle), lat + radius * Math.sin(angle)]);
  }
  ring.push(ring[0] as Position);
  return ring;
}

function polygonFeatures(count: number, vertices: number): LayerFeature[] {
  return Array.from({ length: count }, (_, index): LayerFeature => {
    const lon = usLon(rng);
    const lat = usLat(rng);
    const outer = blob(rng, lon, lat, rng.uniform(0.2, 0.8), vertices);
    // Every fourth polygon has a hole, reversed as RFC 7946 asks.
    const rings = index % 4 === 0 ? [outer, blob(rng, lon, lat, 0.1, 12).reverse()] : [outer];
    return { index, geometry: { type: "Polygon", coordinates: rings }, properties: {} };
  });
}

function pointFeatures(count: number): LayerFeature[] {
  const voltages = [115, 230, 345, 500, 765];
  return Array.from(
    { length: count },
    (_, index): LayerFeature => ({
      index,
      geometry: { type: "Point", coordinates: [usLon(rng), usLat(rng)] },
      properties: { voltage_kv: rng.pick(voltages) },
    }),
  );
}

function lineFeatures(count: number, vertices: number): LayerFeature[] {
  return Array.from({ length: count }, (_, index): LayerFeature => {
    let lon = usLon(rng);
    let lat = usLat(rng);
    const path: Position[] = [[lon, lat]];
    for (let k = 1; k < vertices; k++) {
      lon += rng.uniform(-0.15, 0.15);
      lat += rng.uniform(-0.1, 0.1);
      path.push([lon, lat]);
    }
    return { index, geometry: { type: "LineString", coordinates: path }, properties: {} };
  });
}

function prepare(spec: LayerSpec, features: readonly LayerFeature[]): LoadedLayer {
  const loaded = prepareLayer(spec, features, `generated:${spec.name}`);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("\n"));
  return loaded.value;
}

function vertexCount(features: readonly LayerFeature[]): number {
  let n = 0;
  for (const { geometry: g } of features) {
    if (g?.type === "Polygon") n += g.coordinates.reduce((sum, ring) => sum + ring.length, 0);
    else if (g?.type === "LineString") n += g.coordinates.length;
    else if (g?.type === "Point") n += 1;
  }
  return n;
}

const sites = Array.from({ length: siteCount }, (_, i) => site(i, usLat(rng), usLon(rng)));
const polygons = polygonFeatures(200, 40);
const points = pointFeatures(3000);
const lines = lineFeatures(100, 60);

let t = performance.now();
const layers = [
  prepare({ name: "protected", file: "-", kind: "exclude", bufferKm: 5 }, polygons),
  prepare({ name: "hv", file: "-", kind: "distance", column: "dist_hv_345kv_km", where: { property: "voltage_kv", op: ">=", value: 345 } }, points),
  prepare({ name: "hv-count", file: "-", kind: "count", column: "hv_within_50km", radiusKm: 50 }, points),
  prepare({ name: "fiber", file: "-", kind: "distance", column: "dist_fiber_km" }, lines),
];
const buildMs = performance.now() - t;

console.log(`sites: ${siteCount.toLocaleString("en-US")}`);
console.log(
  `layers: ${polygons.length} polygons (${vertexCount(polygons)} vertices, 5 km buffer), ${points.length} points, ${lines.length} lines (${vertexCount(lines)} vertices)`,
);
console.log(`index build: ${buildMs.toFixed(0)} ms`);
for (const layer of layers) {
  t = performance.now();
  const out = applyLayers(sites, [layer]);
  console.log(
    `  ${layer.spec.name.padEnd(9)} ${(performance.now() - t).toFixed(0).padStart(6)} ms${layer.kind === "exclude" ? ` (${out.exclusions.size} excluded)` : ""}`,
  );
}
t = performance.now();
const all = applyLayers(sites, layers);
const allMs = performance.now() - t;
console.log(`all four layers, ${siteCount.toLocaleString("en-US")} sites: ${allMs.toFixed(0)} ms (${all.exclusions.size} excluded)`);

// Brute force on a sample: every polygon, every point, every segment, for each site.
const sample = sites.slice(0, 500);
const rings = packSegments(polygons.flatMap((f) => (f.geometry as Polygon).coordinates));
const routes = lines.map((f) => packSegments([(f.geometry as { coordinates: Position[] }).coordinates]));
t = performance.now();
for (const s of sample) {
  polygons.some((f) => booleanPointInPolygon([s.lon, s.lat], f.geometry as Polygon)) || distanceToSegmentsKm(rings, s.lat, s.lon) <= 5;
  let best = Infinity;
  for (const f of points) {
    const [lon = 0, lat = 0] = (f.geometry as { coordinates: Position }).coordinates;
    if ((f.properties.voltage_kv as number) >= 345) best = Math.min(best, haversineKm(s.lat, s.lon, lat, lon));
  }
  for (const f of points) {
    const [lon = 0, lat = 0] = (f.geometry as { coordinates: Position }).coordinates;
    void (haversineKm(s.lat, s.lon, lat, lon) <= 50);
  }
  for (const route of routes) best = Math.min(best, distanceToSegmentsKm(route, s.lat, s.lon));
}
const bruteMs = ((performance.now() - t) / sample.length) * siteCount;
console.log(`brute-force scan (measured on ${sample.length} sites, scaled): ~${(bruteMs / 1000).toFixed(1)} s for ${siteCount.toLocaleString("en-US")} sites`);

// Real points, when the shared GPPD extract is beside the project: every US plant of 100 MW or
// more (WRI Global Power Plant Database v1.3.0, CC BY 4.0), read here and never copied.
const gppdPath = "../shared/data/gppd/database_USA.csv";
if (existsSync(gppdPath)) {
  const rows = Papa.parse<Record<string, string>>(readFileSync(gppdPath, "utf8"), { header: true, skipEmptyLines: true }).data;
  const plants = rows
    .filter((r) => Number(r.capacity_mw) >= 100)
    .map(
      (r, index): LayerFeature => ({
        index,
        geometry: { type: "Point", coordinates: [Number(r.longitude), Number(r.latitude)] },
        properties: { capacity_mw: Number(r.capacity_mw) },
      }),
    );
  const layer = prepare({ name: "gppd", file: gppdPath, kind: "distance", column: "dist_plant_km" }, plants);
  t = performance.now();
  applyLayers(sites, [layer]);
  console.log(
    `GPPD plants >= 100 MW (${plants.length.toLocaleString("en-US")} points), nearest for ${siteCount.toLocaleString("en-US")} sites: ${(performance.now() - t).toFixed(0)} ms`,
  );
}
