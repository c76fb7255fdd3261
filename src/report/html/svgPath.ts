/**
 * A d3-geo path context that writes compact SVG path data: coordinates rounded to 0.1 px,
 * relative moves, repeated points dropped and rings that collapse to a speck left out. The
 * 1:10m state outlines shrink to a fraction of what `geoPath().digits(1)` writes, and the
 * output is identical for identical input.
 */
import { geoPath, type GeoContext, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";

/** Screen coordinates in tenths of a pixel, so rounding happens once and deltas are exact. */
const TENTHS = 10;

const tenths = (v: number): string => {
  const s = String(v / TENTHS);
  return s === "-0" ? "0" : s;
};

/**
 * Collects path commands; `moveTo`/`lineTo`/`closePath` is the context API d3-geo draws into.
 * @example const p = new CompactPath(); p.moveTo(0, 0); p.lineTo(10, 0); p.lineTo(10, 10); p.closePath(); p.toString() // "M0 0l10 0 0 10z"
 */
export class CompactPath implements GeoContext {
  private readonly parts: string[] = [];
  private ring: number[] = [];

  /**
   * @param minStepPx a point closer than this (on both axes) to the last one kept is dropped:
   * detail below a pixel is invisible on screen and in print, yet it was most of the bytes.
   */
  constructor(private readonly minStepPx = 0) {}

  moveTo(x: number, y: number): void {
    this.flush(false);
    this.push(x, y);
  }

  lineTo(x: number, y: number): void {
    this.push(x, y);
  }

  closePath(): void {
    this.flush(true);
  }

  /** Points (d3 draws them as arcs) are not drawn: sites get markers of their own. */
  arc(): void {}

  beginPath(): void {}

  toString(): string {
    this.flush(false);
    return this.parts.join("");
  }

  private push(x: number, y: number): void {
    const rx = Math.round(x * TENTHS);
    const ry = Math.round(y * TENTHS);
    const n = this.ring.length;
    if (n >= 2) {
      const dx = Math.abs(rx - (this.ring[n - 2] ?? 0));
      const dy = Math.abs(ry - (this.ring[n - 1] ?? 0));
      if ((dx === 0 && dy === 0) || (dx < this.minStepPx * TENTHS && dy < this.minStepPx * TENTHS)) return;
    }
    this.ring.push(rx, ry);
  }

  private flush(closed: boolean): void {
    const ring = this.ring;
    this.ring = [];
    // "z" draws the closing segment, so a repeated first point (GeoJSON rings have one) goes.
    if (closed && ring.length >= 4 && ring[0] === ring.at(-2) && ring[1] === ring.at(-1)) ring.length -= 2;
    // A closed ring needs three distinct points to enclose anything; a line needs two.
    if (ring.length < (closed ? 6 : 4)) return;
    let x = ring[0] ?? 0;
    let y = ring[1] ?? 0;
    const steps: string[] = [];
    for (let i = 2; i < ring.length; i += 2) {
      const nx = ring[i] ?? 0;
      const ny = ring[i + 1] ?? 0;
      steps.push(`${tenths(nx - x)} ${tenths(ny - y)}`);
      x = nx;
      y = ny;
    }
    this.parts.push(`M${tenths(ring[0] ?? 0)} ${tenths(ring[1] ?? 0)}l${steps.join(" ")}${closed ? "z" : ""}`);
  }
}

/**
 * SVG path data of a GeoJSON object through a projection, compact (see {@link CompactPath});
 * `minStepPx` thins points closer than that to the previous one.
 * @example pathData(projection, statesFeatureCollection) // "M123.4 56.7l0.3 -0.2 …z…"
 */
export function pathData(projection: GeoProjection, object: GeoPermissibleObjects, minStepPx = 0): string {
  const context = new CompactPath(minStepPx);
  geoPath(projection, context).pointRadius(0)(object);
  return context.toString();
}

/**
 * Path data of a ring of `[lon, lat]` points projected one by one; points the projection cannot
 * show (null) are skipped. A jump longer than `maxJumpPx` (a ring cut by the antimeridian on a
 * world map) breaks the ring into open lines rather than drawing a stroke across the map.
 * @example ringData((p) => [p[0], p[1]], [[0, 0], [10, 0], [10, 10], [0, 0]]) // "M0 0l10 0 0 10z"
 */
export function ringData(project: (p: [number, number]) => [number, number] | null, ring: readonly (readonly number[])[], maxJumpPx = Infinity): string {
  const context = new CompactPath();
  let last: [number, number] | null = null;
  let broken = false;
  for (const position of ring) {
    const xy = project([position[0] ?? 0, position[1] ?? 0]);
    if (xy === null) continue;
    if (last === null) context.moveTo(xy[0], xy[1]);
    else if (Math.hypot(xy[0] - last[0], xy[1] - last[1]) > maxJumpPx) {
      broken = true;
      context.moveTo(xy[0], xy[1]);
    } else context.lineTo(xy[0], xy[1]);
    last = xy;
  }
  if (last !== null && !broken) context.closePath();
  return context.toString();
}
