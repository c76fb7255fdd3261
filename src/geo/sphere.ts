/**
 * Great-circle distances on a spherical Earth. Exact on the sphere (no flat-Earth shortcut), so
 * a border 300 km away is measured as well as one 3 km away; the sphere itself is within ~0.5 %
 * of the ellipsoid, far below the precision of the 1:10m boundaries it is used with.
 */

/** Mean Earth radius in km, the value turf uses, so results agree with turf's `distance`. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** A unit vector on the sphere. */
export type UnitVector = readonly [number, number, number];

/**
 * Latitude/longitude in degrees as a unit vector.
 * @example toUnitVector(0, 0); // [1, 0, 0]
 */
export function toUnitVector(lat: number, lon: number): UnitVector {
  const phi = lat * RAD;
  const lambda = lon * RAD;
  const cosPhi = Math.cos(phi);
  return [cosPhi * Math.cos(lambda), cosPhi * Math.sin(lambda), Math.sin(phi)];
}

/**
 * Great-circle distance between two points in degrees, in km (haversine).
 * @example Math.round(haversineKm(30.27, -97.74, 39.74, -104.99)); // 1242 (Austin to Denver)
 */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dPhi = (lat2 - lat1) * RAD;
  const dLambda = (lon2 - lon1) * RAD;
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Numbers per segment in a {@link packSegments} buffer: endpoint a, endpoint b, unit normal. */
const STRIDE = 9;

/**
 * Longest piece, in degrees of latitude or longitude, that an edge is cut into. Boundary files
 * and point-in-polygon tests read an edge as a straight line in lon/lat (Colorado's southern
 * border follows the 37th parallel), while a great circle between the same ends bows poleward,
 * by up to ~6 km over that 7° edge. The bow grows with the square of the length, so 0.25° pieces
 * follow the straight edge to within ~10 m.
 */
export const MAX_PIECE_DEG = 0.25;

/**
 * Packs the edges of closed rings (GeoJSON order: `[lon, lat]`, first point repeated last)
 * into one flat buffer of short great-circle pieces, each with its normal computed once, so that
 * {@link distanceToSegmentsKm} is a tight loop without allocations.
 * @example packSegments([[[0, 0], [1, 0], [1, 1], [0, 0]]]).length; // 108 (three 1° edges, 4 pieces each, × 9)
 */
export function packSegments(rings: readonly (readonly (readonly number[])[])[]): Float64Array {
  const pieces: number[] = [];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [lon0 = 0, lat0 = 0] = ring[i - 1] ?? [];
      const [lon1 = 0, lat1 = 0] = ring[i] ?? [];
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(lon1 - lon0), Math.abs(lat1 - lat0)) / MAX_PIECE_DEG));
      for (let k = 0; k < steps; k++) {
        const t0 = k / steps;
        const t1 = (k + 1) / steps;
        pieces.push(lat0 + (lat1 - lat0) * t0, lon0 + (lon1 - lon0) * t0, lat0 + (lat1 - lat0) * t1, lon0 + (lon1 - lon0) * t1);
      }
    }
  }
  const out = new Float64Array((pieces.length / 4) * STRIDE);
  for (let i = 0, o = 0; i < pieces.length; i += 4, o += STRIDE) {
    const a = toUnitVector(pieces[i] as number, pieces[i + 1] as number);
    const b = toUnitVector(pieces[i + 2] as number, pieces[i + 3] as number);
    let nx = a[1] * b[2] - a[2] * b[1];
    let ny = a[2] * b[0] - a[0] * b[2];
    let nz = a[0] * b[1] - a[1] * b[0];
    const norm = Math.hypot(nx, ny, nz);
    // A zero-length piece keeps a zero normal, which makes it an endpoint-only test below.
    if (norm > 0) {
      nx /= norm;
      ny /= norm;
      nz /= norm;
    }
    out.set([a[0], a[1], a[2], b[0], b[1], b[2], nx, ny, nz], o);
  }
  return out;
}

/**
 * Shortest great-circle distance in km from a point to any segment of a packed buffer
 * (`Infinity` for an empty buffer).
 * @example
 * const square = packSegments([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]);
 * Math.round(distanceToSegmentsKm(square, 0.5, 2)); // 111 (one degree north of the top edge)
 */
export function distanceToSegmentsKm(segments: Float64Array, lat: number, lon: number): number {
  const [px, py, pz] = toUnitVector(lat, lon);
  let best = Infinity;
  for (let o = 0; o + STRIDE <= segments.length; o += STRIDE) {
    const ax = segments[o] as number;
    const ay = segments[o + 1] as number;
    const az = segments[o + 2] as number;
    const bx = segments[o + 3] as number;
    const by = segments[o + 4] as number;
    const bz = segments[o + 5] as number;
    const nx = segments[o + 6] as number;
    const ny = segments[o + 7] as number;
    const nz = segments[o + 8] as number;
    // The foot of the perpendicular lies on the arc when p is "after" a and "before" b
    // around the normal; otherwise the nearest point is an endpoint.
    const afterA = (ay * pz - az * py) * nx + (az * px - ax * pz) * ny + (ax * py - ay * px) * nz;
    const beforeB = (py * bz - pz * by) * nx + (pz * bx - px * bz) * ny + (px * by - py * bx) * nz;
    // Squared chord length ranks points like the angle does, without any trigonometry.
    let chord2: number;
    if (afterA >= 0 && beforeB >= 0 && (nx !== 0 || ny !== 0 || nz !== 0)) {
      const sinOff = px * nx + py * ny + pz * nz;
      const sin2 = sinOff * sinOff;
      // 2 - 2·cos, rearranged so that a point metres from the border keeps its precision.
      chord2 = (2 * sin2) / (1 + Math.sqrt(Math.max(0, 1 - sin2)));
    } else {
      const da = (px - ax) ** 2 + (py - ay) ** 2 + (pz - az) ** 2;
      const db = (px - bx) ** 2 + (py - by) ** 2 + (pz - bz) ** 2;
      chord2 = da < db ? da : db;
    }
    if (chord2 < best) best = chord2;
  }
  if (best === Infinity) return Infinity;
  return 2 * Math.asin(Math.min(1, Math.sqrt(best) / 2)) * EARTH_RADIUS_KM;
}
