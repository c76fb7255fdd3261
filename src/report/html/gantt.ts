/**
 * The schedule chart: one row per slot with the site's permitting, time-to-power and build
 * bars, its online date, the slot's target date and the tranche it releases; below, the
 * cumulative capex against the cash available (equity plus tranches released), slot by slot.
 */
import type { RunOutcome } from "../../pipeline/run.ts";
import { addMonths, dayOf } from "../../schedule/dates.ts";
import { money } from "../format.ts";
import { escapeHtml } from "./escape.ts";
import { coord, fixed } from "./format.ts";
import type { SelectedRow } from "./selection.ts";

const WIDTH = 960;
const LEFT = 250;
const RIGHT = 24;
const TOP = 34;
const ROW = 30;
const CASH_HEIGHT = 170;
const GAP = 46;

/** Shortens a name for a row label; the full name is in the selection table and the tooltip. */
const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The chart as an inline `<svg>`, or a sentence when the model has no schedule. Row labels read
 * "Slot k" so people (and tests) can find every slot.
 * @example renderGantt(outcome, selectedRows(outcome)).includes("Slot 10") // true
 */
export function renderGantt(outcome: RunOutcome, rows: readonly SelectedRow[]): string {
  const schedule = outcome.model.schedule;
  const scheduled = rows.filter((r) => r.entry !== null);
  if (!schedule || scheduled.length === 0) return `<p class="empty">The model has no deployment schedule${schedule ? " (and there is no selection)" : ""}.</p>`;
  const startDay = dayOf(schedule.startDate);
  let endDay = Math.max(...scheduled.map((r) => dayOf(r.entry?.slotDate ?? schedule.startDate)));
  for (const r of scheduled) if (r.readiness?.kind === "dated") endDay = Math.max(endDay, r.readiness.onlineDay);
  // Whole years on the axis: start at the start year's January, end after the last date's year.
  const axisStart = dayOf(`${schedule.startDate.slice(0, 4)}-01-01`);
  const axisEnd = dayOf(`${Number(new Date(endDay * 86_400_000).toISOString().slice(0, 4)) + 1}-01-01`);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (day: number): number => LEFT + ((day - axisStart) / (axisEnd - axisStart)) * plotWidth;
  const ganttHeight = TOP + ROW * scheduled.length;
  const cashTop = ganttHeight + GAP;
  const height = cashTop + CASH_HEIGHT + 40;

  const parts: string[] = [];
  parts.push(timeAxis(axisStart, axisEnd, x, TOP - 8, height - 40));
  parts.push(`<line class="start" x1="${coord(x(startDay))}" x2="${coord(x(startDay))}" y1="${TOP - 4}" y2="${ganttHeight}"/>`);
  scheduled.forEach((row, i) => parts.push(ganttRow(row, i, schedule.startDate, x)));
  parts.push(cashPanel(rows, outcome.problem.budgetBn, x, cashTop));
  parts.push(legend(height - 14));
  return (
    `<svg class="gantt" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Deployment schedule and cash">` +
    `<title>Deployment schedule: lead times, online dates, slot targets and cash</title>${parts.join("\n")}</svg>`
  );
}

function timeAxis(axisStart: number, axisEnd: number, x: (day: number) => number, labelY: number, bottom: number): string {
  const out: string[] = [];
  const firstYear = Number(new Date(axisStart * 86_400_000).toISOString().slice(0, 4));
  const lastYear = Number(new Date(axisEnd * 86_400_000).toISOString().slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    for (const month of ["01", "04", "07", "10"]) {
      const day = dayOf(`${year}-${month}-01`);
      if (day < axisStart || day > axisEnd) continue;
      const major = month === "01";
      out.push(`<line class="${major ? "grid-major" : "grid-minor"}" x1="${coord(x(day))}" x2="${coord(x(day))}" y1="${labelY + 4}" y2="${bottom}"/>`);
      if (major && day < axisEnd) out.push(`<text class="axis" x="${coord(x(day) + 4)}" y="${labelY}">${year}</text>`);
    }
  }
  return `<g class="time-axis">${out.join("")}</g>`;
}

