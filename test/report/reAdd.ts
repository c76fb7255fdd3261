/**
 * Re-adds a run's cash files by hand, as a reader with a spreadsheet would: every figure of
 * cashflow.csv and selection.csv from cashflow_sites.csv (the per-site draws) and the model's
 * terms. Shared by the report tests and the end-to-end run.
 */
import Papa from "papaparse";
import { expect } from "vitest";
import { expectApprox } from "../helpers/approx.ts";

export type Row = Record<string, string>;

/** What a reader needs from the model: the calendar and the cash terms. */
export interface CashTerms {
  readonly startDate: string;
  readonly months: number;
  readonly equityBn: number;
  readonly trancheBn: number;
  readonly trancheCount: number;
  readonly lagMonths: number;
  readonly gwPerSite: number;
  readonly cashRule: boolean;
  /** False when the model has a capital stack (debt, contingency, IT capex or carrying costs). */
  readonly plainStack?: boolean;
}

const SOURCES = ["equity_bn", "debt_bn", "tranches_bn", "bridge_drawn_bn"];
const USES = ["facility_capex_bn", "contingency_bn", "fees_bn", "interest_bn", "it_capex_bn", "carrying_cost_bn", "bridge_interest_bn", "bridge_repaid_bn"];
const SITE_FLOWS: readonly (readonly [use: string, site: string])[] = [
  ["facility_capex_bn", "drawn_bn"],
  ["contingency_bn", "contingency_bn"],
  ["fees_bn", "fees_bn"],
  ["interest_bn", "interest_bn"],
  ["it_capex_bn", "it_bn"],
  ["carrying_cost_bn", "hold_bn"],
  ["debt_bn", "debt_bn"],
];

/**
 * Re-adds sources_uses.csv by hand: every month's sources equal its uses plus the change in cash
 * held; the balances are running sums; each site flow is the sum of cashflow_sites.csv's rows;
 * facility capex and tranches agree with cashflow.csv; headroom = equity committed − equity drawn
 * + cash held (tranches usable for any use). Returns the column totals, which the printed sources
 * and uses table must show.
 */
export function reAddSourcesUses(
  files: { readonly sourcesUses: string; readonly cashflow: string; readonly siteDraws: string },
  equityBn: number,
): Record<string, number> {
  const rows = parseCsv(files.sourcesUses);
  const cashflow = parseCsv(files.cashflow);
  const sites = parseCsv(files.siteDraws);
  expect(rows).toHaveLength(cashflow.length);
  const totals: Record<string, number> = {};
  let cash = 0;
  let equity = 0;
  let debt = 0;
  let bridge = 0;
  rows.forEach((r, t) => {
    for (const [k, v] of Object.entries(r)) if (k !== "month") totals[k] = (totals[k] ?? 0) + n(v);
    expect(r.month).toBe(cashflow[t]?.month);
    const sources = SOURCES.reduce((s, c) => s + n(r[c]), 0);
    const uses = USES.reduce((s, c) => s + n(r[c]), 0) + n(r.cash_held_change_bn);
    expectApprox(n(r.total_sources_bn), sources, TOL);
    expectApprox(n(r.total_uses_bn), uses, TOL);
    expectApprox(sources, uses, TOL);
    cash += n(r.cash_held_change_bn);
    equity += n(r.equity_bn);
    debt += n(r.debt_bn);
    bridge += n(r.bridge_drawn_bn) - n(r.bridge_repaid_bn);
    expectApprox(n(r.cash_held_bn), cash, TOL);
    expectApprox(n(r.equity_used_bn), equity, TOL);
    expectApprox(n(r.debt_outstanding_bn), debt, TOL);
    expectApprox(n(r.bridge_outstanding_bn), bridge, TOL);
    expectApprox(n(r.headroom_bn), equityBn - equity + cash, TOL);
    expect(equity).toBeLessThanOrEqual(equityBn + 1e-9);
    for (const [use, site] of SITE_FLOWS)
      expectApprox(
        n(r[use]),
        sites.filter((d) => d.month === r.month).reduce((s, d) => s + n(d[site]), 0),
        TOL,
      );
    expectApprox(n(r.facility_capex_bn), n(cashflow[t]?.drawn_bn), TOL);
    expectApprox(n(r.tranches_bn), n(cashflow[t]?.released_bn), TOL);
    expectApprox(n(r.headroom_bn), n(cashflow[t]?.headroom_bn), TOL);
  });
  totals.cash_held_at_end_bn = cash;
  return totals;
}

export const parseCsv = (text: string | undefined): Row[] => Papa.parse<Row>(text ?? "", { header: true, skipEmptyLines: true }).data;
const n = (v: string | undefined): number => Number(v);
/** Whole months from `YYYY-MM(-DD)` a to b. */
export const monthsBetween = (a: string, b: string): number => (n(b.slice(0, 4)) - n(a.slice(0, 4))) * 12 + n(b.slice(5, 7)) - n(a.slice(5, 7));
/** Printed figures are whole thousands of dollars, so sums agree to float precision. */
const TOL = { abs: 1e-9 };

