import { createRequire } from "node:module";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { EARTH_RADIUS_KM, haversineKm } from "../../src/geo/sphere.ts";
import { distanceToStateKm, isInState, isStateCode, listStates, stateAt, stateInfo, statePolygon, type StateCode } from "../../src/geo/states.ts";
import { expectApprox } from "../helpers/approx.ts";

/** Brute force, independent of the segment maths: min haversine to points every 0.005° along each edge. */
function bruteForceBorderKm(code: StateCode, lat: number, lon: number): number {
  const geometry = statePolygon(code).geometry;
  const polygons: Position[][][] = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let best = Infinity;
  for (const ring of polygons.flat()) {
    for (let i = 1; i < ring.length; i++) {
      const [lon0 = 0, lat0 = 0] = ring[i - 1] ?? [];
      const [lon1 = 0, lat1 = 0] = ring[i] ?? [];
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(lon1 - lon0), Math.abs(lat1 - lat0)) / 0.005));
      for (let k = 0; k <= steps; k++) {
        const t = k / steps;
        best = Math.min(best, haversineKm(lat, lon, lat0 + (lat1 - lat0) * t, lon0 + (lon1 - lon0) * t));
      }
    }
  }
  return best;
}

describe("stateAt", () => {
  it.each([
    ["Austin", 30.2672, -97.7431, "TX"],
    ["Denver", 39.7392, -104.9903, "CO"],
    ["Phoenix", 33.4484, -112.074, "AZ"],
    ["Boston", 42.3601, -71.0589, "MA"],
    ["Ashburn", 39.0438, -77.4874, "VA"],
    ["Bismarck", 46.8083, -100.7837, "ND"],
    ["Honolulu", 21.3069, -157.8583, "HI"],
    ["Anchorage", 61.2181, -149.9003, "AK"],
  ] as const)("puts %s in %s", (_city, lat, lon, code) => {
    expect(stateAt(lat, lon)).toBe(code);
  });

  it("returns null at sea, abroad and for invalid coordinates", () => {
    expect(stateAt(26.0, -90.0)).toBeNull(); // Gulf of Mexico
    expect(stateAt(44.0, -87.0)).toBeNull(); // Lake Michigan
    expect(stateAt(45.5017, -73.5673)).toBeNull(); // Montreal
    expect(stateAt(19.4326, -99.1332)).toBeNull(); // Mexico City
    expect(stateAt(Number.NaN, -97)).toBeNull();
    expect(stateAt(95, -97)).toBeNull();
  });

  it("agrees with a plain scan over every state on seeded random points", () => {
    const rng = seededRandom(7);
    const codes = listStates().map((s) => s.code);
    for (let i = 0; i < 300; i++) {
      const lat = rng.uniform(24, 50);
      const lon = rng.uniform(-125, -66);
      const containing = codes.filter((c) => booleanPointInPolygon([lon, lat], statePolygon(c)));
      const found = stateAt(lat, lon);
      if (containing.length === 0) expect(found, `${lat},${lon}`).toBeNull();
      else expect(containing, `${lat},${lon}`).toContain(found);
      for (const code of ["TX", "MI", "CO"] as const) expect(isInState(code, lat, lon), `${code} ${lat},${lon}`).toBe(containing.includes(code));
    }
  });
});

