/**
 * The site CSV's known columns: which are required, their kind and their allowed range.
 */

export type ColumnKind = "text" | "number" | "boolean" | "date";

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** Inclusive bounds for numbers; absent means unbounded on that side. */
  readonly min?: number;
  readonly max?: number;
  /** What the bound means, for messages ("months cannot be negative"). */
  readonly why?: string;
}

const text = (name: string): ColumnSpec => ({ name, kind: "text", required: true });
const nonNegative = (name: string, required: boolean, why: string): ColumnSpec => ({ name, kind: "number", required, min: 0, why });

/** Every known column, in the documented order. */
export const SITE_COLUMNS: readonly ColumnSpec[] = [
  text("site_id"),
  text("name"),
  { name: "lat", kind: "number", required: true, min: -90, max: 90, why: "latitude is in degrees" },
  { name: "lon", kind: "number", required: true, min: -180, max: 180, why: "longitude is in degrees" },
  text("country"),
  text("region"),
  text("grid_zone"),
  nonNegative("firm_power_mw", true, "power cannot be negative"),
  nonNegative("capex_bn", true, "a cost cannot be negative"),
  nonNegative("time_to_power_months", false, "months cannot be negative"),
  nonNegative("permitting_months", false, "months cannot be negative"),
  nonNegative("power_price_usd_mwh", false, "an average price cannot be negative"),
  nonNegative("carbon_kg_mwh", false, "an intensity cannot be negative"),
  { name: "cost_of_capital_pct", kind: "number", required: false, min: 0, max: 100, why: "a rate in percent" },
  nonNegative("incentives_bn", false, "write incentives as a positive amount"),
  { name: "brownfield", kind: "boolean", required: false },
  { name: "permitted", kind: "boolean", required: false },
  /** A site already under construction or energized: its known go-live date (ISO YYYY-MM-DD). */
  { name: "earliest_online_date", kind: "date", required: false },
];

export const SITE_COLUMN_NAMES: readonly string[] = SITE_COLUMNS.map((c) => c.name);

export const REQUIRED_COLUMN_NAMES: readonly string[] = SITE_COLUMNS.filter((c) => c.required).map((c) => c.name);

const byName = new Map(SITE_COLUMNS.map((c) => [c.name, c]));

/**
 * The spec of a known column, or undefined for an extra column.
 * @example columnSpec("lat")?.max // 90
 */
export function columnSpec(name: string): ColumnSpec | undefined {
  return byName.get(name);
}
