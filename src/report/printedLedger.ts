/**
 * The plan's ledger in whole thousands of dollars ($0.000001B), as every output prints it, so
 * that the printed figures re-add exactly: a month's figure is the sum of its sites' figures,
 * each cumulative figure the running sum of the monthly ones, every month's sources equal its
 * uses plus the change in cash held, and headroom = equity + bridge − what the pool has funded,
 * digit for digit in a spreadsheet.
 *
 * Each site's cumulative figure of each flow is rounded and its monthly figures are the
 * differences of those rounded figures, so rounding never accumulates over the months: every
 * printed figure is within half a thousand dollars per site of the exact ledger
 * (schedule/ledger.ts), whose month loop (accumulateCash) it runs on the rounded figures.
 */
import { accumulateCash, ledgerFrom, monthlyFlows } from "../schedule/ledger.ts";
import type { Ledger, PlannedSite, SiteFlow, Timeline } from "../schedule/types.ts";

/** Units per $B: whole thousands of dollars. */
const PER_BN = 1_000_000;
const units = (bn: number): number => Math.round(bn * PER_BN);
const bnOf = (u: number): number => u / PER_BN;
const KEYS = ["drawnBn", "contingencyBn", "feesBn", "interestBn", "itBn", "holdBn", "debtBn"] as const;

/**
 * The ledger with every figure rounded to $1,000 and re-added from the rounded site flows.
 * @example printedLedger(timeline, plan.sites, plan.ledger).months[0]?.cumulativeDrawnBn
 */
export function printedLedger(timeline: Timeline, sites: readonly PlannedSite[], ledger: Ledger): Ledger {
  const { cash } = timeline;
  const siteFlows: SiteFlow[] = [];
  const cumulative = new Map<string, Record<(typeof KEYS)[number], { exact: number; rounded: number }>>();
  for (const f of ledger.siteFlows) {
    let before = cumulative.get(f.siteId);
    if (before === undefined) {
      before = Object.fromEntries(KEYS.map((k) => [k, { exact: 0, rounded: 0 }])) as Record<(typeof KEYS)[number], { exact: number; rounded: number }>;
      cumulative.set(f.siteId, before);
    }
    const row: SiteFlow = { month: f.month, siteId: f.siteId, drawnBn: 0, contingencyBn: 0, feesBn: 0, interestBn: 0, itBn: 0, holdBn: 0, debtBn: 0 };
    const amounts = row as { -readonly [K in keyof SiteFlow]: SiteFlow[K] };
    for (const key of KEYS) {
      const sum = before[key];
      const exact = sum.exact + f[key];
      const rounded = units(exact);
      amounts[key] = rounded - sum.rounded;
      before[key] = { exact, rounded };
    }
    if (KEYS.some((k) => amounts[k] !== 0)) siteFlows.push(row);
  }
  // The loop runs on integer units; the site rows are converted to $B afterwards.
  const totals = accumulateCash(
    monthlyFlows(ledger.months.length, siteFlows),
    ledger.months.map((m) => units(m.releasedBn)),
    {
      equity: units(cash.equityBn),
      bridgeLimit: cash.bridge === null ? null : units(cash.bridge.limitBn),
      bridgeMonthlyRate: cash.bridge?.monthlyRate ?? 0,
      itOnlyTranches: cash.trancheUses === "itSystems",
    },
    Math.round,
  );
  const inBn = ledgerFrom(
    timeline,
    sites,
    siteFlows.map((f) => ({ ...f, ...Object.fromEntries(KEYS.map((k) => [k, bnOf(f[k])])) })),
    {
      ...totals,
      months: totals.months.map((m) => ({
        flows: Object.fromEntries(Object.entries(m.flows).map(([k, v]) => [k, bnOf(v)])) as typeof m.flows,
        cumulativeDrawn: bnOf(m.cumulativeDrawn),
        released: bnOf(m.released),
        cumulativeReleased: bnOf(m.cumulativeReleased),
        cumulativeDebt: bnOf(m.cumulativeDebt),
        bridgeInterest: bnOf(m.bridgeInterest),
        equity: bnOf(m.equity),
        equityDrawn: bnOf(m.equityDrawn),
        equityUsed: bnOf(m.equityUsed),
        bridge: bnOf(m.bridge),
        bridgeDrawn: bnOf(m.bridgeDrawn),
        bridgeRepaid: bnOf(m.bridgeRepaid),
        cashHeld: bnOf(m.cashHeld),
        headroom: bnOf(m.headroom),
      })),
      peakEquity: bnOf(totals.peakEquity),
      minHeadroom: bnOf(totals.minHeadroom),
      peakBridge: bnOf(totals.peakBridge),
      bridgeMonths: bnOf(totals.bridgeMonths),
    },
  );
  return inBn;
}
