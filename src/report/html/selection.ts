/**
 * The selected sites joined with everything the report shows about them, in one place so the
 * map, the tables and the plan chart number and order them the same way.
 */
import { selectedIds, type RunOutcome } from "../../pipeline/run.ts";
import type { Readiness } from "../../schedule/readiness.ts";
import type { ScoredSite } from "../../score/score.ts";
import { planRowsById, type PlanRow } from "../plan.ts";

export interface SelectedRow {
  /** The marker's number: the slot (k-th to go live) when there is a plan, else the rank by score (1 = best). */
  readonly number: number;
  readonly scored: ScoredSite;
  /** Rank among all screened-in sites by overall score, 1 = best. */
  readonly rank: number;
  /** The site in the dated plan; null without one. */
  readonly planned: PlanRow | null;
  readonly readiness: Readiness | null;
}

/**
 * The selection in go-live order (or by score without a plan); empty without a solution.
 * @example selectedRows(outcome).map((r) => r.number) // [1, 2, …, 10]
 */
export function selectedRows(outcome: RunOutcome): SelectedRow[] {
  const ids = selectedIds(outcome);
  const plan = planRowsById(outcome);
  const rows: SelectedRow[] = [];
  outcome.ranked.forEach((scored, i) => {
    if (!ids.has(scored.site.siteId)) return;
    const planned = plan.get(scored.site.siteId) ?? null;
    const readiness = outcome.screen.readiness.get(scored.site.siteId) ?? null;
    rows.push({ number: 0, scored, rank: i + 1, planned, readiness });
  });
  // ranked is best-first, so without a plan the row order already is the numbering.
  const ordered = plan.size > 0 ? rows.sort((a, b) => (a.planned?.site.slot ?? Infinity) - (b.planned?.site.slot ?? Infinity)) : rows;
  return ordered.map((row, i) => ({ ...row, number: row.planned?.site.slot ?? i + 1 }));
}
