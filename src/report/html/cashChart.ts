/**
 * The monthly cash chart, drawn from the plan's ledger (the same one cashflow.csv lists): capex
 * drawn so far against what is available (equity + tranches released so far, and the bridge
 * when the model has one), month by month, on the plan chart's time axis. The tightest month is
 * marked; every month has a tooltip with its figures.
 */
import type { Plan, Timeline } from "../../schedule/types.ts";
import type { RunOutcome } from "../../pipeline/run.ts";
import { money } from "../../core/format.ts";
import { cashHighlights } from "../plan.ts";
import { escapeHtml } from "./escape.ts";
import { coord, fixed } from "./format.ts";
import { placeLabel, textBox, type StepLine } from "./labelPlace.ts";
import { scrollBox } from "./scrollBox.ts";
import { CHART_LEFT, CHART_RIGHT, CHART_WIDTH, chartLegend, type MonthAxis } from "./monthAxis.ts";

const TOP = 26;
const HEIGHT = 190;

/** A month-by-month step path: value v[t] holds from month t's first day to month t+1's. */
function stepPath(values: readonly number[], x: (month: number) => number, y: (bn: number) => number, before = 0): string {
  let d = `M${coord(x(0))} ${coord(y(before))}`;
  values.forEach((v, t) => {
    d += `V${coord(y(v))}H${coord(x(t + 1))}`;
  });
  return d;
}

/**
 * The cash chart as an inline `<svg>`.
 * @example renderCashChart(outcome, timeline, plan, monthAxis(timeline)).includes("cumulative capex drawn") // true
 */
