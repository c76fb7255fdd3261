import { describe, expect, it } from "vitest";
import { applyLayers } from "../../src/layers/apply.ts";
import { expectApprox } from "../helpers/approx.ts";
import { R_KM, collection, kmToLatDeg, layerOf, makeSite, referenceHaversineKm } from "./helpers.ts";

const RAD = Math.PI / 180;
const square = (w: number, s: number, e: number, n: number): number[][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

describe("exclusion layers: point in polygon", () => {
  // A 10°×10° area with a 4°×4° hole in the middle, and a two-part MultiPolygon.
  const protectedArea = layerOf(
    { name: "park", file: "park.geojson", kind: "exclude" },
    collection([
      { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [square(-100, 30, -90, 40), square(-97, 33, -93, 37).reverse()] } },
    ]),
  );
  const floodZones = layerOf(
    { name: "flood", file: "flood.geojson", kind: "exclude" },
    collection([
      { type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: [[square(-80, 30, -79, 31)], [square(-70, 40, -69, 41)]] } },
    ]),
  );

  it("excludes a site inside the outer ring and keeps one in the hole", () => {
    const sites = [makeSite("in-ring", 31, -99), makeSite("in-hole", 35, -95), makeSite("outside", 45, -95)];
    const { exclusions } = applyLayers(sites, [protectedArea]);
    expect([...exclusions.keys()]).toEqual(["in-ring"]);
    expect(exclusions.get(sites[0]!.siteId)).toEqual(["inside park"]);
  });

  it("excludes sites in either part of a MultiPolygon and none between them", () => {
    const sites = [makeSite("south-part", 30.5, -79.5), makeSite("north-part", 40.5, -69.5), makeSite("between", 35, -75)];
    const { exclusions } = applyLayers(sites, [floodZones]);
    expect([...exclusions.keys()].sort()).toEqual(["north-part", "south-part"]);
  });

  it("gives one reason per layer, in layer order", () => {
    const both = layerOf(
      { name: "everything", file: "all.geojson", kind: "exclude", reason: "whole test area" },
      collection([{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [square(-101, 29, -89, 41)] } }]),
    );
    const { exclusions } = applyLayers([makeSite("a", 31, -99)], [protectedArea, both]);
    expect(exclusions.get(makeSite("a", 0, 0).siteId)).toEqual(["inside park", "whole test area"]);
  });
});

describe("exclusion layers: buffer at the border", () => {
  // The west edge runs along the meridian 100° W, a great circle and a straight lon/lat line
  // alike, so a site's distance to it is asin(sin Δλ · cos φ) · R by hand.
  const lat = 35;
  const lonAtKmWest = (km: number): number => -100 - Math.asin(Math.sin(km / R_KM) / Math.cos(lat * RAD)) / RAD;
  const area = (bufferKm: number) =>
    layerOf(
      { name: "reserve", file: "reserve.geojson", kind: "exclude", bufferKm },
      collection([{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [square(-100, 30, -95, 40)] } }]),
    );

  it("excludes a site 3 km outside with a 5 km buffer, not one 7 km outside", () => {
    const sites = [makeSite("3km", lat, lonAtKmWest(3)), makeSite("7km", lat, lonAtKmWest(7))];
    const { exclusions } = applyLayers(sites, [area(5)]);
    expect([...exclusions.keys()]).toEqual(["3km"]);
    expect(exclusions.get(sites[0]!.siteId)).toEqual(["within 5 km of reserve"]);
  });

  it("draws the line at the buffer to within 100 m", () => {
    const sites = [makeSite("4.9km", lat, lonAtKmWest(4.9)), makeSite("5.1km", lat, lonAtKmWest(5.1))];
    expect([...applyLayers(sites, [area(5)]).exclusions.keys()]).toEqual(["4.9km"]);
  });

  it("without a buffer only the inside counts", () => {
    const sites = [makeSite("3km", lat, lonAtKmWest(3)), makeSite("inside", lat, -99.99)];
    expect([...applyLayers(sites, [area(0)]).exclusions.keys()]).toEqual(["inside"]);
  });

  it("measures the buffer from a hole's edge too", () => {
    const holed = layerOf(
      { name: "holed", file: "h.geojson", kind: "exclude", bufferKm: 5 },
      collection([
        { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [square(-110, 30, -90, 40), square(-100, 34, -96, 36).reverse()] } },
      ]),
    );
    const nearHoleEdge = makeSite("near", 35, -100 + Math.asin(Math.sin(3 / R_KM) / Math.cos(35 * RAD)) / RAD);
    const holeCentre = makeSite("centre", 35, -98);
    expect([...applyLayers([nearHoleEdge, holeCentre], [holed]).exclusions.keys()]).toEqual(["near"]);
  });
});

