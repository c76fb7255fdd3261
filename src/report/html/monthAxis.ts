/**
 * The time axis the plan chart and the cash chart share, in calendar months, so a build bar and
 * the money it draws line up on the page. Month m's first day is at `x(m)`; whole years shown.
 */
import type { Timeline } from "../../schedule/types.ts";
import { monthLabel, monthOfDate } from "../../schedule/calendar.ts";
import { daysInMonth } from "../../schedule/dates.ts";
import { coord } from "./format.ts";

export const CHART_WIDTH = 960;
export const CHART_LEFT = 250;
export const CHART_RIGHT = 24;

export interface MonthAxis {
  /** x of month m's first day (fractions allowed). */
  readonly x: (month: number) => number;
  readonly firstMonth: number;
  readonly endMonth: number;
  /** Quarter grid lines from `top` to `bottom`, year labels at `labelY`. */
  readonly grid: (labelY: number, top: number, bottom: number) => string;
}

/** Month of year (1..12) of calendar month m. */
function monthOfYear(timeline: Timeline, m: number): number {
  return Number(monthLabel(timeline.calendar, m).slice(5, 7));
}

/**
 * From the January on or before `fromMonth` (or the plan start) to the January after the calendar's end.
 * @example monthAxis(timeline, -6).x(0) // x of the start month's first day
 */
export function monthAxis(timeline: Timeline, fromMonth = 0): MonthAxis {
  const from = Math.min(0, fromMonth);
  const firstMonth = from - (monthOfYear(timeline, from) - 1);
  const end = timeline.calendar.months;
  const endMonth = end + ((13 - monthOfYear(timeline, end)) % 12);
  const plotWidth = CHART_WIDTH - CHART_LEFT - CHART_RIGHT;
  const x = (month: number): number => CHART_LEFT + ((month - firstMonth) / Math.max(1, endMonth - firstMonth)) * plotWidth;
  const grid = (labelY: number, top: number, bottom: number): string => {
    const out: string[] = [];
    for (let m = firstMonth; m <= endMonth; m++) {
      const moy = monthOfYear(timeline, m);
      if (moy % 3 !== 1) continue;
      const major = moy === 1;
      out.push(`<line class="${major ? "grid-major" : "grid-minor"}" x1="${coord(x(m))}" x2="${coord(x(m))}" y1="${top}" y2="${bottom}"/>`);
      if (major && m < endMonth) out.push(`<text class="axis" x="${coord(x(m) + 4)}" y="${labelY}">${monthLabel(timeline.calendar, m).slice(0, 4)}</text>`);
    }
    return `<g class="time-axis">${out.join("")}</g>`;
  };
  return { x, firstMonth, endMonth, grid };
}

/**
 * Where a date falls on the month axis: its month plus the share of the month gone by its day.
 * @example dateMonth(timeline, "2026-12-31") // 23.97 for a plan starting 2025-01
 */
export function dateMonth(timeline: Timeline, isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return monthOfDate(timeline.calendar, isoDate) + (d - 1) / daysInMonth(y, m);
}

/**
 * A one-line legend: each symbol (SVG drawn around its own origin) followed by its label.
 * @example chartLegend("cash-legend", 200, [[`<path class="capex-line" d="M0 -4h18"/>`, "capex"]])
 */
export function chartLegend(cls: string, y: number, items: readonly (readonly [symbol: string, label: string])[]): string {
  let x = 8;
  const out = items.map(([symbol, label]) => {
    const g = `<g transform="translate(${x} ${y})">${symbol}<text x="24" y="0">${label}</text></g>`;
    x += 38 + label.length * 6.9;
    return g;
  });
  return `<g class="${cls}">${out.join("")}</g>`;
}
