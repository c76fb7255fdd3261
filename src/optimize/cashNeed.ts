/**
 * What a site needs of the deal's own money by the end of month t when it goes live in month m,
 * $B: the one number every search over dates reads (the fixed-set scheduler, its bounds and the
 * warm start): the uses construction debt does not fund, from the capital stack (schedule/funding.ts).
 */
import { fundingOf } from "../schedule/funding.ts";
import type { Timeline } from "../schedule/types.ts";

/** The parts of a site the cash need depends on. */
export interface CashSite {
  readonly capexBn: number;
  readonly buildMonths: number;
  /** Its ready month: a held-back site's carrying cost runs from it. */
  readonly readyMonth: number | null;
}

/**
 * Cumulative cash need of one site by the end of month t (≥ 0) when it goes live in month m: what
 * the cash pool pays (schedule/funding.ts: every use construction debt does not fund).
 * Non-decreasing in t; 0 before its build starts (or its hold starts).
 * @example siteCashNeed(timeline, { capexBn: 10, buildMonths: 4, readyMonth: 0 }, 8, 5) // 5 with no upfront share and no capital stack
 */
export function siteCashNeed(timeline: Timeline, site: CashSite, goLiveMonth: number, month: number): number {
  return fundingOf(timeline).poolNeedBy(site, goLiveMonth, month);
}

/**
 * Whether the cash rule is one pool that per-site needs less tranches describe: what the fixed-set
 * scheduler models. Tranches for IT only, tranche 1 on signing and bridge interest paid from cash
 * are not, and leave the dates to the MILP.
 */
export function poolCashRule(timeline: Timeline): boolean {
  const cash = timeline.cash;
  return cash.trancheUses === "any" && cash.signingMonth === null && (cash.bridge === null || cash.bridge.monthlyRate === 0);
}
