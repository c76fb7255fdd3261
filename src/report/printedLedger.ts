/**
 * The plan's ledger in whole thousands of dollars ($0.000001B), as every output prints it, so
 * that the printed figures re-add exactly: a month's draw is the sum of its sites' draws, each
 * cumulative figure the running sum of the monthly ones, and headroom = equity + released +
 * bridge − drawn, digit for digit in a spreadsheet.
 *
 * Each site's cumulative draw is rounded and its monthly draws are the differences of those
 * rounded figures, so rounding never accumulates over the months: every printed figure is
 * within half a thousand dollars per site of the exact ledger (schedule/ledger.ts), whose month
 * loop (accumulateCash) it runs on the rounded figures.
 */
import { accumulateCash, type CashMonth } from "../schedule/ledger.ts";
import type { Ledger, LedgerMonth, SiteDraw, Timeline } from "../schedule/types.ts";

/** Units per $B: whole thousands of dollars. */
const PER_BN = 1_000_000;
const units = (bn: number): number => Math.round(bn * PER_BN);
const bnOf = (u: number): number => u / PER_BN;

/**
 * The ledger with every figure rounded to $1,000 and re-added from the rounded site draws.
 * @example printedLedger(timeline, plan.ledger).months[0]?.cumulativeDrawnBn
 */
export function printedLedger(timeline: Timeline, ledger: Ledger): Ledger {
  const { cash } = timeline;
  const siteDraws: SiteDraw[] = [];
  const drawnUnits = new Array<number>(ledger.months.length).fill(0);
  const cumulativeBySite = new Map<string, { exact: number; rounded: number }>();
  for (const d of ledger.siteDraws) {
    const before = cumulativeBySite.get(d.siteId) ?? { exact: 0, rounded: 0 };
    const exact = before.exact + d.drawnBn;
    const rounded = units(exact);
    cumulativeBySite.set(d.siteId, { exact, rounded });
    const amount = rounded - before.rounded;
    if (amount === 0) continue;
    siteDraws.push({ month: d.month, siteId: d.siteId, drawnBn: bnOf(amount) });
    drawnUnits[d.month] = (drawnUnits[d.month] ?? 0) + amount;
  }
  const totals = accumulateCash(
    drawnUnits,
    ledger.months.map((m) => units(m.releasedBn)),
    units(cash.equityBn),
    cash.bridge === null ? null : units(cash.bridge.limitBn),
  );
  const months: LedgerMonth[] = ledger.months.map((m, t) => {
    const u = totals.months[t] as CashMonth;
    return {
      ...m,
      drawnBn: bnOf(u.drawn),
      cumulativeDrawnBn: bnOf(u.cumulativeDrawn),
      releasedBn: bnOf(u.released),
      cumulativeReleasedBn: bnOf(u.cumulativeReleased),
      equityBn: bnOf(u.equity),
      bridgeBn: bnOf(u.bridge),
      headroomBn: bnOf(u.headroom),
    };
  });
  return {
    months,
    siteDraws,
    peakEquityBn: bnOf(totals.peakEquity),
    peakEquityMonth: totals.peakEquityMonth,
    tightestMonth: totals.tightestMonth,
    minHeadroomBn: bnOf(totals.minHeadroom),
    peakBridgeBn: bnOf(totals.peakBridge),
    bridgeBnMonths: bnOf(totals.bridgeMonths),
  };
}
