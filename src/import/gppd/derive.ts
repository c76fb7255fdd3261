/**
 * The rules that turn one plant into site values, one small pure function per derived column, so
 * that a test (or an analyst) can recompute any value from the plant's row and the assumptions.
 */
import type { FuelAssumption, ImportSettings } from "../assumptions.ts";
import type { GppdPlant } from "./read.ts";

/** Hours in a (non-leap) year: capacity factor = GWh / (MW × 8,760 h / 1,000). */
export const HOURS_PER_YEAR = 8760;

export type CapacityFactorSource = "reported" | "estimated" | "fuel default";

export interface CapacityFactor {
  /** 0..1 */
  readonly value: number;
  readonly source: CapacityFactorSource;
  /** Years (reported) or values (estimated) averaged; 0 for the fuel default. */
  readonly samples: number;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Observed capacity factor: mean reported generation over the years that have a value, divided
 * by what the nameplate would give running all year; modelled (estimated) generation when nothing
 * is reported; the fuel's default when neither exists or the capacity is 0. Clamped to 0..1:
 * net generation can be negative (pumped storage) or exceed a capacity that changed over time.
 * With `zeroGeneration: "missing"` a cell of exactly 0 is a gap in the source, not a year without
 * output, and is left out like a blank one.
 * @example capacityFactor({ capacityMw: 1000, reportedGwh: new Map([[2019, 4380]]), estimatedGwh: [] }, fuel).value // 0.5
 */
export function capacityFactor(
  plant: Pick<GppdPlant, "capacityMw" | "reportedGwh" | "estimatedGwh">,
  fuel: FuelAssumption,
  zeroGeneration: ImportSettings["zeroGeneration"] = "missing",
): CapacityFactor {
  const keep = (gwh: number): boolean => zeroGeneration === "zero" || gwh !== 0;
  const fullYearGwh = (plant.capacityMw * HOURS_PER_YEAR) / 1000;
  const reported = [...plant.reportedGwh.values()].filter(keep);
  const estimated = plant.estimatedGwh.filter(keep);
  if (fullYearGwh > 0 && reported.length > 0) return { value: clamp01(mean(reported) / fullYearGwh), source: "reported", samples: reported.length };
  if (fullYearGwh > 0 && estimated.length > 0) return { value: clamp01(mean(estimated) / fullYearGwh), source: "estimated", samples: estimated.length };
  return { value: fuel.defaultCapacityFactor, source: "fuel default", samples: 0 };
}

/**
 * Firm power a data centre can count on, MW: nameplate × the fuel's firm share; for an
 * energy-limited fuel (hydro, wind, solar) also at most nameplate × capacity factor, since a
 * 24/7 load cannot draw more energy than the plant makes. For a dispatchable plant the observed
 * factor says how hard the grid leans on it, not what it could run, so it does not cap the share.
 * @example firmPowerMw(2000, 0.35, { firmShare: 0.5, energyLimited: true }) // 700
 */
export function firmPowerMw(capacityMw: number, capacityFactorValue: number, fuel: Pick<FuelAssumption, "firmShare" | "energyLimited">): number {
  const shareOfNameplate = fuel.energyLimited ? Math.min(fuel.firmShare, capacityFactorValue) : fuel.firmShare;
  return capacityMw * shareOfNameplate;
}

/**
 * Rounds half away from zero to `digits` decimals, so the CSV shows what the tests recompute.
 * @example roundTo(9.125, 2) // 9.13
 */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  // The epsilon nudges values like 9.125 (stored as 9.12499…) the way a person rounds them.
  return (Math.sign(value) * Math.round(Math.abs(value) * scale + 1e-9)) / scale;
}

/** Decimals written per derived column. */
export const DECIMALS = {
  firmPowerMw: 0,
  months: 1,
  capexBn: 2,
  capacityFactor: 3,
} as const;

/**
 * The fuel entry for a plant: the exact `primary_fuel` name (case-insensitive), else `*`.
 * @example fuelKey({ Gas: gas, "*": other }, "gas") // "Gas"
 */
export function fuelKey(fuels: Readonly<Record<string, FuelAssumption>>, primaryFuel: string): string {
  const wanted = primaryFuel.trim().toLowerCase();
  if (wanted !== "") for (const key of Object.keys(fuels)) if (key !== "*" && key.toLowerCase() === wanted) return key;
  return "*";
}