export function renderCashChart(outcome: RunOutcome, timeline: Timeline, plan: Plan, axis: MonthAxis): string {
  const months = plan.ledger.months;
  const bridgeLimit = timeline.cash.bridge?.limitBn ?? 0;
  const drawn = months.map((m) => m.cumulativeDrawnBn);
  const available = months.map((m) => m.equityBn + m.cumulativeReleasedBn);
  const budgetBn = outcome.problem.budgetBn;
  const maxBn = Math.max(budgetBn, ...drawn, ...available.map((a) => a + bridgeLimit), 1) * 1.08;
  const y = (bn: number): number => TOP + HEIGHT - (bn / maxBn) * HEIGHT;
  const height = TOP + HEIGHT + 44;
  const out: string[] = [axis.grid(TOP - 10, TOP, TOP + HEIGHT)];
  out.push(`<text class="panel-title" x="8" y="${TOP + 12}">Cash, $B (monthly)</text>`);
  const tickStep = maxBn > 150 ? 50 : maxBn > 60 ? 25 : maxBn > 20 ? 10 : 5;
  for (let bn = 0; bn <= maxBn; bn += tickStep) {
    out.push(`<line class="grid-minor" x1="${CHART_LEFT}" x2="${CHART_WIDTH - CHART_RIGHT}" y1="${coord(y(bn))}" y2="${coord(y(bn))}"/>`);
    out.push(`<text class="axis" x="${CHART_LEFT - 6}" y="${coord(y(bn) + 4)}" text-anchor="end">${fixed(bn, 0)}</text>`);
  }
  out.push(`<path class="budget-line" d="M${CHART_LEFT} ${coord(y(budgetBn))}H${CHART_WIDTH - CHART_RIGHT}"/>`);
  const budgetText = `budget ${money(budgetBn, 0)}`;
  out.push(`<text class="budget-label" x="${CHART_WIDTH - CHART_RIGHT}" y="${coord(y(budgetBn) - 4)}" text-anchor="end">${escapeHtml(budgetText)}</text>`);
  if (bridgeLimit > 0)
    out.push(
      `<path class="bridge-line" d="${stepPath(
        available.map((a) => a + bridgeLimit),
        axis.x,
        y,
        timeline.cash.equityBn + bridgeLimit,
      )}"/>`,
    );
  out.push(`<path class="cash-line" d="${stepPath(available, axis.x, y, timeline.cash.equityBn)}"/>`);
  out.push(`<path class="capex-line" d="${stepPath(drawn, axis.x, y)}"/>`);
  for (const m of months) {
    const tip =
      `${m.label}: drawn ${money(m.drawnBn, 2)} (so far ${money(m.cumulativeDrawnBn, 2)}); released ${money(m.releasedBn, 0)} (so far ${money(m.cumulativeReleasedBn, 0)}); ` +
      `${fixed(m.sitesLive * outcome.problem.gwPerSite, 0)} GW live; equity ${money(m.equityBn)}${m.bridgeBn > 0 ? `, bridge ${money(m.bridgeBn, 2)}` : ""}; headroom ${money(m.headroomBn, 2)}`;
    out.push(
      `<rect class="month-hit${m.headroomBn < -1e-6 ? " bad" : ""}" x="${coord(axis.x(m.month))}" y="${TOP}" width="${coord(axis.x(m.month + 1) - axis.x(m.month))}" height="${HEIGHT}"><title>${escapeHtml(tip)}</title></rect>`,
    );
  }
  const c = cashHighlights(timeline, plan.ledger);
  const tight = months[plan.ledger.tightestMonth];
  if (tight) {
    const cx = coord((axis.x(tight.month) + axis.x(tight.month + 1)) / 2);
    out.push(
      `<circle class="tightest${tight.headroomBn < -1e-6 ? " bad" : ""}" cx="${cx}" cy="${coord(y(tight.cumulativeDrawnBn))}" r="4.5"><title>${escapeHtml(`tightest month ${c.tightestMonth}: headroom ${money(c.minHeadroomBn, 2)}`)}</title></circle>`,
    );
    // Beside the point, clear of both lines (they meet there: that is what makes the month tight).
    const text = `tightest ${c.tightestMonth}: headroom ${money(c.minHeadroomBn)}`;
    const lines: StepLine[] = [
      { values: drawn, before: 0 },
      { values: available, before: timeline.cash.equityBn },
      ...(bridgeLimit > 0 ? [{ values: available.map((a) => a + bridgeLimit), before: timeline.cash.equityBn + bridgeLimit }] : []),
    ];
    const spot = placeLabel({
      text,
      px: Number(cx),
      py: y(tight.cumulativeDrawnBn),
      fontSize: 11,
      lines,
      levels: [y(budgetBn)],
      boxes: [textBox(budgetText, CHART_WIDTH - CHART_RIGHT, y(budgetBn) - 4, 12, "end")],
      x: axis.x,
      y,
      plot: { left: CHART_LEFT, right: CHART_WIDTH - CHART_RIGHT, top: TOP, bottom: TOP + HEIGHT },
    });
    out.push(`<text class="tightest-label" x="${coord(spot.x)}" y="${coord(spot.y)}" text-anchor="${spot.anchor}">${escapeHtml(text)}</text>`);
  }
  out.push(legend(height - 12, bridgeLimit > 0));
  return scrollBox(
    `<svg class="cash" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Monthly cash: capex drawn against equity and tranches">` +
      `<title>Monthly cash: cumulative capex drawn against equity plus tranches released</title>${out.join("\n")}</svg>`,
    "chart",
  );
}

function legend(y: number, bridge: boolean): string {
  return chartLegend("cash-legend", y, [
    [`<path class="capex-line" d="M0 -4h18"/>`, "cumulative capex drawn"],
    [`<path class="cash-line" d="M0 -4h18"/>`, "equity + tranches released"],
    ...(bridge ? ([[`<path class="bridge-line" d="M0 -4h18"/>`, "+ bridge limit"]] as const) : []),
    [`<path class="budget-line" d="M0 -4h18"/>`, "budget (total capex)"],
    [`<circle class="tightest" cx="9" cy="-4" r="4"/>`, "tightest month"],
  ]);
}
