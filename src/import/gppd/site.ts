/**
 * One plant to one candidate site: the import's settings (`settings` in the assumptions file)
 * applied in small pure functions, so that each choice can be tested on its own and every value
 * recomputed from the plant's row, its EIA-860 facts and the assumptions.
 */
import type { Assumptions, FuelAssumption, ImportSettings } from "../assumptions.ts";
import type { Eia860Facts } from "../eia860/join.ts";
import { locateRegion, regionValues, type RegionFix } from "../locate.ts";
import { capacityFactor, DECIMALS, firmPowerMw, fuelKey, roundTo, type CapacityFactorSource } from "./derive.ts";
import type { GppdPlant } from "./read.ts";

/**
 * How the data centre uses the plant: `share` a running plant's connection and output, or
 * `replace` a retiring unit (its freed connection, power from the grid). Never a mix.
 */
export type SitePlan = "share" | "replace";

/** One candidate site with its derived values and where they came from. */
export interface ImportedSite {
  readonly line: number;
  readonly siteId: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly region: string;
  readonly regionSource: string;
  readonly gridZone: string;
  /** `balancing authority` (EIA-860) or `region` (the region row's zone). */
  readonly gridZoneSource: "balancing authority" | "region";
  readonly firmPowerMw: number;
  readonly timeToPowerMonths: number;
  readonly permittingMonths: number;
  readonly powerPriceUsdMwh: number;
  readonly carbonKgMwh: number;
  readonly capexBn: number;
  readonly costOfCapitalPct: number;
  readonly incentivesBn: number;
  readonly brownfield: boolean;
  readonly permitted: boolean;
  readonly extras: ReadonlyMap<string, number | null>;
  readonly primaryFuel: string;
  readonly fuelKey: string;
  readonly capacityMw: number;
  readonly capacityFactor: number;
  readonly capacityFactorSource: CapacityFactorSource;
  readonly assumptionsKey: string;
  readonly sitePlan: SitePlan;
  /** The plant's EIA-860 facts; null when no table was given or the plant has no row. */
  readonly eia860: Eia860Facts | null;
  /** Months of regulatory consent added to permitting; null when the status is unknown. */
  readonly consentMonths: number | null;
}

/**
 * The plan for a plant of this fuel under the settings.
 * @example sitePlanOf({ retiring: true }, { retiringUnits: "replace" }) // "replace"
 */
export function sitePlanOf(fuel: Pick<FuelAssumption, "retiring">, settings: Pick<ImportSettings, "retiringUnits">): SitePlan {
  return fuel.retiring === true && settings.retiringUnits === "replace" ? "replace" : "share";
}

/**
 * Factors on the region's greenfield time to power and permitting. A replaced unit takes the
 * `replacedUnit` wait; a contested co-location (sharing a running plant of a `contested` fuel)
 * is not faster than greenfield unless `contestedTiming` is `fuel`.
 * @example timingFactors(nuclear, settings, "share") // { timeToPower: 1, permitting: 1 } with the bundled file
 */
export function timingFactors(fuel: FuelAssumption, settings: ImportSettings, plan: SitePlan): { readonly timeToPower: number; readonly permitting: number } {
  if (plan === "replace") return { timeToPower: settings.replacedUnit.timeToPowerFactor, permitting: fuel.permittingFactor };
  if (fuel.contested === true && settings.contestedTiming === "greenfield")
    return { timeToPower: Math.max(1, fuel.timeToPowerFactor), permitting: Math.max(1, fuel.permittingFactor) };
  return { timeToPower: fuel.timeToPowerFactor, permitting: fuel.permittingFactor };
}

/**
 * Carbon of the power the site uses, kg/MWh: the grid's when the unit is replaced or under grid
 * accounting (the grid makes up what the load takes); the plant's own output under plant
 * accounting (the grid's when the fuel has no figure).
 * @example carbonOf(coal, { carbonAccounting: "plant" }, "share", 380) // 1000
 */
export function carbonOf(
  fuel: Pick<FuelAssumption, "carbonKgMwh">,
  settings: Pick<ImportSettings, "carbonAccounting">,
  plan: SitePlan,
  gridCarbonKgMwh: number,
): number {
  if (plan === "replace" || settings.carbonAccounting === "grid") return gridCarbonKgMwh;
  return fuel.carbonKgMwh ?? gridCarbonKgMwh;
}

