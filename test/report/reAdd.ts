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
