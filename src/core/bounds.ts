/**
 * The one table of number bounds. Every number gigasite reads (a CSV cell, a model value, a field
 * of run.json) must lie within its bound, checked up front with its line and column, so that
 * every later sum, product and date stays finite and meaningful: no "Invalid time value", no
 * NaN objective, no weight shares that overflow to 0. docs/csv.md ("Limits") lists these bounds.
 *
 * To bound a new model key, add a line to {@link MODEL_BOUNDS}; a key without a line gets
 * {@link ANY_NUMBER}.
 */

export interface NumberBound {
  readonly min: number;
  readonly max: number;
  /** The minimum itself is not allowed (a number > min). */
  readonly minExclusive?: boolean;
  /** What the bound means, for messages ("months cannot be negative"). */
  readonly why: string;
}

/** Any number without a bound of its own: far beyond any real quantity, far below overflow. */
export const ANY_NUMBER: NumberBound = { min: -1e12, max: 1e12, why: "numbers are limited to ±1e12" };

const months: NumberBound = { min: 0, max: 600, why: "months, at most 50 years" };
const moneyBn: NumberBound = { min: 0, max: 1e6, why: "$B, at most $1,000,000B" };
const weight: NumberBound = { min: 0, max: 1e6, why: "a relative weight, at most 1,000,000" };
const km: NumberBound = { min: 0, max: 20_040, why: "km, at most half the Earth's circumference" };

/** Known CSV columns. `lat`, `lon` and `cost_of_capital_pct` are bounds of meaning, the rest of scale. */
export const CSV_BOUNDS: Readonly<Record<string, NumberBound>> = {
  lat: { min: -90, max: 90, why: "latitude is in degrees" },
  lon: { min: -180, max: 180, why: "longitude is in degrees" },
  firm_power_mw: { min: 0, max: 1e6, why: "MW, at most 1,000 GW" },
  capex_bn: { min: 0, max: 1e4, why: "$B per GW, at most $10,000B" },
  time_to_power_months: months,
  permitting_months: months,
  permitting_months_p90: months,
  time_to_power_months_p90: months,
  power_price_usd_mwh: { min: 0, max: 1e5, why: "$/MWh, at most 100,000" },
  carbon_kg_mwh: { min: 0, max: 1e4, why: "kg/MWh, at most 10,000" },
  cost_of_capital_pct: { min: 0, max: 100, why: "a rate in percent" },
  incentives_bn: { min: 0, max: 1e4, why: "$B, at most $10,000B; write incentives as a positive amount" },
};

/**
 * Model values by JSON path, `*` standing for any list index or object key. The first match wins;
 * a number whose path matches none gets {@link ANY_NUMBER}.
 */
