/**
 * The plan as a lender reads it: sources and uses month by month (sources_uses.csv) and over the
 * whole build-out (the terminal, summary.md, run.json and the report), with the lender's figures.
 * Every figure is read from the printed ledger (whole thousands of dollars), so each month's
 * sources equal its uses plus the change in cash held, and the totals are the columns' sums,
 * digit for digit.
 */
import { money, pct, round } from "../core/format.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import type { Ledger, LedgerMonth, Timeline } from "../schedule/types.ts";
import { runPlan } from "./plan.ts";
import type { Cell, Table } from "./tables.ts";

const bn = (value: number): number => round(value, 6);

/** Uses, in the order every output lists them: [column, label, field]. */
export const USES = [
  ["facility_capex_bn", "facility capex", "drawnBn"],
  ["contingency_bn", "contingency", "contingencyBn"],
  ["fees_bn", "loan fees", "feesBn"],
  ["interest_bn", "interest during construction (capitalised)", "interestBn"],
  ["it_capex_bn", "IT systems capex", "itBn"],
  ["carrying_cost_bn", "carrying cost of held-back sites", "holdBn"],
  ["bridge_interest_bn", "bridge interest", "bridgeInterestBn"],
  ["bridge_repaid_bn", "bridge repaid", "bridgeRepaidBn"],
] as const satisfies readonly (readonly [string, string, keyof LedgerMonth])[];

/** Sources, in order: [column, label, field]. */
export const SOURCES = [
  ["equity_bn", "sponsor equity", "equityDrawnBn"],
  ["debt_bn", "construction debt", "debtBn"],
  ["tranches_bn", "tranches", "releasedBn"],
  ["bridge_drawn_bn", "bridge drawn", "bridgeDrawnBn"],
] as const satisfies readonly (readonly [string, string, keyof LedgerMonth])[];

const sum = (month: LedgerMonth, list: typeof USES | typeof SOURCES): number => list.reduce((s, [, , field]) => s + month[field], 0);

/**
 * One row a month: every source and use ($B), the change in cash held, both totals, and the
 * balances at the month's end. In every row total_sources_bn = total_uses_bn, where the uses
 * include the change in cash held (tranche money not yet spent).
 * @example sourcesUsesTable(outcome).header[0] // "month"
 */
export function sourcesUsesTable(outcome: RunOutcome): Table {
  const header = [
    "month",
    ...SOURCES.map(([c]) => c),
    "total_sources_bn",
    ...USES.map(([c]) => c),
    "cash_held_change_bn",
    "total_uses_bn",
    "equity_used_bn",
    "debt_outstanding_bn",
    "bridge_outstanding_bn",
    "cash_held_bn",
    "headroom_bn",
  ];
  const dated = runPlan(outcome);
  if (dated === null) return { header, rows: [] };
  const months = dated.plan.ledger.months;
  const rows = months.map((m, t): Cell[] => {
    const change = m.cashHeldBn - (months[t - 1]?.cashHeldBn ?? 0);
    return [
      m.label,
      ...SOURCES.map(([, , f]) => bn(m[f])),
      bn(sum(m, SOURCES)),
      ...USES.map(([, , f]) => bn(m[f])),
      bn(change),
      bn(sum(m, USES) + change),
      bn(m.equityUsedBn),
      bn(m.cumulativeDebtBn),
      bn(m.bridgeBn),
      bn(m.cashHeldBn),
      bn(m.headroomBn),
    ];
  });
  return { header, rows };
}

/** A labelled total, $B. */
export interface Line {
  readonly label: string;
  readonly bn: number;
}

/** Sources and uses over the build-out, and what a lender asks first. */
export interface SourcesAndUses {
  readonly sources: readonly Line[];
  readonly totalSourcesBn: number;
  /** The uses, cash still held at the end last, so the two totals agree. */
  readonly uses: readonly Line[];
  readonly totalUsesBn: number;
  readonly peakEquityBn: number;
  readonly peakEquityMonth: string;
  readonly peakDebtBn: number;
  readonly interestDuringConstructionBn: number;
  readonly contingencyBn: number;
  /** Debt ÷ (facility capex + contingency + fees + interest): the share of construction cost the loans fund. */
  readonly debtToCost: number;
  readonly tightestMonth: string;
  readonly minHeadroomBn: number;
  /** What binds in the tightest month, in words. */
  readonly binds: string;
}

