/**
 * Per output column, the rule that derives it, in words: written to `<out>.assumptions.json` so
 * that any value in an imported CSV can be traced to a rule and a number.
 */
import { DECIMALS, HOURS_PER_YEAR } from "./derive.ts";

/** Rules of the columns every import writes. */
export const COLUMN_RULES: Readonly<Record<string, string>> = {
  site_id: "gppd_idnr",
  name: "name",
  lat: "latitude",
  lon: "longitude",
  country: "country (ISO 3166-1 alpha-3, as in GPPD)",
  region:
    "with --eia860, a matched US plant's EIA-860 State when the regional table has that row; otherwise, for a country whose regional table has locate 'us-states': the US state whose outline holds (latitude, longitude), else the nearest state within site.nearestRegionMaxKm; otherwise the file's region column when it has one and the cell is not blank; otherwise the country",
  grid_zone:
    "with --eia860, a matched plant's Balancing Authority Code, named by balancingAuthorities (else the code); otherwise the region row's grid_zone; for a region without a row, the country's grid_zone (its countries entry, else world.grid_zone) if set; else the region itself",
  firm_power_mw: `co_location replace: round(capacity_mw × settings.replacedUnit.firmShare); share: round(capacity_mw × fuels[fuel].firmShare), or round(capacity_mw × min(firmShare, capacity_factor as written)) when fuels[fuel].energyLimited; ${DECIMALS.firmPowerMw} decimals`,
  time_to_power_months: `round(region time_to_power_months × factor, ${DECIMALS.months}); factor: settings.replacedUnit.timeToPowerFactor (co_location replace), else fuels[fuel].timeToPowerFactor, at least 1 for a contested fuel when settings.contestedTiming is greenfield`,
  permitting_months: `round(region permitting_months × factor + consent_months (0 when unknown), ${DECIMALS.months}); factor: fuels[fuel].permittingFactor, at least 1 for a contested fuel sharing a plant when settings.contestedTiming is greenfield`,
  power_price_usd_mwh: "region power_price_usd_mwh",
  carbon_kg_mwh:
    "the region's carbon_kg_mwh (grid) when settings.carbonAccounting is grid or co_location is replace; else fuels[fuel].carbonKgMwh (the plant's own output), the grid's when that is null",
  capex_bn: `round(region capex_bn × site.capexFactor, ${DECIMALS.capexBn})`,
  cost_of_capital_pct: "region cost_of_capital_pct",
  incentives_bn: "region incentives_bn",
  brownfield: "site.brownfield",
  permitted: "fuels[fuel].permitted if set, else site.permitted",
  primary_fuel: "primary_fuel; the fuel entry is the same name (case-insensitive), else '*'",
  capacity_mw: "capacity_mw",
  capacity_factor: `mean of generation_gwh_YYYY over the years with a value (a 0 counts as no value when settings.zeroGeneration is missing) ÷ (capacity_mw × ${HOURS_PER_YEAR} h / 1000), clamped to 0..1; else the same with estimated_generation_gwh*; else fuels[fuel].defaultCapacityFactor; ${DECIMALS.capacityFactor} decimals`,
  capacity_factor_source: "reported | estimated | fuel default",
  co_location:
    "replace (a fuel marked retiring when settings.retiringUnits is replace: the site takes the retiring unit's connection) | share (the site shares the running plant)",
  region_source:
    "how region was found: EIA-860 state (with the outline's state when it differs) | state outline | nearest state (km) | region column | country",
  assumptions_key:
    "which regional values were used: COUNTRY/REGION (a table row), COUNTRY (country default: world, then the median of its table, then its countries entry) or * (world default)",
  "(region table extras)":
    "further numeric columns of the country's regional table (e.g. water_stress): the region row's value, the table's median for a region without a row, blank for a country without a table",
};

/** Rules of the columns an import with `--eia860` adds; blank for a plant without a row. */
export const EIA860_COLUMN_RULES: Readonly<Record<string, string>> = {
  regulated: "EIA-860 Regulatory Status: true for RE (rate-regulated utility or public power), false for NR; blank when unknown",
  sector: "EIA-860 Sector Name (Electric Utility, IPP Non-CHP, IPP CHP, Industrial CHP, ...)",
  grid_voltage_kv: "the highest of EIA-860 Grid Voltage (kV), Grid Voltage 2 (kV), Grid Voltage 3 (kV)",
  water_source: "EIA-860 Name of Water Source",
  gas_pipelines: "how many of EIA-860 Natural Gas Pipeline Name 1..3 are given",
  consent_months: "settings.regulatedConsentMonths when regulated is true, 0 when false, blank when unknown (added to permitting_months)",
  eia860_plant_code: "the EIA plant code the row was joined on (the digits of gppd_idnr USA…); blank when the plant has no EIA-860 row",
  grid_zone_source: "balancing authority (EIA-860) | region (no match, or no balancing authority given: the region row's zone)",
};
