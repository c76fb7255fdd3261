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

/** The conflict graph in compressed rows: the neighbours of v are `neighbours[start[v] .. start[v + 1])`. */
interface CompressedGraph {
  readonly start: Int32Array;
  readonly neighbours: Int32Array;
}

function compressed(count: number, edges: readonly ConflictEdge[]): CompressedGraph {
  const start = new Int32Array(count + 1);
  for (const [a, b] of edges) {
    (start[a + 1] as number)++;
    (start[b + 1] as number)++;
  }
  for (let v = 0; v < count; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  const fill = start.slice(0, count);
  const neighbours = new Int32Array(2 * edges.length);
  for (const [a, b] of edges) {
    neighbours[(fill[a] as number)++] = b;
    neighbours[(fill[b] as number)++] = a;
  }
  return { start, neighbours };
}

/**
 * Greedy maximal-clique cover of the conflict graph's edges: every edge lies inside at least one
 * returned clique, and each clique is a set of pairwise-conflicting points. One row
 * `sum x <= 1` per clique is both fewer and tighter than one row per edge.
 *
 * Vertices are taken by degree (largest first, then index). While a vertex has uncovered edges,
 * a clique grows from it by the candidate (a vertex adjacent to every member) with the most
 * uncovered edges into the clique, the smallest index on ties, until no candidate is left. Typed
 * arrays and stamps instead of sets: 15,724 points with 1.8 million conflicts take about a second.
 * @example cliqueCover(3, [[0, 1], [0, 2], [1, 2]]) // [[0, 1, 2]]
 */
export function cliqueCover(count: number, edges: readonly ConflictEdge[]): number[][] {
  const { start, neighbours } = compressed(count, edges);
  // uncovered[k] = 1 while the edge (v, neighbours[k]) of row v is in no clique yet.
  const uncovered = new Uint8Array(neighbours.length).fill(1);
  const openCount = new Int32Array(count);
  for (let v = 0; v < count; v++) openCount[v] = (start[v + 1] as number) - (start[v] as number);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (openCount[b] as number) - (openCount[a] as number) || a - b);
  // stamp[u] === tick: u is a neighbour of the vertex just added; open[u] === tick: by an uncovered edge.
  const stamp = new Int32Array(count);
  const open = new Int32Array(count);
  let tick = 0;
  const candidates = new Int32Array(count);
  const gains = new Int32Array(count);
  const cliques: number[][] = [];
  for (const v of order) {
    while ((openCount[v] as number) > 0) {
      const clique = [v];
      let size = 0;
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        candidates[size] = neighbours[k] as number;
        gains[size++] = uncovered[k] as number;
      }
      for (;;) {
        let best = -1;
        let bestGain = -1;
        for (let c = 0; c < size; c++) {
          const w = candidates[c] as number;
          const gain = gains[c] as number;
          if (gain > bestGain || (gain === bestGain && w < best)) {
            best = w;
            bestGain = gain;
          }
        }
        if (best < 0) break;
        clique.push(best);
        tick++;
        for (let k = start[best] as number; k < (start[best + 1] as number); k++) {
          const u = neighbours[k] as number;
          stamp[u] = tick;
          if (uncovered[k] === 1) open[u] = tick;
        }
        let kept = 0;
        for (let c = 0; c < size; c++) {
          const w = candidates[c] as number;
          if (w === best || stamp[w] !== tick) continue;
          candidates[kept] = w;
          gains[kept++] = (gains[c] as number) + (open[w] === tick ? 1 : 0);
        }
        size = kept;
      }
      // Every pair inside the clique is covered now.
      tick++;
      for (const m of clique) stamp[m] = tick;
      for (const a of clique) {
        for (let k = start[a] as number; k < (start[a + 1] as number); k++) {
          if (uncovered[k] === 1 && stamp[neighbours[k] as number] === tick) {
            uncovered[k] = 0;
            (openCount[a] as number)--;
          }
        }
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
