/** Number formatting shared by every output, so a figure reads the same everywhere. */

/** Rounds for output files: fixed decimals, no `-0`. @example round(1.23456, 2) // 1.23 */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** `$12.3B` style. @example money(99.84) // "$99.8B" */
export function money(bn: number, decimals = 1): string {
  return `${bn < 0 ? "-" : ""}$${Math.abs(bn).toFixed(decimals)}B`;
}

/** Milliseconds for people. @example duration(1234) // "1.23 s" */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Percent with one decimal. @example pct(0.0123) // "1.23%" */
export function pct(fraction: number): string {
  return `${(100 * fraction).toFixed(fraction < 0.1 ? 2 : 1)}%`;
}