/**
 * Consent months for a plant's regulatory status: the setting for a regulated plant, 0 for a
 * merchant one, null when unknown (no EIA-860 row, or a blank status).
 * @example consentMonthsOf(true, { regulatedConsentMonths: 12 }) // 12
 */
export function consentMonthsOf(regulated: boolean | null, settings: Pick<ImportSettings, "regulatedConsentMonths">): number | null {
  if (regulated === null) return null;
  return regulated ? settings.regulatedConsentMonths : 0;
}

/**
 * The plant's region: for a US-state table, a matched plant's EIA-860 state when the table has a
 * row for it (GPPD coordinates of a plant on a border river can fall in the state across it:
 * Gavin, Ohio, plots in West Virginia), else the plant's place by its coordinates.
 * @example placeInRegion(gavin, assumptions, facts).source // "EIA-860 state (outline: WV)"
 */
export function placeInRegion(
  plant: GppdPlant & { readonly lat: number; readonly lon: number },
  assumptions: Assumptions,
  eia860: Eia860Facts | null,
): RegionFix {
  const fix = locateRegion(plant, assumptions);
  const table = assumptions.regionTables.get(plant.country);
  const state = eia860?.state ?? null;
  if (table?.locate !== "us-states" || state === null || !table.rows.has(state)) return fix;
  return { region: state, source: state === fix.region ? "EIA-860 state" : `EIA-860 state (outline: ${fix.region})` };
}

/**
 * Derives the site of one placed plant. A warning says the plant was placed by a fallback.
 * @example deriveSite({ ...plant, lat: 33.39, lon: -112.86 }, assumptions, null).site.region // "AZ"
 */
export function deriveSite(
  plant: GppdPlant & { readonly lat: number; readonly lon: number },
  assumptions: Assumptions,
  eia860: Eia860Facts | null,
): { site: ImportedSite; warning?: string } {
  const { settings } = assumptions.raw;
  const key = fuelKey(assumptions.raw.fuels, plant.primaryFuel);
  const fuel = assumptions.raw.fuels[key] as FuelAssumption;
  const fix = placeInRegion(plant, assumptions, eia860);
  const { values, key: valuesKey } = regionValues(assumptions, plant.country, fix.region);
  const cf = capacityFactor(plant, fuel, settings.zeroGeneration);
  const cfWritten = roundTo(cf.value, DECIMALS.capacityFactor);
  const plan = sitePlanOf(fuel, settings);
  const factors = timingFactors(fuel, settings, plan);
  const consentMonths = consentMonthsOf(eia860?.regulated ?? null, settings);
  const firmMw = plan === "replace" ? plant.capacityMw * settings.replacedUnit.firmShare : firmPowerMw(plant.capacityMw, cfWritten, fuel);
  const zone = eia860?.balancingAuthority ?? null;
  const site: ImportedSite = {
    line: plant.line,
    siteId: plant.id,
    name: plant.name,
    lat: plant.lat,
    lon: plant.lon,
    country: plant.country,
    region: fix.region,
    regionSource: fix.source,
    gridZone: zone ?? values.gridZone ?? fix.region,
    gridZoneSource: zone === null ? "region" : "balancing authority",
    firmPowerMw: roundTo(firmMw, DECIMALS.firmPowerMw),
    timeToPowerMonths: roundTo(values.timeToPowerMonths * factors.timeToPower, DECIMALS.months),
    permittingMonths: roundTo(values.permittingMonths * factors.permitting + (consentMonths ?? 0), DECIMALS.months),
    powerPriceUsdMwh: values.powerPriceUsdMwh,
    carbonKgMwh: carbonOf(fuel, settings, plan, values.carbonKgMwh),
    capexBn: roundTo(values.capexBn * assumptions.raw.site.capexFactor, DECIMALS.capexBn),
    costOfCapitalPct: values.costOfCapitalPct,
    incentivesBn: values.incentivesBn,
    brownfield: assumptions.raw.site.brownfield,
    permitted: fuel.permitted ?? assumptions.raw.site.permitted,
    extras: values.extras,
    primaryFuel: plant.primaryFuel,
    fuelKey: key,
    capacityMw: plant.capacityMw,
    capacityFactor: cfWritten,
    capacityFactorSource: cf.source,
    assumptionsKey: valuesKey,
    sitePlan: plan,
    eia860,
    consentMonths,
  };
  return fix.warning === undefined ? { site } : { site, warning: fix.warning };
}
