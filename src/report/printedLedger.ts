/**
 * The plan's ledger in whole thousands of dollars ($0.000001B), as every output prints it, so
 * that the printed figures re-add exactly: a month's draw is the sum of its sites' draws, each
 * cumulative figure the running sum of the monthly ones, and headroom = equity + released +
 * bridge − drawn, digit for digit in a spreadsheet.
 *
 * Each site's cumulative draw is rounded and its monthly draws are the differences of those
 * rounded figures, so rounding never accumulates over the months: every printed figure is
 * within half a thousand dollars per site of the exact ledger (schedule/ledger.ts).
 */
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
  const equity = units(cash.equityBn);
  const bridgeLimit = cash.bridge === null ? null : units(cash.bridge.limitBn);
  const months: LedgerMonth[] = [];
  let cumulativeDrawn = 0;
  let cumulativeReleased = 0;
  let peakEquity = 0;
  let peakEquityMonth = 0;
  let tightestMonth = 0;
  let minHeadroom = Infinity;
  let peakBridge = 0;
  let bridgeMonths = 0;
  for (const m of ledger.months) {
    const drawn = drawnUnits[m.month] ?? 0;
    const released = units(m.releasedBn);
    cumulativeDrawn += drawn;
    cumulativeReleased += released;
    const need = cumulativeDrawn - cumulativeReleased;
    if (need > peakEquity) {
      peakEquity = need;
      peakEquityMonth = m.month;
    }
    const gap = need - equity;
    const bridge = bridgeLimit !== null && gap > 0 ? Math.min(gap, bridgeLimit) : 0;
    const headroom = equity + cumulativeReleased + bridge - cumulativeDrawn;
    if (headroom < minHeadroom) {
      minHeadroom = headroom;
      tightestMonth = m.month;
    }
    peakBridge = Math.max(peakBridge, bridge);
    bridgeMonths += bridge;
    months.push({
      ...m,
      drawnBn: bnOf(drawn),
      cumulativeDrawnBn: bnOf(cumulativeDrawn),
      releasedBn: bnOf(released),
      cumulativeReleasedBn: bnOf(cumulativeReleased),
      equityBn: bnOf(equity),
      bridgeBn: bnOf(bridge),
      headroomBn: bnOf(headroom),
    });
  }
  return {
    months,
    siteDraws,
    peakEquityBn: bnOf(peakEquity),
    peakEquityMonth,
    tightestMonth,
    minHeadroomBn: Number.isFinite(minHeadroom) ? bnOf(minHeadroom) : 0,
    peakBridgeBn: bnOf(peakBridge),
    bridgeBnMonths: bnOf(bridgeMonths),
  };
}
