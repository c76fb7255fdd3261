/**
 * The plan's monthly cash ledger as tables (cashflow.csv, cashflow_sites.csv): every figure of
 * selection.csv and the summary can be re-added from them. Empty (header only) without a plan.
 */
import type { RunOutcome } from "../pipeline/run.ts";
import { monthLabel } from "../schedule/calendar.ts";
import { round } from "../core/format.ts";
import { runPlan } from "./plan.ts";
import type { Cell, Table } from "./tables.ts";

const bn = (value: number): number => round(value, 6);

/**
 * One row a month of the calendar: drawn that month and in all, tranches released that month and
 * in all, GW live, equity, bridge outstanding and headroom (equity + cumulative released +
 * bridge − cumulative drawn), $B.
 * @example cashflowTable(outcome).rows[0] // ["2025-01", 1.8, 1.8, 0, 0, 0, 15, 0, 13.2]
 */
export function cashflowTable(outcome: RunOutcome): Table {
  const header = ["month", "drawn_bn", "cumulative_drawn_bn", "released_bn", "cumulative_released_bn", "gw_live", "equity_bn", "bridge_bn", "headroom_bn"];
  const dated = runPlan(outcome);
  if (dated === null) return { header, rows: [] };
  const gw = outcome.problem.gwPerSite;
  const rows = dated.plan.ledger.months.map((m): Cell[] => [
    m.label,
    bn(m.drawnBn),
    bn(m.cumulativeDrawnBn),
    bn(m.releasedBn),
    bn(m.cumulativeReleasedBn),
    round(m.sitesLive * gw, 6),
    bn(m.equityBn),
    bn(m.bridgeBn),
    bn(m.headroomBn),
  ]);
  return { header, rows };
}

/**
 * Per-site flows in a long table, by month then site id ($B): facility capex drawn, contingency,
 * fees, interest during construction, IT capex, carrying cost and construction debt drawn. The
 * rows of a month add up to that month's figures in cashflow.csv and sources_uses.csv.
 * @example cashflowSitesTable(outcome).header[2] // "drawn_bn"
 */
export function cashflowSitesTable(outcome: RunOutcome): Table {
  const header = ["month", "site_id", "drawn_bn", "contingency_bn", "fees_bn", "interest_bn", "it_bn", "hold_bn", "debt_bn"];
  const dated = runPlan(outcome);
  if (dated === null) return { header, rows: [] };
  const calendar = dated.timeline.calendar;
  return {
    header,
    rows: dated.plan.ledger.siteFlows.map((d): Cell[] => [
      monthLabel(calendar, d.month),
      d.siteId,
      bn(d.drawnBn),
      bn(d.contingencyBn),
      bn(d.feesBn),
      bn(d.interestBn),
      bn(d.itBn),
      bn(d.holdBn),
      bn(d.debtBn),
    ]),
  };
}