describe("Michigan, a state in two main parts", () => {
  it("is a MultiPolygon with both peninsulas in different parts", () => {
    const michigan = statePolygon("MI");
    expect(michigan.geometry.type).toBe("MultiPolygon");
    if (michigan.geometry.type !== "MultiPolygon") return;
    const parts = michigan.geometry.coordinates.map((coordinates): Polygon => ({ type: "Polygon", coordinates }));
    const lansing: Position = [-84.5555, 42.7325];
    const marquette: Position = [-87.3954, 46.5436];
    const lansingPart = parts.findIndex((p) => booleanPointInPolygon(lansing, p));
    const marquettePart = parts.findIndex((p) => booleanPointInPolygon(marquette, p));
    expect(lansingPart).toBeGreaterThanOrEqual(0);
    expect(marquettePart).toBeGreaterThanOrEqual(0);
    expect(lansingPart).not.toBe(marquettePart);
    expect(stateAt(lansing[1] as number, lansing[0] as number)).toBe("MI");
    expect(stateAt(marquette[1] as number, marquette[0] as number)).toBe("MI");
  });

  it("measures a point in the Straits of Mackinac as close to Michigan, not inside", () => {
    const km = distanceToStateKm("MI", 45.8, -84.75);
    expect(km).toBeGreaterThan(0);
    expect(km).toBeLessThan(8);
  });
});

describe("distanceToStateKm", () => {
  it("is 0 inside the state", () => {
    expect(distanceToStateKm("TX", 30.2672, -97.7431)).toBe(0);
  });

  it("measures a point 0.1° south of Colorado's straight southern border (37°N)", () => {
    expect(stateAt(36.9, -105.5)).toBe("NM");
    expect(distanceToStateKm("NM", 36.9, -105.5)).toBe(0);
    // The true border is the 37th parallel; the 1:10m outline is within about a kilometre of it.
    const alongMeridianKm = haversineKm(36.9, -105.5, 37.0, -105.5);
    expectApprox(alongMeridianKm, (0.1 * Math.PI * EARTH_RADIUS_KM) / 180, { rel: 1e-12 });
    expectApprox(distanceToStateKm("CO", 36.9, -105.5), alongMeridianKm, { abs: 1 });
  });

  it("matches a brute-force scan of the border on seeded random points", () => {
    const rng = seededRandom(11);
    const cases: StateCode[] = ["CO", "MI", "TX", "VA"];
    for (const code of cases) {
      for (let i = 0; i < 12; i++) {
        const lat = rng.uniform(25, 49);
        const lon = rng.uniform(-124, -68);
        const km = distanceToStateKm(code, lat, lon);
        if (km === 0) {
          expect(booleanPointInPolygon([lon, lat], statePolygon(code))).toBe(true);
          continue;
        }
        // Sampling every 0.005° overshoots the true minimum by metres at most, and the 0.25°
        // great-circle pieces stray ~10 m from the straight lon/lat edges the samples lie on.
        expectApprox(km, bruteForceBorderKm(code, lat, lon), { abs: 0.05 });
      }
    }
  });

  it("returns NaN for an invalid coordinate", () => {
    expect(distanceToStateKm("TX", Number.NaN, 0)).toBeNaN();
  });
});

describe("state table", () => {
  it("covers every us-atlas state with the atlas's own name", () => {
    const topology = createRequire(import.meta.url)("us-atlas/states-10m.json") as Topology<{
      states: GeometryCollection<{ name: string }>;
    }>;
    const atlas = feature(topology, topology.objects.states).features;
    expect(listStates()).toHaveLength(atlas.length);
    for (const state of atlas) {
      const info = listStates().find((s) => s.fips === String(state.id));
      expect(info?.name, String(state.id)).toBe(state.properties.name);
      if (info) expect(statePolygon(info.code).properties.name).toBe(state.properties.name);
    }
    expect(new Set(listStates().map((s) => s.code)).size).toBe(atlas.length);
  });

  it("narrows codes and looks them up", () => {
    expect(isStateCode("TX")).toBe(true);
    expect(isStateCode("tx")).toBe(false);
    expect(isStateCode("XX")).toBe(false);
    expect(stateInfo("CO")?.name).toBe("Colorado");
    expect(stateInfo("XX")).toBeNull();
  });

  it("hands out frozen outlines, so callers cannot corrupt the cache", () => {
    const texas = statePolygon("TX");
    expect(Object.isFrozen(texas)).toBe(true);
    expect(Object.isFrozen(texas.geometry.coordinates)).toBe(true);
    expect(statePolygon("TX")).toBe(texas);
  });
});
