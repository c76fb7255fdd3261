/**
 * The dated plan as every output shows it. Each figure here is read from the plan's one ledger
 * (schedule/ledger.ts), so selection.csv, cashflow.csv, run.json, summary.md, the terminal and
 * report.html cannot disagree with one another.
 */
import { monthLabel, monthStartDate } from "../schedule/calendar.ts";
import { drawnThrough, minHeadroomDuring } from "../schedule/ledger.ts";
import { printedLedger } from "./printedLedger.ts";
import { holdCauses } from "../schedule/holdCause.ts";
import type { Ledger, MilestoneCheck, Plan, PlannedSite, Timeline } from "../schedule/types.ts";
import { solvedResult, type RunOutcome } from "../pipeline/run.ts";
import type { SiteId } from "../sites/types.ts";

/** One selected site of the plan, in go-live order, with its dates and cash figures. */
export interface PlanRow {
  readonly site: PlannedSite;
  /** Earliest go-live (the first day of the site's ready month), `YYYY-MM-DD`. */
  readonly readyDate: string;
  /** Planned go-live, `YYYY-MM-DD` (a month's first day). */
  readonly goLiveDate: string;
  /** First build month's first day; before the start date for a site already under construction. */
  readonly constructionStart: string;
  /** Tranche released for this go-live (this site is the k-th live, so tranche k), $B; 0 past the tranche count or the calendar. */
  readonly trancheReleasedBn: number;
  /** When that tranche is released (go-live + lag); null when none is. */
  readonly trancheReleaseDate: string | null;
  /**
   * Capex of the whole plan drawn through the end of the month before the go-live month: all
   * that was spent to bring this site live (and everything else built by then), $B. For a site
   * live in the plan's first month, through that month, where the ledger books what was drawn
   * before the start.
   */
  readonly drawnByGoLiveBn: number;
  /** Lowest cash headroom from construction start through go-live month, $B. */
  readonly minHeadroomBn: number;
  /** Why the site is held back (what a month earlier would break); empty when it is not held back. */
  readonly holdCause: string;
}

/** The month the drawn-by-go-live figure is read at (see {@link PlanRow.drawnByGoLiveBn}). */
export const drawnByGoLiveMonth = (site: PlannedSite): number => Math.max(0, site.goLiveMonth - 1);

/**
 * The run's timeline and plan, or null (no schedule in the model, or no solution). The plan's
 * ledger is the printed one (report/printedLedger.ts): figures rounded to $1,000 that re-add
 * exactly, so every output shows the same digits.
 */
export function runPlan(outcome: RunOutcome): { readonly timeline: Timeline; readonly plan: Plan } | null {
  const r = solvedResult(outcome);
  const timeline = outcome.problem.timeline;
  if (r === null || r.plan === null || timeline === null) return null;
  return { timeline, plan: { ...r.plan, ledger: printedLedger(timeline, r.plan.sites, r.plan.ledger) } };
}

/**
 * The plan's sites as rows, in go-live order; empty without a plan.
 * @example planRows(outcome)[0]?.goLiveDate // "2026-07-01"
 */
export function planRows(outcome: RunOutcome): PlanRow[] {
  const dated = runPlan(outcome);
  if (dated === null) return [];
  const { timeline, plan } = dated;
  const { calendar, cash } = timeline;
  const causes = holdCauses(timeline, plan.sites, new Map(outcome.problem.candidates.map((c) => [c.siteId as string, c.gridZone])));
  return plan.sites.map((site, k) => {
    const releaseMonth = site.goLiveMonth + cash.lagMonths;
    const released = k < cash.trancheCount && releaseMonth < calendar.months;
    return {
      site,
      readyDate: monthStartDate(calendar, site.readyMonth),
      goLiveDate: monthStartDate(calendar, site.goLiveMonth),
      constructionStart: monthStartDate(calendar, site.constructionStartMonth),
      trancheReleasedBn: released ? cash.trancheBn : 0,
      trancheReleaseDate: released ? monthStartDate(calendar, releaseMonth) : null,
      drawnByGoLiveBn: drawnThrough(plan.ledger, drawnByGoLiveMonth(site)),
      minHeadroomBn: minHeadroomDuring(plan.ledger, site),
      holdCause: causes.get(site.siteId) ?? "",
    };
  });
}

/** Plan rows by site id. */
export function planRowsById(outcome: RunOutcome): ReadonlyMap<SiteId, PlanRow> {
  return new Map(planRows(outcome).map((row) => [row.site.siteId, row]));
}

/** The figures a reader looks for first: peak equity, the tightest month, the bridge. */
export interface CashHighlights {
  readonly peakEquityBn: number;
  /** `YYYY-MM`. */
  readonly peakEquityMonth: string;
  readonly tightestMonth: string;
  readonly minHeadroomBn: number;
  readonly cumulativeDrawnAtTightestBn: number;
  readonly availableAtTightestBn: number;
  readonly peakBridgeBn: number;
  readonly bridgeBnMonths: number;
}

/** @example cashHighlights(timeline, plan.ledger).tightestMonth // "2026-06" */
export function cashHighlights(timeline: Timeline, ledger: Ledger): CashHighlights {
  const tight = ledger.months[ledger.tightestMonth];
  const drawn = tight?.cumulativeDrawnBn ?? 0;
  return {
    peakEquityBn: ledger.peakEquityBn,
    peakEquityMonth: monthLabel(timeline.calendar, ledger.peakEquityMonth),
    tightestMonth: monthLabel(timeline.calendar, ledger.tightestMonth),
    minHeadroomBn: ledger.minHeadroomBn,
    cumulativeDrawnAtTightestBn: drawn,
    availableAtTightestBn: drawn + ledger.minHeadroomBn,
    peakBridgeBn: ledger.peakBridgeBn,
    bridgeBnMonths: ledger.bridgeBnMonths,
  };
}

/** GW live by a milestone's date, and whether the milestone (k GW by date k) is met. */
export function milestoneGw(milestone: MilestoneCheck, gwPerSite: number): { readonly gwLive: number; readonly gwRequired: number; readonly met: boolean } {
  return { gwLive: milestone.sitesLive * gwPerSite, gwRequired: milestone.index * gwPerSite, met: milestone.sitesLive >= milestone.index };
}
