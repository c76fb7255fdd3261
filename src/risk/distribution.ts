/**
 * The delay-risk distributions: a lognormal per uncertain lead time, fixed by its median (the
 * CSV value, P50) and its P90, and the standard-normal arithmetic behind it.
 */

/** z of the 90th percentile of the standard normal: Φ(1.2816) = 0.9. */
export const Z90 = 1.2815515655446004;

/** A lognormal month count: median × exp(sigma × Z), Z standard normal. */
export interface Lognormal {
  /** P50, months (0 stays 0). */
  readonly median: number;
  /** Standard deviation of the logarithm. 0: no uncertainty. */
  readonly sigma: number;
}

/**
 * The lognormal with the given P50 and P90: sigma = ln(P90 / P50) / 1.2816.
 * @example lognormalOf(12, 18).sigma // ≈ 0.3164
 */
export function lognormalOf(p50: number, p90: number): Lognormal {
  if (p50 <= 0 || p90 <= p50) return { median: p50, sigma: 0 };
  return { median: p50, sigma: Math.log(p90 / p50) / Z90 };
}

/** The value at a standard-normal driver z. @example valueAt({ median: 12, sigma: 0 }, 3) // 12 */
export function valueAt(d: Lognormal, z: number): number {
  return d.sigma === 0 ? d.median : d.median * Math.exp(d.sigma * z);
}

/**
 * Standard normal CDF (Abramowitz & Stegun 7.1.26 on erf, absolute error below 1.5e-7).
 * @example normalCdf(1.2815515655446004) // ≈ 0.9
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * P(X <= x) of a lognormal.
 * @example lognormalCdf({ median: 12, sigma: 0.3 }, 12) // 0.5
 */
export function lognormalCdf(d: Lognormal, x: number): number {
  if (d.sigma === 0 || d.median === 0) return x >= d.median ? 1 : 0;
  if (x <= 0) return 0;
  return normalCdf(Math.log(x / d.median) / d.sigma);
}

/** Purposes of a random stream: an evaluation's samples and a robust plan's scenarios never share draws. */
export const STREAM = { evaluate: 1, scenarios: 2 } as const;

const mix = (h: number): number => {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

/**
 * The seed of sample `index`'s own random stream: a function of (seed, purpose, index) only, so
 * a sample draws the same numbers whichever thread computes it and in whatever order.
 * @example streamSeed(1, STREAM.evaluate, 0) === streamSeed(1, STREAM.evaluate, 0) // true
 */
export function streamSeed(seed: number, purpose: number, index: number): number {
  return mix(mix(mix(seed >>> 0) ^ Math.imul(purpose, 0x9e3779b1)) ^ mix((index >>> 0) + 0x632be5ab));
}
