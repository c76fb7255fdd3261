import type { Plan, Timeline } from "../schedule/types.ts";
import { monthLabel } from "../schedule/calendar.ts";

/**
 * A text Gantt of the plan, one row per slot and one character per calendar month from the
 * start: `.` not yet building, `#` building (capex drawn), `r` the site's earliest go-live when
 * the plan holds it back, `*` the planned go-live. The second header line numbers the milestones
 * in their months (milestone 10 shows as 0).
 * @example textGantt(timeline, plan).split("\n")[2] // "   1  S0285     ......############*"
 */
export function textGantt(timeline: Timeline, plan: Plan): string {
  const months = timeline.calendar.months;
  const years = new Array<string>(months).fill(" ");
  let free = 0;
  for (let m = 0; m < months; m++) {
    const label = monthLabel(timeline.calendar, m);
    if ((m === 0 || label.endsWith("-01")) && m >= free && m + 4 <= months) {
      for (const [i, ch] of label.slice(0, 4).split("").entries()) years[m + i] = ch;
      free = m + 5;
    }
  }
  const milestoneRow = new Array<string>(months).fill(" ");
  for (const ms of timeline.milestones) if (ms.month >= 0 && ms.month < months) milestoneRow[ms.month] = String(ms.index % 10);
  const lines = [`slot  site      ${years.join("").trimEnd()}`, `      milestone ${milestoneRow.join("").trimEnd()}`];
  for (const s of plan.sites) {
    const cells: string[] = [];
    for (let m = 0; m < Math.max(months, s.goLiveMonth + 1); m++) {
      let c = m < s.constructionStartMonth ? "." : m < s.goLiveMonth ? "#" : m === s.goLiveMonth ? "*" : " ";
      if (m === s.readyMonth && s.heldBackMonths > 0) c = "r";
      cells.push(c);
    }
    lines.push(`${String(s.slot).padStart(4)}  ${s.siteId.padEnd(8).slice(0, 8)}  ${cells.join("").trimEnd()}`);
  }
  lines.push("", ". not yet building   # building (capex drawn)   r earliest go-live (held back)   * go-live   1-9,0 milestone k");
  return lines.join("\n");
}
