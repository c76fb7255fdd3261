/** Rank agreement measures for comparing two rankings of the same sites. */

function tiedPairs(sortedValues: readonly number[]): number {
  let pairs = 0;
  let run = 1;
  for (let i = 1; i <= sortedValues.length; i++) {
    if (i < sortedValues.length && sortedValues[i] === sortedValues[i - 1]) run++;
    else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

/** Sorts `values` in place by merge sort and returns how many swaps (inversions) it took. */
function countInversions(values: number[]): number {
  const buffer = new Array<number>(values.length);
  let swaps = 0;
  for (let width = 1; width < values.length; width *= 2) {
    for (let lo = 0; lo < values.length; lo += 2 * width) {
      const mid = Math.min(lo + width, values.length);
      const hi = Math.min(lo + 2 * width, values.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((values[j] as number) < (values[i] as number)) {
          swaps += mid - i;
          buffer[k++] = values[j++] as number;
        } else buffer[k++] = values[i++] as number;
      }
      while (i < mid) buffer[k++] = values[i++] as number;
      while (j < hi) buffer[k++] = values[j++] as number;
      for (let m = lo; m < hi; m++) values[m] = buffer[m] as number;
    }
  }
  return swaps;
}

/**
 * Kendall's tau-b of paired ranks (Knight's O(n log n) algorithm, ties handled), in −1..1;
 * null for fewer than two pairs or when either side is all ties.
 * @example kendallTau([[1, 1], [2, 3], [3, 2]]) // 0.333…
 */
export function kendallTau(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const sorted = [...pairs].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const total = (n * (n - 1)) / 2;
  const tiesX = tiedPairs(sorted.map((p) => p[0]));
  let tiesXY = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    const prev = sorted[i - 1] as readonly [number, number];
    const cur = sorted[i];
    if (cur !== undefined && cur[0] === prev[0] && cur[1] === prev[1]) run++;
    else {
      tiesXY += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const ys = sorted.map((p) => p[1]);
  const swaps = countInversions(ys);
  const tiesY = tiedPairs(ys);
  const denominator = Math.sqrt((total - tiesX) * (total - tiesY));
  if (denominator === 0) return null;
  return (total - tiesX - tiesY + tiesXY - 2 * swaps) / denominator;
}

/**
 * How many ids two lists share.
 * @example topOverlap(["a", "b", "c"], ["c", "a", "d"]) // 2
 */
export function topOverlap(a: readonly string[], b: readonly string[]): number {
  const inB = new Set(b);
  return new Set(a.filter((id) => inB.has(id))).size;
}