function ganttRow(row: SelectedRow, index: number, startDate: string, x: (day: number) => number): string {
  const top = TOP + ROW * index;
  const site = row.scored.site;
  const entry = row.entry;
  const out: string[] = [`<g class="gantt-row" data-slot="${row.number}">`];
  if (index % 2 === 0) out.push(`<rect class="row-band" x="0" y="${top}" width="${WIDTH}" height="${ROW}"/>`);
  out.push(`<text class="slot-row-label" x="8" y="${top + 19}">Slot ${row.number}</text>`);
  out.push(`<text class="row-site" x="62" y="${top + 19}"><title>${escapeHtml(`${site.siteId} · ${site.name}`)}</title>${escapeHtml(shorten(`${site.siteId} ${site.name}`, 24))}</text>`);
  const r = row.readiness;
  if (r?.kind === "dated") {
    const start = x(dayOf(startDate));
    const permitEnd = x(addMonths(startDate, r.permittingMonths));
    const powerEnd = x(addMonths(startDate, r.timeToPowerMonths));
    const buildStart = x(addMonths(startDate, Math.max(r.permittingMonths, r.timeToPowerMonths)));
    const online = x(r.onlineDay);
    const bar = (cls: string, x0: number, x1: number, y: number, h: number, title: string): string =>
      x1 - x0 > 0.05
        ? `<rect class="${cls}" x="${coord(x0)}" y="${y}" width="${coord(x1 - x0)}" height="${h}"><title>${escapeHtml(title)}</title></rect>`
        : "";
    out.push(bar("bar-permitting", start, permitEnd, top + 6, 8, `permitting ${fixed(r.permittingMonths)} months`));
    out.push(bar("bar-power", start, powerEnd, top + 16, 8, `time to power ${fixed(r.timeToPowerMonths)} months`));
    out.push(bar("bar-build", buildStart, online, top + 6, 18, `build ${fixed(r.buildMonths)} months`));
    out.push(
      `<path class="online" d="M${coord(online)} ${top + 8}l7 7-7 7-7-7z"><title>${escapeHtml(`online ${r.onlineDate}`)}</title></path>`,
    );
    if (entry && entry.trancheReleasedBn > 0) {
      // Right of the diamond, or of the slot tick when that is just after it, so neither hides the label.
      const target = x(dayOf(entry.slotDate));
      const labelX = target > online && target - online < 50 ? target + 6 : online + 10;
      out.push(`<text class="tranche" x="${coord(labelX)}" y="${top + 19}">+${escapeHtml(money(entry.trancheReleasedBn, 0))}</text>`);
    }
  }
  if (entry) {
    const target = x(dayOf(entry.slotDate));
    out.push(
      `<path class="slot-target" d="M${coord(target)} ${top + 3}v${ROW - 6}"><title>${escapeHtml(`slot ${entry.slot} target ${entry.slotDate}`)}</title></path>`,
    );
  }
  out.push("</g>");
  return out.join("");
}

function cashPanel(rows: readonly SelectedRow[], budgetBn: number, x: (day: number) => number, top: number): string {
  const entries = rows.flatMap((r) => (r.entry ? [r.entry] : []));
  const maxBn = Math.max(budgetBn, ...entries.map((e) => Math.max(e.cumulativeCapexBn, e.cashAvailableBn))) * 1.08;
  const y = (bn: number): number => top + CASH_HEIGHT - (bn / maxBn) * CASH_HEIGHT;
  const out: string[] = [`<text class="panel-title" x="8" y="${top + 12}">Cash, $B</text>`];
  const tickStep = maxBn > 150 ? 50 : maxBn > 60 ? 25 : 10;
  for (let bn = 0; bn <= maxBn; bn += tickStep) {
    out.push(`<line class="grid-minor" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${coord(y(bn))}" y2="${coord(y(bn))}"/>`);
    out.push(`<text class="axis" x="${LEFT - 6}" y="${coord(y(bn) + 4)}" text-anchor="end">${fixed(bn, 0)}</text>`);
  }
  out.push(`<path class="budget-line" d="M${LEFT} ${coord(y(budgetBn))}H${WIDTH - RIGHT}"/>`);
  out.push(`<text class="budget-label" x="${WIDTH - RIGHT}" y="${coord(y(budgetBn) - 4)}" text-anchor="end">budget ${escapeHtml(money(budgetBn, 0))}</text>`);
  const step = (value: (e: (typeof entries)[number]) => number): string =>
    entries
      .map((e, i) => {
        const px = coord(x(dayOf(e.slotDate)));
        return i === 0 ? `M${px} ${coord(y(value(e)))}` : `H${px}V${coord(y(value(e)))}`;
      })
      .join("");
  out.push(`<path class="cash-line" d="${step((e) => e.cashAvailableBn)}"/>`);
  out.push(`<path class="capex-line" d="${step((e) => e.cumulativeCapexBn)}"/>`);
  for (const e of entries) {
    const px = coord(x(dayOf(e.slotDate)));
    const tip = `slot ${e.slot}: capex ${money(e.cumulativeCapexBn)} of ${money(e.cashAvailableBn)} available (headroom ${money(e.cashHeadroomBn)})`;
    out.push(`<circle class="capex-point${e.cashHeadroomBn < 0 ? " bad" : ""}" cx="${px}" cy="${coord(y(e.cumulativeCapexBn))}" r="3.5"><title>${escapeHtml(tip)}</title></circle>`);
  }
  return `<g class="cash-panel">${out.join("")}</g>`;
}

function legend(y: number): string {
  const items: [string, string][] = [
    [`<rect class="bar-permitting" x="0" y="-8" width="18" height="8"/>`, "permitting"],
    [`<rect class="bar-power" x="0" y="-8" width="18" height="8"/>`, "time to power"],
    [`<rect class="bar-build" x="0" y="-10" width="18" height="12"/>`, "build"],
    [`<path class="online" d="M9 -11l6 6-6 6-6-6z"/>`, "online (+ tranche)"],
    [`<path class="slot-target" d="M9 -12v14"/>`, "slot target date"],
    [`<path class="capex-line" d="M0 -4h18"/>`, "cumulative capex"],
    [`<path class="cash-line" d="M0 -4h18"/>`, "cash: equity + tranches"],
  ];
  let x = 8;
  const out = items.map(([symbol, label]) => {
    const g = `<g transform="translate(${x} ${y})">${symbol}<text x="24" y="0">${label}</text></g>`;
    x += 38 + label.length * 6.9;
    return g;
  });
  return `<g class="gantt-legend">${out.join("")}</g>`;
}