/** Checks every cash figure of the three files against one another; returns the parsed rows. */
export function reAddCashFiles(
  files: { readonly selection: string; readonly cashflow: string; readonly siteDraws: string },
  terms: CashTerms,
): { selection: Row[]; cashflow: Row[]; siteDraws: Row[] } {
  const selection = parseCsv(files.selection);
  const cashflow = parseCsv(files.cashflow);
  const siteDraws = parseCsv(files.siteDraws);
  // cashflow.csv: one row a month, YYYY-MM, from the start month to the last milestone's.
  expect(cashflow).toHaveLength(terms.months);
  cashflow.forEach((r, t) => {
    expect(r.month).toMatch(/^\d{4}-\d{2}$/);
    expect(monthsBetween(terms.startDate, r.month!)).toBe(t);
  });
  let drawn = 0;
  let released = 0;
  for (const r of cashflow) {
    const month = r.month!;
    expectApprox(
      n(r.drawn_bn),
      siteDraws.filter((d) => d.month === month).reduce((s, d) => s + n(d.drawn_bn), 0),
      TOL,
    );
    drawn += n(r.drawn_bn);
    released += n(r.released_bn);
    expectApprox(n(r.cumulative_drawn_bn), drawn, TOL);
    expectApprox(n(r.cumulative_released_bn), released, TOL);
    expect(n(r.equity_bn)).toBe(terms.equityBn);
    // Without a capital stack the pool funds capex alone (with one, reAddSourcesUses checks headroom).
    if (terms.plainStack !== false)
      expectApprox(n(r.headroom_bn), n(r.equity_bn) + n(r.cumulative_released_bn) + n(r.bridge_bn) - n(r.cumulative_drawn_bn), TOL);
    // GW live: the sites whose go-live month is on or before this one.
    expect(n(r.gw_live)).toBe(selection.filter((s) => s.go_live_date!.slice(0, 7) <= month).length * terms.gwPerSite);
    // Released this month: tranche k for the k-th go-live `lag` months before.
    const tranches = selection.filter((s) => n(s.slot) <= terms.trancheCount && monthsBetween(s.go_live_date!, month) === terms.lagMonths).length;
    expectApprox(n(r.released_bn), tranches * terms.trancheBn, TOL);
    if (terms.cashRule) expect(n(r.headroom_bn)).toBeGreaterThanOrEqual(-1e-6);
  }

  // selection.csv: go-live order, ISO dates, and each figure from the ledger.
  expect(selection.map((s) => n(s.slot))).toEqual(selection.map((_, k) => k + 1));
  for (let k = 1; k < selection.length; k++) expect(selection[k]!.go_live_date! >= selection[k - 1]!.go_live_date!).toBe(true);
  let total = 0;
  for (const s of selection) {
    for (const c of ["ready_date", "go_live_date", "construction_start"]) expect(s[c]).toMatch(/^\d{4}-\d{2}-01$/);
    expect(n(s.held_back_months)).toBe(monthsBetween(s.ready_date!, s.go_live_date!));
    expect(n(s.held_back_months)).toBeGreaterThanOrEqual(0);
    expect(monthsBetween(s.construction_start!, s.go_live_date!)).toBe(n(s.build_months));
    const goLive = s.go_live_date!.slice(0, 7);
    const goLiveMonth = monthsBetween(terms.startDate, goLive);
    const own = siteDraws.filter((d) => d.site_id === s.site_id);
    expectApprox(
      own.reduce((sum, d) => sum + n(d.drawn_bn), 0),
      n(s.capex_bn),
      TOL,
    );
    // Nothing is drawn for a site from its go-live month on (bar a site live in the first month).
    for (const d of own) expect(d.month! < goLive || goLiveMonth === 0).toBe(true);
    total += n(s.capex_bn);
    // Drawn by go-live: every draw of the plan through the month before the go-live month.
    const through = cashflow[Math.max(0, goLiveMonth - 1)]!.month!;
    expectApprox(
      n(s.drawn_by_go_live_bn),
      siteDraws.filter((d) => d.month! <= through).reduce((sum, d) => sum + n(d.drawn_bn), 0),
      TOL,
    );
    expectApprox(n(s.drawn_by_go_live_bn), n(cashflow[Math.max(0, goLiveMonth - 1)]!.cumulative_drawn_bn), TOL);
    // Least headroom from construction start (or the plan start) through the go-live month.
    const during = cashflow.filter((r) => r.month! >= s.construction_start!.slice(0, 7) && r.month! <= goLive).map((r) => n(r.headroom_bn));
    expectApprox(n(s.min_headroom_bn), Math.min(...during), TOL);
    const releasedInCalendar = goLiveMonth + terms.lagMonths < terms.months;
    expectApprox(n(s.tranche_released_bn), n(s.slot) <= terms.trancheCount && releasedInCalendar ? terms.trancheBn : 0, TOL);
  }
  expectApprox(total, n(cashflow.at(-1)?.cumulative_drawn_bn), { abs: 1e-6 });
  return { selection, cashflow, siteDraws };
}
