import type { ScheduleSpec } from "../scenario/schema.ts";
import type { Site } from "../sites/types.ts";
import { addMonths, isoOfDay } from "./dates.ts";

/** When a site can be online, and how that date was reached. */
export type Readiness =
  | {
      readonly kind: "dated";
      /** max(permitting, time to power) + build, months after the start date. */
      readonly leadMonths: number;
      readonly permittingMonths: number;
      readonly timeToPowerMonths: number;
      readonly buildMonths: number;
      readonly onlineDay: number;
      readonly onlineDate: string;
      /** Inputs taken from the model's assumptions because the cell was blank. */
      readonly assumed: readonly string[];
    }
  | { readonly kind: "unknown"; readonly reason: string };

/**
 * Online date = start + max(permitting, time to power) + build months. Already-permitted sites
 * need no permitting time; brownfield sites may build faster.
 * @example siteReadiness(site, { startDate: "2025-01-01", buildMonths: 18, slots: ["2026-12-31"] })
 */
export function siteReadiness(site: Site, spec: ScheduleSpec): Readiness {
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
  const blanks = [
    permittingMonths === null ? "permitting_months" : null,
    timeToPowerMonths === null ? "time_to_power_months" : null,
  ].filter((c): c is string => c !== null);
  if (permittingMonths === null || timeToPowerMonths === null) {
    return { kind: "unknown", reason: `online date unknown: ${blanks.join(" and ")} blank and no assumption in the model` };
  }
  const buildMonths = site.brownfield === true ? (spec.brownfieldBuildMonths ?? spec.buildMonths) : spec.buildMonths;
  const leadMonths = Math.max(permittingMonths, timeToPowerMonths) + buildMonths;
  const onlineDay = addMonths(spec.startDate, leadMonths);
  return {
    kind: "dated",
    leadMonths,
    permittingMonths,
    timeToPowerMonths,
    buildMonths,
    onlineDay,
    onlineDate: isoOfDay(onlineDay),
    assumed,
  };
}
