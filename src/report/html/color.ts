/**
 * The sequential colour scale for overall scores: viridis stops (perceptually even, readable
 * in greyscale print and by most colour-blind readers), interpolated in sRGB.
 */
const STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

const hex = (v: number): string =>
  Math.round(Math.min(255, Math.max(0, v)))
    .toString(16)
    .padStart(2, "0");

/**
 * Colour of a value in [0, 1] (clamped): dark purple at 0, yellow at 1.
 * @example sequentialColor(0) // "#440154"
 */
export function sequentialColor(t: number): string {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const scaled = x * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = STOPS[i] as readonly [number, number, number];
  const b = STOPS[i + 1] as readonly [number, number, number];
  return `#${hex(a[0] + (b[0] - a[0]) * f)}${hex(a[1] + (b[1] - a[1]) * f)}${hex(a[2] + (b[2] - a[2]) * f)}`;
}

/** A score range mapped onto the scale; a single-valued range maps everything to the top. */
export interface ScoreScale {
  readonly min: number;
  readonly max: number;
  readonly color: (score: number) => string;
}

/**
 * The scale spanning the given scores, widened to whole points so the legend reads cleanly.
 * @example scoreScale([42.3, 77.9]).min // 42
 */
export function scoreScale(scores: readonly number[]): ScoreScale {
  const finite = scores.filter(Number.isFinite);
  // A loop, not Math.min(...scores): 20,000 arguments is near some engines' spread limit.
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of finite) {
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const min = finite.length > 0 ? Math.floor(lo) : 0;
  const max = finite.length > 0 ? Math.ceil(hi) : 100;
  const span = max - min;
  return { min, max, color: (score) => sequentialColor(span > 0 ? (score - min) / span : 1) };
}

/**
 * Dark or white text, whichever reads better on a `#rrggbb` fill (WCAG relative luminance).
 * @example textColorOn("#fde725") // "#111"
 */
export function textColorOn(fill: string): string {
  const channel = (i: number): number => {
    const v = Number.parseInt(fill.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05): equal at L ≈ 0.179.
  return luminance > 0.179 ? "#111" : "#fff";
}
