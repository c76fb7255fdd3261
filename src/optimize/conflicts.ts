import KDBush from "kdbush";
import { around } from "geokdbush";
import { greatCircleKm, type GeoPoint } from "../geo/sphere.ts";

/** A pair of point indices (first < second) closer than the minimum spacing. */
export type ConflictEdge = readonly [number, number];

/**
 * Pairs of points closer than `minSpacingKm` (great circle, geo/sphere.ts), found through a spatial
 * index so 20,000 points never cost 200 million distance calls.
 * @example conflictEdges([{ lat: 0, lon: 0 }, { lat: 0, lon: 0.5 }, { lat: 10, lon: 10 }], 100) // [[0, 1]]
 */
export function conflictEdges(points: readonly GeoPoint[], minSpacingKm: number): ConflictEdge[] {
  if (minSpacingKm <= 0 || points.length < 2) return [];
  const index = new KDBush(points.length);
  for (const p of points) index.add(p.lon, p.lat);
  index.finish();
  // geokdbush uses a slightly different earth radius than geo/sphere.ts: search a little wider,
  // then let the one great-circle distance decide, so no pair it calls a conflict is missed.
  const searchKm = minSpacingKm * 1.01 + 1;
  const edges: ConflictEdge[] = [];
  points.forEach((p, i) => {
    const near = around(index, p.lon, p.lat, Infinity, searchKm, (j: number) => j > i);
    near.sort((a, b) => a - b);
    for (const j of near) {
      const q = points[j];
      if (q !== undefined && greatCircleKm(p, q) < minSpacingKm) edges.push([i, j]);
    }
  });
  return edges;
}

function adjacencyOf(count: number, edges: readonly ConflictEdge[]): Set<number>[] {
  const adjacency = Array.from({ length: count }, () => new Set<number>());
  for (const [a, b] of edges) {
    adjacency[a]?.add(b);
    adjacency[b]?.add(a);
  }
  return adjacency;
}

/**
 * Greedy maximal-clique cover of the conflict graph's edges: every edge lies inside at least one
 * returned clique, and each clique is a set of pairwise-conflicting points. One row
 * `sum x <= 1` per clique is both fewer and tighter than one row per edge.
 * @example cliqueCover(3, [[0, 1], [0, 2], [1, 2]]) // [[0, 1, 2]]
 */
export function cliqueCover(count: number, edges: readonly ConflictEdge[]): number[][] {
  const adjacency = adjacencyOf(count, edges);
  const uncovered = adjacencyOf(count, edges);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (adjacency[b]?.size ?? 0) - (adjacency[a]?.size ?? 0) || a - b);
  const cliques: number[][] = [];
  for (const v of order) {
    const open = uncovered[v];
    if (open === undefined) continue;
    while (open.size > 0) {
      const clique = [v];
      let candidates = new Set(adjacency[v]);
      // Grow by the candidate that covers the most still-uncovered edges into the clique, then
      // keep growing with anything adjacent to all members so the clique is maximal.
      for (;;) {
        let best = -1;
        let bestGain = -1;
        for (const w of candidates) {
          let gain = 0;
          for (const m of clique) if (uncovered[w]?.has(m)) gain++;
          if (gain > bestGain || (gain === bestGain && w < best)) {
            best = w;
            bestGain = gain;
          }
        }
        if (best < 0) break;
        clique.push(best);
        const next = new Set<number>();
        const bestAdjacency = adjacency[best];
        for (const w of candidates) if (w !== best && bestAdjacency?.has(w)) next.add(w);
        candidates = next;
      }
      for (const a of clique) {
        for (const b of clique) if (a !== b) uncovered[a]?.delete(b);
      }
      clique.sort((a, b) => a - b);
      cliques.push(clique);
    }
  }
  return cliques;
}

/**
 * Partition of all points into cliques (each point in exactly one), greedily. The number of
 * parts is an upper bound on how many points can be pairwise non-conflicting.
 * @example cliquePartition(3, [[0, 1]]).length // 2
 */
export function cliquePartition(count: number, edges: readonly ConflictEdge[]): number[][] {
  const adjacency = adjacencyOf(count, edges);
  const assigned = new Array<boolean>(count).fill(false);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (adjacency[b]?.size ?? 0) - (adjacency[a]?.size ?? 0) || a - b);
  const parts: number[][] = [];
  for (const v of order) {
    if (assigned[v]) continue;
    assigned[v] = true;
    const part = [v];
    let candidates = [...(adjacency[v] ?? [])].filter((w) => !assigned[w]).sort((a, b) => a - b);
    while (candidates.length > 0) {
      const w = candidates[0] as number;
      assigned[w] = true;
      part.push(w);
      const adjacencyW = adjacency[w];
      candidates = candidates.filter((u) => u !== w && adjacencyW?.has(u));
    }
    parts.push(part);
  }
  return parts;
}
