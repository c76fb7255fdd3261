/**
 * The selected sites joined with everything the report shows about them, in one place so the
 * map, the tables and the schedule chart number and order them the same way.
 */
import type { ScheduleEntry } from "../../optimize/types.ts";
import type { RunOutcome } from "../../pipeline/run.ts";
import type { Readiness } from "../../schedule/readiness.ts";
import type { ScoredSite } from "../../score/score.ts";
import { scheduleOf, selectedIds } from "../tables.ts";

export interface SelectedRow {
  /** The marker's number: the slot when there is a schedule, else the rank by score (1 = best). */
  readonly number: number;
  readonly scored: ScoredSite;
  /** Rank among all screened-in sites by overall score, 1 = best. */
  readonly rank: number;
  readonly entry: ScheduleEntry | null;
  readonly readiness: Readiness | null;
}

/**
 * The selection in slot order (or by score without a schedule); empty without a solution.
 * @example selectedRows(outcome).map((r) => r.number) // [1, 2, …, 10]
 */
export function selectedRows(outcome: RunOutcome): SelectedRow[] {
  const ids = selectedIds(outcome);
  const schedule = scheduleOf(outcome);
  const rows: SelectedRow[] = [];
  outcome.ranked.forEach((scored, i) => {
    if (!ids.has(scored.site.siteId)) return;
    const entry = schedule?.find((e) => e.siteId === scored.site.siteId) ?? null;
    const readiness = outcome.screen.readiness.get(scored.site.siteId) ?? null;
    rows.push({ number: 0, scored, rank: i + 1, entry, readiness });
  });
  // ranked is best-first, so without a schedule the row order already is the numbering.
  const ordered = schedule ? rows.sort((a, b) => (a.entry?.slot ?? Infinity) - (b.entry?.slot ?? Infinity)) : rows;
  return ordered.map((row, i) => ({ ...row, number: row.entry?.slot ?? i + 1 }));
}
