import type { Financing } from "../scenario/schema.ts";
import type { Site } from "../sites/types.ts";

const HOURS_PER_YEAR = 8760;

/** What a site's GW is: IT load (the systems' draw) or facility power (IT × PUE). */
export type GwBasis = "itLoad" | "facility";

/**
 * The firm power a site of `gwPerSite` GW needs, MW: GW × 1,000 × PUE when the GW is IT load.
 * The screen, the energy cost and the report all use this one figure.
 * @example facilityPowerMw(1, "itLoad", 1.2) // 1200
 */
export function facilityPowerMw(gwPerSite: number, gwIs: GwBasis, pue: number): number {
  return gwPerSite * 1000 * (gwIs === "itLoad" ? pue : 1);
}

/** A site's financing terms combined into one comparable yearly cost, with its parts. */
export interface AnnualCost {
  /** (capex − incentives) annualized at the site's cost of capital over the asset life, $B/yr. */
  readonly capitalBn: number;
  /** 8,760 h × facility power (GW × 1,000 MW, × PUE when the GW is IT load) × power price, $B/yr. */
  readonly energyBn: number;
  readonly totalBn: number;
  /** Inputs taken from model defaults because the cell was blank. */
  readonly assumed: readonly string[];
}

/**
 * Capital recovery factor: the yearly payment per $1 borrowed at `ratePct` over `years`.
 * @example capitalRecoveryFactor(8, 20) // ≈ 0.10185
 */
export function capitalRecoveryFactor(ratePct: number, years: number): number {
  const r = ratePct / 100;
  if (r === 0) return 1 / years;
  const growth = (1 + r) ** years;
  return (r * growth) / (growth - 1);
}

/**
 * Annualized cost of building and powering one site; null when the power price is blank and the
 * model gives no default.
 * @example annualCost(site, { assetLifeYears: 20, pue: 1.2, defaultCostOfCapitalPct: 8 }, 1, "itLoad")?.totalBn
 */
export function annualCost(site: Site, financing: Financing, gwPerSite: number, gwIs: GwBasis = "itLoad"): AnnualCost | null {
  const assumed: string[] = [];
  let ratePct = site.costOfCapitalPct;
  if (ratePct === null) {
    ratePct = financing.defaultCostOfCapitalPct;
    assumed.push(`cost_of_capital_pct=${ratePct}`);
  }
  let price = site.powerPriceUsdMwh;
  if (price === null) {
    if (financing.defaultPowerPriceUsdMwh === undefined) return null;
    price = financing.defaultPowerPriceUsdMwh;
    assumed.push(`power_price_usd_mwh=${price}`);
  }
  const netCapexBn = site.capexBn * gwPerSite - (site.incentivesBn ?? 0);
  const capitalBn = netCapexBn * capitalRecoveryFactor(ratePct, financing.assetLifeYears);
  const energyBn = (HOURS_PER_YEAR * facilityPowerMw(gwPerSite, gwIs, financing.pue) * price) / 1e9;
  return { capitalBn, energyBn, totalBn: capitalBn + energyBn, assumed };
}