describe("distance layers", () => {
  const newYork = [40.7128, -74.006] as const;
  const losAngeles = [34.0522, -118.2437] as const;
  const london = [51.5074, -0.1278] as const;
  const paris = [48.8566, 2.3522] as const;
  const cities = layerOf(
    { name: "cities", file: "cities.geojson", kind: "distance", column: "dist_city_km" },
    collection(
      [losAngeles, paris].map(([lat, lon]) => ({ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [lon, lat] } })),
    ),
  );

  it("matches hand-computed great-circle distances for known city pairs", () => {
    // Anchors for the reference itself: published haversine figures, to the kilometre.
    expect(Math.round(referenceHaversineKm(...newYork, ...losAngeles))).toBe(3936);
    expect(Math.round(referenceHaversineKm(...london, ...paris))).toBe(344);
    const { sites } = applyLayers([makeSite("nyc", ...newYork), makeSite("london", ...london)], [cities]);
    expectApprox(sites[0]!.values.get("dist_city_km"), referenceHaversineKm(...newYork, ...losAngeles), { rel: 1e-9 });
    expectApprox(sites[1]!.values.get("dist_city_km"), referenceHaversineKm(...london, ...paris), { rel: 1e-9 });
  });

  it("measures to the nearest point of a line, not only its vertices", () => {
    const route = layerOf(
      { name: "route", file: "route.geojson", kind: "distance", column: "dist_route_km" },
      collection([
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "LineString",
            coordinates: [
              [10, 0],
              [10, 20],
            ],
          },
        },
      ]),
    );
    const beside = makeSite("beside", 10, 11);
    const beyondEnd = makeSite("beyond", 25, 10);
    const { sites } = applyLayers([beside, beyondEnd], [route]);
    // Perpendicular to a meridian: asin(sin Δλ cos φ) R; past the end: straight up the meridian.
    expectApprox(sites[0]!.values.get("dist_route_km"), Math.asin(Math.sin(1 * RAD) * Math.cos(10 * RAD)) * R_KM, { rel: 1e-9 });
    expectApprox(sites[1]!.values.get("dist_route_km"), 5 * RAD * R_KM, { rel: 1e-9 });
  });

  it("keeps only features passing the property filter (voltage >= 345)", () => {
    const at = (km: number, voltage: unknown) => ({
      type: "Feature" as const,
      properties: voltage === undefined ? {} : { voltage_kv: voltage },
      geometry: { type: "Point" as const, coordinates: [-100, 35 + kmToLatDeg(km)] },
    });
    const subs = collection([at(10, 230), at(50, 345), at(80, "500"), at(5, undefined)]);
    const spec = (op: ">=" | ">", value: number) =>
      layerOf({ name: "hv", file: "hv.geojson", kind: "distance", column: "d", where: { property: "voltage_kv", op, value } }, subs);
    const all = layerOf({ name: "any", file: "hv.geojson", kind: "distance", column: "d" }, subs);
    const site = [makeSite("s", 35, -100)];
    expectApprox(applyLayers(site, [spec(">=", 345)]).sites[0]!.values.get("d"), 50, { rel: 1e-9 });
    expectApprox(applyLayers(site, [spec(">", 345)]).sites[0]!.values.get("d"), 80, { rel: 1e-9 });
    expectApprox(applyLayers(site, [all]).sites[0]!.values.get("d"), 5, { rel: 1e-9 });
  });
});

describe("count layers", () => {
  const lat = 35;
  const eastDeg = (km: number): number => (2 * Math.asin(Math.sin(km / (2 * R_KM)) / Math.cos(lat * RAD))) / RAD;

  it("counts features within the radius, inclusive of the ones just inside", () => {
    const points = [10, 20, 30].map((km) => ({
      type: "Feature" as const,
      properties: {},
      geometry: { type: "Point" as const, coordinates: [-100, lat + kmToLatDeg(km)] },
    }));
    const east = { type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [-100 + eastDeg(24), lat] } };
    const layer = (radiusKm: number) => layerOf({ name: "subs", file: "s.geojson", kind: "count", column: "n", radiusKm }, collection([...points, east]));
    const site = [makeSite("s", lat, -100)];
    expect(applyLayers(site, [layer(25)]).sites[0]!.values.get("n")).toBe(3);
    expect(applyLayers(site, [layer(23.9)]).sites[0]!.values.get("n")).toBe(2);
    expect(applyLayers(site, [layer(31)]).sites[0]!.values.get("n")).toBe(4);
    expect(applyLayers(site, [layer(5)]).sites[0]!.values.get("n")).toBe(0);
  });

  it("counts a line once however many of its segments are near", () => {
    const zigzag = [
      [-100.2, 35.01],
      [-100.1, 34.99],
      [-100, 35.01],
      [-99.9, 34.99],
      [-99.8, 35.01],
    ];
    const layer = layerOf(
      { name: "fiber", file: "f.geojson", kind: "count", column: "routes", radiusKm: 20 },
      collection([
        { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: zigzag } },
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "MultiLineString",
            coordinates: [
              [
                [-100, 36],
                [-99, 36],
              ],
              [
                [-100.05, 35.05],
                [-99.95, 35.05],
              ],
            ],
          },
        },
      ]),
    );
    expect(applyLayers([makeSite("s", 35, -100)], [layer]).sites[0]!.values.get("routes")).toBe(2);
  });
});

describe("applyLayers", () => {
  it("returns new sites with the derived columns and leaves the input untouched", () => {
    const layer = layerOf(
      { name: "p", file: "p.geojson", kind: "distance", column: "dist_p_km" },
      collection([{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [-100, 36] } }]),
    );
    const original = makeSite("s", 35, -100, { values: new Map([["capex_bn", 9]]) });
    const frozen = Object.freeze({ ...original, values: new Map(original.values) });
    const { sites } = applyLayers([frozen], [layer]);
    expect(sites[0]).not.toBe(frozen);
    expect([...frozen.values.keys()]).toEqual(["capex_bn"]);
    expect(sites[0]!.values.get("capex_bn")).toBe(9);
    expectApprox(sites[0]!.values.get("dist_p_km"), referenceHaversineKm(35, -100, 36, -100), { rel: 1e-9 });
    expect({ ...sites[0], values: undefined }).toEqual({ ...frozen, values: undefined });
  });
});
