import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import {
  EARTH_RADIUS_KM,
  MAX_PIECE_DEG,
  distanceToBorderKm,
  distanceToSegmentsKm,
  haversineKm,
  packBorder,
  packSegments,
  toUnitVector,
} from "../../src/geo/sphere.ts";
import { ringBox } from "../../src/geo/box.ts";
import { expectApprox } from "../helpers/approx.ts";

const oneDegreeKm = (Math.PI * EARTH_RADIUS_KM) / 180;

describe("haversineKm", () => {
  it("measures one degree along a meridian and a quarter of the equator", () => {
    expectApprox(haversineKm(10, 20, 11, 20), oneDegreeKm, { rel: 1e-12 });
    expectApprox(haversineKm(0, 0, 0, 90), 90 * oneDegreeKm, { rel: 1e-12 });
  });

  it("is symmetric and zero on the diagonal", () => {
    const rng = seededRandom(3);
    for (let i = 0; i < 50; i++) {
      const [a, b, c, d] = [rng.uniform(-80, 80), rng.uniform(-180, 180), rng.uniform(-80, 80), rng.uniform(-180, 180)];
      expectApprox(haversineKm(a, b, c, d), haversineKm(c, d, a, b), { rel: 1e-12 });
      expect(haversineKm(a, b, a, b)).toBe(0);
    }
  });
});

describe("toUnitVector", () => {
  it("places the poles and the prime meridian", () => {
    expectApprox(toUnitVector(0, 0), [1, 0, 0], { abs: 1e-15 });
    expectApprox(toUnitVector(90, 0), [0, 0, 1], { abs: 1e-15 });
  });
});

describe("distanceToSegmentsKm", () => {
  const square = packSegments([
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ]);

  it("cuts edges into pieces no longer than MAX_PIECE_DEG", () => {
    expect(square.length / 9).toBe(4 * Math.ceil(1 / MAX_PIECE_DEG));
  });

  it("measures perpendicular to an edge and to a corner", () => {
    expectApprox(distanceToSegmentsKm(square, 2, 0.5), haversineKm(2, 0.5, 1, 0.5), { rel: 1e-6 });
    expectApprox(distanceToSegmentsKm(square, -1, -1), haversineKm(-1, -1, 0, 0), { rel: 1e-9 });
    expectApprox(distanceToSegmentsKm(square, 0.5, 0.2), haversineKm(0.5, 0.2, 0.5, 0), { rel: 1e-6 });
  });

  it("keeps metre precision next to an edge", () => {
    const km = distanceToSegmentsKm(square, 0.5, 1 + 1e-5);
    expectApprox(km, 1e-5 * oneDegreeKm * Math.cos((0.5 * Math.PI) / 180), { rel: 1e-4 });
  });

  it("is Infinity with no segments", () => {
    expect(distanceToSegmentsKm(packSegments([]), 0, 0)).toBe(Infinity);
  });
});

describe("distanceToBorderKm", () => {
  it("gives exactly the full scan's answer on a long wiggly ring, near and far", () => {
    const rng = seededRandom(5);
    // A closed ring of 400 points wandering around (40°N, 100°W): 13 caps of pieces or more.
    const ring: number[][] = [];
    for (let i = 0; i < 400; i++) {
      const angle = (2 * Math.PI * i) / 400;
      const radiusDeg = 3 + rng.uniform(-0.5, 0.5);
      ring.push([-100 + radiusDeg * Math.cos(angle) * 1.3, 40 + radiusDeg * Math.sin(angle)]);
    }
    ring.push([...(ring[0] as number[])]);
    const border = packBorder([ring]);
    const segments = packSegments([ring]);
    expect(border.caps.length / 4).toBeGreaterThan(10);
    for (let i = 0; i < 300; i++) {
      const lat = rng.uniform(20, 60);
      const lon = rng.uniform(-130, -70);
      expect(distanceToBorderKm(border, lat, lon)).toBe(distanceToSegmentsKm(segments, lat, lon));
    }
  });

  it("is Infinity with no segments", () => {
    expect(distanceToBorderKm(packBorder([]), 0, 0)).toBe(Infinity);
  });
});

describe("ringBox", () => {
  it("bounds every position and nothing more", () => {
    const rng = seededRandom(9);
    const positions = Array.from({ length: 50 }, () => [rng.uniform(-180, 180), rng.uniform(-90, 90)]);
    const [minLon, minLat, maxLon, maxLat] = ringBox(positions);
    expect(minLon).toBe(Math.min(...positions.map((p) => p[0] as number)));
    expect(maxLon).toBe(Math.max(...positions.map((p) => p[0] as number)));
    expect(minLat).toBe(Math.min(...positions.map((p) => p[1] as number)));
    expect(maxLat).toBe(Math.max(...positions.map((p) => p[1] as number)));
  });
});
