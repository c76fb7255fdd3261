/**
 * Why a plan holds a site back: what breaks if that site alone went live one month earlier.
 * Under the default objective (score, then GW-months) a held-back site that could move earlier
 * would give a better plan, so one of the plan's limits must stop it: the cash rule in some
 * month, or a zone's limit by a date. When neither does (npv may prefer a later go-live, and a
 * plan cut short by the time limit is not proven), the cause says the hold is not forced.
 */
import { monthLabel } from "./calendar.ts";
import { ledgerOf, plannedSites } from "./ledger.ts";
import type { PlannedSite, Timeline } from "./types.ts";

/** Money within this of a limit is on it ($1,000, as the verifier). */
const TOLERANCE_BN = 1e-6;

/**
 * The cause of each held-back site's hold, by site id ("cash: 2027-04 short $0.31B a month
 * earlier", "zone ERCOT: at most 2 GW by 2027-06-30", "objective: a later go-live pays").
 * @example holdCauses(timeline, plan.sites, zones).get("S0536")
 */
export function holdCauses(timeline: Timeline, sites: readonly PlannedSite[], gridZoneOf: ReadonlyMap<string, string>): Map<string, string> {
  const causes = new Map<string, string>();
  const goLive = new Map(sites.map((s) => [s.siteId as string, s.goLiveMonth]));
  for (const site of sites) {
    if (site.heldBackMonths <= 0) continue;
    const moved = new Map(goLive);
    moved.set(site.siteId, site.goLiveMonth - 1);
    const zone = gridZoneOf.get(site.siteId);
    const zoneLimit = timeline.zoneLimits.find(
      (z) =>
        z.gridZone === zone &&
        z.month >= site.goLiveMonth - 1 &&
        sites.filter((s) => gridZoneOf.get(s.siteId) === zone && (moved.get(s.siteId) ?? Infinity) <= z.month).length > z.maxSites,
    );
    if (zoneLimit !== undefined) {
      causes.set(site.siteId, `zone ${zoneLimit.gridZone}: at most ${zoneLimit.maxSites} sites live by ${zoneLimit.date}`);
      continue;
    }
    if (timeline.cashRuleEnforced) {
      const ledger = ledgerOf(timeline, plannedSites(sites, moved));
      const short = ledger.months.find((m) => m.headroomBn < -TOLERANCE_BN);
      if (short !== undefined) {
        causes.set(site.siteId, `cash: ${short.label} short $${(-short.headroomBn).toFixed(2)}B a month earlier`);
        continue;
      }
    }
    causes.set(site.siteId, `not forced by cash or a zone limit: ${monthLabel(timeline.calendar, site.goLiveMonth - 1)} is also feasible`);
  }
  return causes;
}
