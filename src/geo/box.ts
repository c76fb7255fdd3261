/** A lon/lat bounding box, in the order flatbush's `add` and `search` take. */
export type LonLatBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

/**
 * The bounding box of `[lon, lat]` positions (a ring's box bounds its whole polygon); an empty
 * list gives an inverted box that no search ever hits.
 * @example ringBox([[-1, 2], [3, -4], [0, 0]]); // [-1, -4, 3, 2]
 */
export function ringBox(positions: readonly (readonly number[])[]): LonLatBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon = 0, lat = 0] of positions) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}