export const MODEL_BOUNDS: readonly (readonly [string, NumberBound])[] = [
  ["criteria.*.weight", weight],
  ["criteria.*.missingScore", { min: 0, max: 100, why: "a score" }],
  ["pillars.*", weight],
  ["financing.assetLifeYears", { min: 0, minExclusive: true, max: 200, why: "years, at most 200" }],
  ["financing.pue", { min: 1, max: 10, why: "a power usage effectiveness, 1 to 10" }],
  ["financing.defaultCostOfCapitalPct", { min: 0, max: 100, why: "a rate in percent" }],
  ["financing.defaultPowerPriceUsdMwh", { min: 0, max: 1e5, why: "$/MWh, at most 100,000" }],
  ["schedule.buildMonths", { min: 1, max: 120, why: "build months, 1 to 120" }],
  ["schedule.brownfieldBuildMonths", { min: 1, max: 120, why: "build months, 1 to 120" }],
  ["schedule.assumeWhenBlank.*", months],
  ["schedule.tranches.amountBn", moneyBn],
  ["schedule.tranches.equityBn", moneyBn],
  ["schedule.tranches.count", { min: 1, max: 10_000, why: "at most 10,000 tranches" }],
  ["schedule.tranches.lagMonths", months],
  ["schedule.tranches.bridge.limitBn", moneyBn],
  ["schedule.tranches.bridge.ratePctPerYear", { min: 0, max: 100, why: "a rate in percent" }],
  ["schedule.capitalStack.contingencyShare", { min: 0, max: 1, why: "a share of facility capex, 0 to 1" }],
  ["schedule.capitalStack.holdCostBnPerMonth", { min: 0, max: 100, why: "$B per month, at most 100" }],
  ["schedule.capitalStack.debt.loanToCost", { min: 0, max: 0.95, why: "a share of cost, 0 to 0.95" }],
  ["schedule.capitalStack.debt.ratePctPerYear", { min: 0, max: 100, why: "a rate in percent" }],
  ["schedule.capitalStack.debt.arrangementFeePct", { min: 0, max: 10, why: "a fee in percent, 0 to 10" }],
  ["schedule.capitalStack.itCapex.bnPerGw", { min: 0, max: 1e3, why: "$B per GW, at most 1,000" }],
  ["schedule.capitalStack.itCapex.deliveryMonths", { min: 1, max: 120, why: "months, 1 to 120" }],
  ["schedule.energizationMonths", months],
  ["schedule.capexDraw.upfrontShare", { min: 0, max: 1, why: "a share of capex, 0 to 1" }],
  ["schedule.zoneLimits.*.maxGw", { min: 0, max: 1e6, why: "GW, at most 1,000,000" }],
  ["optimization.objective.valueBnPerGwMonth", { min: 0, max: 1e3, why: "$B per GW-month, at most 1,000" }],
  ["optimization.objective.discountRatePctPerYear", { min: 0, max: 100, why: "a rate in percent" }],
  ["optimization.objective.opexBnPerGwMonth", { min: 0, max: 1e3, why: "$B per GW-month, at most 1,000" }],
  ["optimization.objective.scoreTolerancePct", { min: 0, max: 10, why: "a tolerance in percent, 0 to 10" }],
  ["optimization.sites", { min: 1, max: 10_000, why: "at most 10,000 sites" }],
  ["optimization.gwPerSite", { min: 0, minExclusive: true, max: 1_000, why: "GW, at most 1,000" }],
  ["optimization.budgetBn", moneyBn],
  ["optimization.minSpacingKm", km],
  ["optimization.timeLimitSeconds", { min: 0, minExclusive: true, max: 604_800, why: "seconds, at most a week" }],
  ["optimization.objective.earlyPowerPointsPerMonth", { min: 0, max: 1_000, why: "points per month, at most 1,000" }],
  ["optimization.objective.minAverageScore", { min: 0, max: 100, why: "a score" }],
  ["layers.*.bufferKm", km],
  ["layers.*.radiusKm", km],
];

/** Calendar dates: the planning horizon. `9999-12-31` is a date, but no site goes live then. */
export const DATE_BOUNDS = { min: "1900-01-01", max: "2200-12-31" } as const;

/**
 * The bound of a model value at `path` (list indexes as numbers).
 * @example modelBound(["schedule", "buildMonths"]).max // 600
 */
export function modelBound(path: readonly (string | number)[]): NumberBound {
  for (const [pattern, bound] of MODEL_BOUNDS) {
    const parts = pattern.split(".");
    if (parts.length === path.length && parts.every((part, i) => part === "*" || part === String(path[i]))) return bound;
  }
  return ANY_NUMBER;
}

/**
 * Why `value` is outside `bound`, or undefined when it is within.
 * @example outOfBounds(1e20, CSV_BOUNDS.permitting_months!) // "expected 0..600 (months, at most 50 years), found 100000000000000000000"
 */
export function outOfBounds(value: number, bound: NumberBound): string | undefined {
  const below = bound.minExclusive === true ? value <= bound.min : value < bound.min;
  if (Number.isFinite(value) && !below && value <= bound.max) return undefined;
  const show = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 20 });
  const range = bound.minExclusive === true ? `above ${show(bound.min)}, at most ${show(bound.max)}` : `${show(bound.min)}..${show(bound.max)}`;
  return `expected ${range} (${bound.why}), found ${value}`;
}

/**
 * Why an ISO date is outside {@link DATE_BOUNDS}, or undefined.
 * @example dateOutOfBounds("9999-01-01") // "expected a date from 1900-01-01 to 2200-12-31, found 9999-01-01"
 */
export function dateOutOfBounds(isoDate: string): string | undefined {
  return isoDate < DATE_BOUNDS.min || isoDate > DATE_BOUNDS.max ? `expected a date from ${DATE_BOUNDS.min} to ${DATE_BOUNDS.max}, found ${isoDate}` : undefined;
}
