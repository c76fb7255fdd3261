import type { ScheduleSpec } from "../scenario/schema.ts";
import type { Site } from "../sites/types.ts";
import { addMonths, dayOf, isoOfDay } from "./dates.ts";

/** When a site can go live at the earliest, and how that date was reached. */
export type Readiness =
  | {
      readonly kind: "dated";
      /** How the date was reached: one of the model's rules, or the CSV's `earliest_online_date`. */
      readonly rule: "sequential" | "overlapped" | "known";
      /** Months from the start date to readiness (null for a known date). */
      readonly leadMonths: number | null;
      readonly permittingMonths: number | null;
      readonly timeToPowerMonths: number | null;
      /** Build months of this site (capex is drawn over them). */
      readonly buildMonths: number;
      /** Earliest go-live day (days since 1970-01-01) and date. */
      readonly readyDay: number;
      readonly readyDate: string;
      /** Inputs taken from the model's assumptions because the cell was blank. */
      readonly assumed: readonly string[];
    }
  | { readonly kind: "unknown"; readonly reason: string; readonly buildMonths: number };

/** Build months of a site: brownfield sites may build faster. */
export function buildMonthsOf(site: Site, spec: ScheduleSpec): number {
  return site.brownfield === true ? (spec.brownfieldBuildMonths ?? spec.buildMonths) : spec.buildMonths;
}

/**
 * A site's earliest go-live. `sequential` (the default rule): start + max(permitting, time to
 * power) + build, as when nothing is built before power and permits are both in hand.
 * `overlapped`: start + max(permitting + build, time to power + energization), as when the
 * campus is built while the grid connection is being made. Already-permitted sites need no
 * permitting time. A CSV `earliest_online_date` (a site already under construction) is used as given.
 * @example siteReadiness(site, { startDate: "2025-01-01", buildMonths: 18, milestones: ["2026-12-31"] })
 */
export function siteReadiness(site: Site, spec: ScheduleSpec): Readiness {
  const buildMonths = buildMonthsOf(site, spec);
  if (site.earliestOnlineDate !== null) {
    const readyDay = dayOf(site.earliestOnlineDate);
    return {
      kind: "dated",
      rule: "known",
      leadMonths: null,
      permittingMonths: null,
      timeToPowerMonths: null,
      buildMonths,
      readyDay,
      readyDate: site.earliestOnlineDate,
      assumed: [],
    };
  }
  const assumed: string[] = [];
  let permittingMonths = site.permitted === true ? 0 : site.permittingMonths;
  if (permittingMonths === null) {
    permittingMonths = spec.assumeWhenBlank?.permittingMonths ?? null;
    if (permittingMonths !== null) assumed.push(`permitting_months=${permittingMonths}`);
  }
  let timeToPowerMonths = site.timeToPowerMonths;
  if (timeToPowerMonths === null) {
    timeToPowerMonths = spec.assumeWhenBlank?.timeToPowerMonths ?? null;
    if (timeToPowerMonths !== null) assumed.push(`time_to_power_months=${timeToPowerMonths}`);
  }
  if (permittingMonths === null || timeToPowerMonths === null) {
    const blanks = [permittingMonths === null ? "permitting_months" : null, timeToPowerMonths === null ? "time_to_power_months" : null].filter(
      (c): c is string => c !== null,
    );
    return { kind: "unknown", reason: `online date unknown: ${blanks.join(" and ")} blank and no assumption in the model`, buildMonths };
  }
  const rule = spec.readiness ?? "sequential";
  const leadMonths = leadMonthsOf(rule, permittingMonths, timeToPowerMonths, buildMonths, spec.energizationMonths ?? 0);
  const readyDay = addMonths(spec.startDate, leadMonths);
  return { kind: "dated", rule, leadMonths, permittingMonths, timeToPowerMonths, buildMonths, readyDay, readyDate: isoOfDay(readyDay), assumed };
}

/**
 * Months from the start to readiness under a rule (the one formula; delay-risk samples use it too).
 * @example leadMonthsOf("overlapped", 12, 30, 18, 3) // 33
 */
export function leadMonthsOf(
  rule: "sequential" | "overlapped",
  permittingMonths: number,
  timeToPowerMonths: number,
  buildMonths: number,
  energizationMonths: number,
): number {
  return rule === "overlapped"
    ? Math.max(permittingMonths + buildMonths, timeToPowerMonths + energizationMonths)
    : Math.max(permittingMonths, timeToPowerMonths) + buildMonths;
}
