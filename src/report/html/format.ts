/**
 * Number formatting the HTML report needs beyond core/format.ts (money, pct, duration): fixed
 * decimals with thousands separators and compact SVG coordinates. No locale: the same outcome
 * must give the same bytes on every machine, and `toLocaleString` depends on the machine's.
 */

/**
 * A number with `digits` decimals and thousands separators; "–" for null or non-finite.
 * @example fixed(12345.678, 1) // "12,345.7"
 */
export function fixed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  // A value that rounds to zero prints unsigned: "-0.0" in a table reads as an error.
  const raw = value.toFixed(digits);
  const text = Number(raw) === 0 ? (0).toFixed(digits) : raw;
  const [whole = "", fraction] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = whole.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

/**
 * A number for an SVG attribute: at most `digits` decimals, trailing zeros dropped, so the file
 * stays small and identical inputs give identical bytes.
 * @example coord(12.3456) // "12.3"
 */
export function coord(value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
