import type { ValueFunction } from "../scenario/schema.ts";

/** Observed range of a column over the screened sites, for the opt-in min-max value function. */
export interface ColumnRange {
  readonly min: number;
  readonly max: number;
}

const clamp100 = (v: number): number => Math.min(100, Math.max(0, v));

/**
 * Maps a raw value to 0–100. `linear` and `piecewise` use fixed anchors, so a site's value never
 * depends on other rows; `minmax` needs the column's range over the screened sites.
 * @example applyValueFunction({ kind: "linear", worst: 36, best: 0 }, "lower", 9) // 75
 */
export function applyValueFunction(fn: ValueFunction, direction: "higher" | "lower", raw: number, range?: ColumnRange): number {
  switch (fn.kind) {
    case "linear":
      return fn.best === fn.worst ? (raw === fn.best ? 100 : 0) : clamp100((100 * (raw - fn.worst)) / (fn.best - fn.worst));
    case "piecewise":
      return clamp100(interpolate(fn.points, raw));
    case "minmax": {
      if (!range) throw new Error("minmax value function needs the column range");
      if (range.max === range.min) return 100;
      const t = (raw - range.min) / (range.max - range.min);
      return clamp100(100 * (direction === "higher" ? t : 1 - t));
    }
  }
}

function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 0;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] as readonly [number, number];
    const [x0, y0] = points[i - 1] as readonly [number, number];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}
