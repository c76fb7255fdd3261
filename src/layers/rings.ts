/**
 * Whether a polygon ring crosses itself (a "bow-tie"). Inside and outside of such a ring depend
 * on the algorithm asked, so an exclusion layer drawn with one would screen sites arbitrarily.
 * Segments are indexed by bounding box (flatbush), so a ring of n vertices costs about n log n,
 * not the n² pairs of a naive check.
 */
import Flatbush from "flatbush";
import type { Position } from "geojson";

export interface RingCrossing {
  /** 0-based indexes of the two crossing segments (segment i runs from position i to i + 1). */
  readonly first: number;
  readonly second: number;
  /** The crossing point, [lon, lat]. */
  readonly at: readonly [number, number];
}

const orientation = (a: Position, b: Position, c: Position): number =>
  Math.sign(((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) - ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0)));

/** The point where segments pq and rs cross properly (each strictly separates the other's ends). */
function properCrossing(p: Position, q: Position, r: Position, s: Position): readonly [number, number] | undefined {
  const o1 = orientation(p, q, r);
  const o2 = orientation(p, q, s);
  const o3 = orientation(r, s, p);
  const o4 = orientation(r, s, q);
  if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0 || o1 === o2 || o3 === o4) return undefined;
  const [px = 0, py = 0] = p;
  const [qx = 0, qy = 0] = q;
  const [rx = 0, ry = 0] = r;
  const [sx = 0, sy = 0] = s;
  const denominator = (qx - px) * (sy - ry) - (qy - py) * (sx - rx);
  const t = ((rx - px) * (sy - ry) - (ry - py) * (sx - rx)) / denominator;
  return [px + t * (qx - px), py + t * (qy - py)];
}

/**
 * The first proper crossing of two segments of a closed ring, if any. Rings that only touch
 * themselves at a vertex are not reported.
 * @example ringCrossing([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])?.at // [0.5, 0.5]
 */
export function ringCrossing(ring: readonly Position[]): RingCrossing | undefined {
  const segments = ring.length - 1;
  if (segments < 4) return undefined;
  const tree = new Flatbush(segments);
  for (let i = 0; i < segments; i++) {
    const [ax = 0, ay = 0] = ring[i] ?? [];
    const [bx = 0, by = 0] = ring[i + 1] ?? [];
    tree.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  tree.finish();
  for (let i = 0; i < segments; i++) {
    const p = ring[i] ?? [];
    const q = ring[i + 1] ?? [];
    const [px = 0, py = 0] = p;
    const [qx = 0, qy = 0] = q;
    for (const j of tree.search(Math.min(px, qx), Math.min(py, qy), Math.max(px, qx), Math.max(py, qy))) {
      // Each pair once; neighbours share an end and cannot cross properly anyway.
      if (j <= i + 1 || (i === 0 && j === segments - 1)) continue;
      const at = properCrossing(p, q, ring[j] ?? [], ring[j + 1] ?? []);
      if (at !== undefined) return { first: i, second: j, at };
    }
  }
  return undefined;
}
