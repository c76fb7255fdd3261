/**
 * What a site needs of the deal's own money by the end of month t when it goes live in month m,
 * $B: the one number every search over dates reads (the fixed-set scheduler, its bounds and the
 * warm start). Today that is the capex drawn by then (schedule/draws.ts); a capital stack that
 * funds part of each build by other means changes this function and nothing else.
 */
import { drawnByMonth } from "../schedule/draws.ts";
import type { Timeline } from "../schedule/types.ts";

/** The parts of a site the cash need depends on. */
export interface CashSite {
  readonly capexBn: number;
  readonly buildMonths: number;
}

/**
 * Cumulative cash need of one site by the end of month t (≥ 0) when it goes live in month m.
 * Non-decreasing in t; 0 before its build starts.
 * @example siteCashNeed(timeline, { capexBn: 10, buildMonths: 4 }, 8, 5) // 5 with no upfront share
 */
export function siteCashNeed(timeline: Timeline, site: CashSite, goLiveMonth: number, month: number): number {
  return drawnByMonth(timeline.draw, site.capexBn, site.buildMonths, goLiveMonth, month);
}
