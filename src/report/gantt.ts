import { dayOf, monthsBetween } from "../schedule/dates.ts";
import type { Readiness } from "../schedule/readiness.ts";
import type { ScheduleEntry } from "../optimize/types.ts";
import type { SiteId } from "../sites/types.ts";

/**
 * A text Gantt of the schedule, one row per slot and one character per month from the planning
 * start: `-` permitting / waiting for power, `#` build, `*` online month, `|` the slot's target
 * (`X` when the site is online exactly in its target month).
 */
export function textGantt(
  startDate: string,
  schedule: readonly ScheduleEntry[],
  readiness: ReadonlyMap<SiteId, Readiness>,
): string {
  const startDay = dayOf(startDate);
  const monthIndex = (iso: string): number => Math.max(0, Math.floor(monthsBetween(startDay, dayOf(iso))));
  const last = Math.max(...schedule.map((e) => Math.max(monthIndex(e.slotDate), monthIndex(e.onlineDate))), 0);
  const years: string[] = [];
  for (let m = 0; m <= last; m += 12) years.push(String(Number(startDate.slice(0, 4)) + m / 12).padEnd(12, " "));
  const lines = [`slot  site      ${years.join("").slice(0, last + 1)}`];
  for (const e of schedule) {
    const r = readiness.get(e.siteId);
    const online = monthIndex(e.onlineDate);
    const target = monthIndex(e.slotDate);
    const buildStart = r?.kind === "dated" ? Math.max(0, online - Math.round(r.buildMonths)) : online;
    const cells: string[] = [];
    for (let m = 0; m <= last; m++) {
      let c = m < buildStart ? "-" : m < online ? "#" : m === online ? "*" : " ";
      if (m === target) c = m === online ? "X" : "|";
      cells.push(c);
    }
    lines.push(`${String(e.slot).padStart(4)}  ${e.siteId.padEnd(8).slice(0, 8)}  ${cells.join("").trimEnd()}`);
  }
  lines.push("", "- permitting / waiting for power   # build   * online   | slot target   X online in the target month");
  return lines.join("\n");
}
