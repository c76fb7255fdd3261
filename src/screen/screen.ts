import type { ScenarioModel } from "../scenario/schema.ts";
import { firstMonthOnOrAfter, lastMilestoneDate, lastMonth, planCalendar } from "../schedule/calendar.ts";
import { siteReadiness, type Readiness } from "../schedule/readiness.ts";
import { annualCost, facilityPowerMw } from "../finance/cost.ts";
import { DEFAULT_FINANCING } from "../scenario/schema.ts";
import type { Site, SiteId } from "../sites/types.ts";
import { cellOf } from "../sites/columnValue.ts";
import { describeFilter, passesFilter } from "../scenario/filter.ts";

const formatMw = (mw: number): string => mw.toLocaleString("en-US", { maximumFractionDigits: 1 });

export interface Exclusion {
  readonly site: Site;
  /** Every rule the site fails, in model order. */
  readonly reasons: readonly string[];
}

/** How many sites are left after each screening step, in order. */
export interface FunnelStep {
  readonly step: string;
  readonly remaining: number;
}

export interface ScreenResult {
  readonly passed: readonly Site[];
  readonly excluded: readonly Exclusion[];
  readonly funnel: readonly FunnelStep[];
  /** Readiness of every site (screened in or out) when the model has a schedule. */
  readonly readiness: ReadonlyMap<SiteId, Readiness>;
}

/**
 * Applies the model's hard filters, locked-out sites and schedule reachability, recording why
 * each dropped site is out and how many remain after each step.
 * @example screenSites(table.sites, model).funnel // [{ step: "candidates", remaining: 760 }, ...]
 */
export function screenSites(
  sites: readonly Site[],
  model: ScenarioModel,
  /** Reasons from geospatial exclusion layers (`applyLayers`), one funnel step per reason. */
  layerExclusions?: ReadonlyMap<SiteId, readonly string[]>,
): ScreenResult {
  const reasons = new Map<Site, string[]>();
  const drop = (site: Site, reason: string): void => {
    const list = reasons.get(site);
    if (list) list.push(reason);
    else reasons.set(site, [reason]);
  };
  const funnel: FunnelStep[] = [{ step: "candidates", remaining: sites.length }];
  const remaining = (): number => sites.length - reasons.size;

  // One definition of a gigawatt: the firm power a site needs is the same figure the energy cost uses.
  const financing = model.financing ?? DEFAULT_FINANCING;
  const gwIs = model.optimization.gwIs ?? "itLoad";
  const neededMw = facilityPowerMw(model.optimization.gwPerSite, gwIs, financing.pue);
  const powerWhy =
    gwIs === "itLoad"
      ? `firm power below ${formatMw(neededMw)} MW (${model.optimization.gwPerSite} GW of IT load × PUE ${financing.pue})`
      : `firm power below ${formatMw(neededMw)} MW (${model.optimization.gwPerSite} GW of facility power)`;
  for (const site of sites) if (site.firmPowerMw < neededMw - 1e-9) drop(site, powerWhy);
  funnel.push({ step: powerWhy, remaining: remaining() });

  for (const filter of model.filters ?? []) {
    const why = describeFilter(filter);
    for (const site of sites) if (!passesFilter(filter, cellOf(site, filter.column))) drop(site, why);
    funnel.push({ step: why, remaining: remaining() });
  }

  if (layerExclusions && layerExclusions.size > 0) {
    // Each exclusion layer gives one fixed reason, so a distinct reason is a layer's step;
    // steps follow the reasons' first appearance (layer order within each site).
    const steps = [...new Set([...layerExclusions.values()].flat())];
    for (const why of steps) {
      for (const site of sites) if (layerExclusions.get(site.siteId)?.includes(why)) drop(site, why);
      funnel.push({ step: why, remaining: remaining() });
    }
  }

  const lockedOut = new Set(model.optimization.lockedOut ?? []);
  if (lockedOut.size > 0) {
    for (const site of sites) if (lockedOut.has(site.siteId)) drop(site, "locked out by the model");
    funnel.push({ step: "not locked out", remaining: remaining() });
  }

  const readiness = new Map<SiteId, Readiness>();
  const schedule = model.schedule;
  if (schedule) {
    const last = lastMilestoneDate(schedule);
    const calendar = planCalendar(schedule);
    for (const site of sites) {
      const r = siteReadiness(site, schedule);
      readiness.set(site.siteId, r);
      if (r.kind === "unknown") drop(site, r.reason);
      else if (firstMonthOnOrAfter(calendar, r.readyDay) > lastMonth(calendar)) {
        drop(site, `schedule: ready ${r.readyDate}, too late to go live by the last milestone (${last})`);
      }
    }
    funnel.push({ step: "ready by the last milestone", remaining: remaining() });
  }

  const kind = model.optimization.objective?.kind;
  if (kind === "minCost" || kind === "npv") {
    for (const site of sites) {
      if (annualCost(site, financing, model.optimization.gwPerSite, gwIs) === null) {
        drop(site, `${kind === "npv" ? "energy" : "annualized"} cost unknown: power_price_usd_mwh blank and no financing.defaultPowerPriceUsdMwh`);
      }
    }
    funnel.push({ step: kind === "npv" ? "energy cost known" : "annualized cost known", remaining: remaining() });
  }

  return {
    passed: sites.filter((s) => !reasons.has(s)),
    excluded: sites.filter((s) => reasons.has(s)).map((site) => ({ site, reasons: reasons.get(site) ?? [] })),
    funnel,
    readiness,
  };
}
