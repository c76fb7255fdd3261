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

/** A change with its sign: `+` when it rounds above zero. @example signed(1.234, 2) // "+1.23"; signed(-0.001, 2) // "0.00" */
export function signed(value: number, decimals: number): string {
  const r = round(value, decimals);
  return `${r > 0 ? "+" : ""}${r.toFixed(decimals)}`;
}

/** A change of money with its sign, `$0.00B`-style zero when it rounds to nothing. @example signedMoney(-1.25, 1) // "-$1.3B" */
export function signedMoney(bn: number, decimals = 1): string {
  const r = round(bn, decimals);
  return r === 0 ? money(0, decimals) : `${r > 0 ? "+" : "-"}${money(Math.abs(r), decimals)}`;
}

/** Milliseconds for people. @example duration(1234) // "1.23 s" */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Percent with one decimal. @example pct(0.0123) // "1.23%" */
export function pct(fraction: number): string {
  return `${(100 * fraction).toFixed(fraction < 0.1 ? 2 : 1)}%`;
}

/**
 * A probability as a percent with one decimal, and more where one would round a probability
 * below 1 up to 100% or one above 0 down to 0% (up to three; past that, "> 99.999%").
 * @example probability(0.9999) // "99.99%"; probability(1) // "100.0%"; probability(0.00004) // "0.004%"
 */
export function probability(p: number): string {
  for (let decimals = 1; decimals <= 3; decimals++) {
    const text = (100 * p).toFixed(decimals);
    const roundsToOne = p < 1 && Number(text) >= 100;
    const roundsToZero = p > 0 && Number(text) <= 0;
    if (!roundsToOne && !roundsToZero) return `${text}%`;
  }
  return p < 1 && p > 0.5 ? "> 99.999%" : "< 0.001%";
}