/**
 * Totals of the printed ledger over the calendar; null without a plan.
 * @example sourcesAndUses(outcome)?.totalSourcesBn
 */
export function sourcesAndUses(outcome: RunOutcome): SourcesAndUses | null {
  const dated = runPlan(outcome);
  if (dated === null) return null;
  return totalsOf(dated.timeline, dated.plan.ledger);
}

function totalsOf(timeline: Timeline, ledger: Ledger): SourcesAndUses {
  const months = ledger.months;
  const total = (field: keyof LedgerMonth): number => months.reduce((s, m) => s + (m[field] as number), 0);
  const last = months[months.length - 1];
  const cashAtEnd = last?.cashHeldBn ?? 0;
  const sources = SOURCES.map(([, label, field]) => ({ label, bn: total(field) }));
  const uses = [...USES.map(([, label, field]) => ({ label, bn: total(field) })), { label: "cash held at the end", bn: cashAtEnd }];
  const debt = last?.cumulativeDebtBn ?? 0;
  const cost = total("drawnBn") + total("contingencyBn") + total("feesBn") + total("interestBn");
  const tight = months[ledger.tightestMonth];
  const label = (t: number): string => months[t]?.label ?? "";
  return {
    sources: sources.filter((l) => l.bn !== 0 || l.label === "sponsor equity"),
    totalSourcesBn: sources.reduce((s, l) => s + l.bn, 0),
    uses: uses.filter((l) => l.bn !== 0 || l.label === "facility capex"),
    totalUsesBn: uses.reduce((s, l) => s + l.bn, 0),
    peakEquityBn: ledger.peakEquityBn,
    peakEquityMonth: label(ledger.peakEquityMonth),
    peakDebtBn: months.reduce((most, m) => Math.max(most, m.cumulativeDebtBn), 0),
    interestDuringConstructionBn: total("interestBn"),
    contingencyBn: total("contingencyBn"),
    debtToCost: cost > 0 ? debt / cost : 0,
    tightestMonth: label(ledger.tightestMonth),
    minHeadroomBn: ledger.minHeadroomBn,
    binds: tight === undefined ? "" : bindingText(timeline, tight),
  };
}

function bindingText(timeline: Timeline, m: LedgerMonth): string {
  const equity = `equity ${money(m.equityUsedBn)} of ${money(m.equityBn)} drawn`;
  const bridge = timeline.cash.bridge === null ? "" : `, bridge ${money(m.bridgeBn)} of ${money(timeline.cash.bridge.limitBn)}`;
  const tranches = `${money(m.cumulativeReleasedBn)} of tranches released`;
  return `${equity}${bridge}, ${tranches}, ${money(m.cumulativeDebtBn)} of construction debt drawn`;
}

/**
 * Sources and uses as aligned text lines (terminal and summary.md), then the lender's figures.
 * @example sourcesUsesLines(outcome)[0] // "sources and uses, 2025-01 to 2029-12 ($B)"
 */
export function sourcesUsesLines(outcome: RunOutcome): string[] {
  const dated = runPlan(outcome);
  const su = sourcesAndUses(outcome);
  if (dated === null || su === null) return [];
  const months = dated.plan.ledger.months;
  const width = Math.max(...[...su.sources, ...su.uses].map((l) => l.label.length), "total".length);
  const row = (l: Line): string => `  ${l.label.padEnd(width)}  ${l.bn.toFixed(3).padStart(9)}`;
  return [
    `sources and uses, ${months[0]?.label ?? ""} to ${months[months.length - 1]?.label ?? ""} ($B)`,
    " sources",
    ...su.sources.map(row),
    row({ label: "total", bn: su.totalSourcesBn }),
    " uses",
    ...su.uses.map(row),
    row({ label: "total", bn: su.totalUsesBn }),
    `peak equity ${money(su.peakEquityBn)} (${su.peakEquityMonth}); peak debt ${money(su.peakDebtBn)}; interest during construction ${money(su.interestDuringConstructionBn)}; contingency ${money(su.contingencyBn)}; debt-to-cost ${pct(su.debtToCost)}`,
    `tightest month ${su.tightestMonth}: headroom ${money(su.minHeadroomBn)} (${su.binds})`,
  ];
}
