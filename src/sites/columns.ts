/**
 * The site CSV's known columns: which are required, their kind and their allowed range.
 */

import { CSV_BOUNDS, type NumberBound } from "../core/bounds.ts";
import { InternalError } from "../core/internalError.ts";

export type ColumnKind = "text" | "number" | "boolean" | "date";

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** Inclusive bounds for numbers, from the one bounds table (`src/core/bounds.ts`). */
  readonly bound?: NumberBound;
}

const text = (name: string): ColumnSpec => ({ name, kind: "text", required: true });
const number = (name: string, required: boolean): ColumnSpec => {
  const bound = CSV_BOUNDS[name];
  if (bound === undefined) throw new InternalError(`no bound for column ${name} in CSV_BOUNDS`);
  return { name, kind: "number", required, bound };
};

/** Every known column, in the documented order. */
export const SITE_COLUMNS: readonly ColumnSpec[] = [
  text("site_id"),
  text("name"),
  number("lat", true),
  number("lon", true),
  text("country"),
  text("region"),
  text("grid_zone"),
  number("firm_power_mw", true),
  number("capex_bn", true),
  number("time_to_power_months", false),
  number("permitting_months", false),
  /** Delay risk: the pessimistic (P90) case of the two lead times; blank takes the model's spread. */
  number("time_to_power_months_p90", false),
  number("permitting_months_p90", false),
  number("power_price_usd_mwh", false),
  number("carbon_kg_mwh", false),
  number("cost_of_capital_pct", false),
  number("incentives_bn", false),
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
 * @example columnSpec("lat")?.bound?.max // 90
 */
export function columnSpec(name: string): ColumnSpec | undefined {
  return byName.get(name);
}
