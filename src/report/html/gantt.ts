/**
 * The plan chart: one row per slot (the k-th site to go live). The build bar runs from
 * construction start to the planned go-live (capex is drawn over it); a hollow diamond marks the
 * site's readiness (earliest go-live) and a hatched band the months the plan holds it back; the
 * filled diamond is the go-live, labelled with the tranche it releases. Dashed lines are the
 * milestones; the orange tick on row k is milestone k, which slot k must be live by.
 */
import type { RunOutcome } from "../../pipeline/run.ts";
import { money } from "../../core/format.ts";
import { runPlan } from "../plan.ts";
import { renderCashChart } from "./cashChart.ts";
import { escapeHtml } from "./escape.ts";
import { coord } from "./format.ts";
import { CHART_WIDTH, chartLegend, dateMonth, monthAxis } from "./monthAxis.ts";
import { scrollBox } from "./scrollBox.ts";
import type { SelectedRow } from "./selection.ts";

const TOP = 44;
const ROW = 30;

/** Shortens a name for a row label; the full name is in the selection table and the tooltip. */
const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const bar = (cls: string, x0: number, x1: number, y: number, h: number, title: string): string =>
  x1 - x0 > 0.05 ? `<rect class="${cls}" x="${coord(x0)}" y="${y}" width="${coord(x1 - x0)}" height="${h}"><title>${escapeHtml(title)}</title></rect>` : "";

const diamond = (cls: string, cx: number, cy: number, title: string): string =>
  `<path class="${cls}" d="M${coord(cx)} ${cy - 7}l7 7-7 7-7-7z"><title>${escapeHtml(title)}</title></path>`;

/**
 * The plan chart and the monthly cash chart below it, as inline `<svg>`s on one time axis, or a
 * sentence when there is no dated plan. Row labels read "Slot k" so people (and tests) find every slot.
 * @example renderGantt(outcome, selectedRows(outcome)).includes("Slot 10") // true
 */
export function renderGantt(outcome: RunOutcome, rows: readonly SelectedRow[]): string {
  const dated = runPlan(outcome);
  const planned = rows.filter((r) => r.planned !== null);
  if (dated === null || planned.length === 0) {
    return `<p class="empty">The model has no deployment schedule${outcome.model.schedule ? " (and there is no plan)" : ""}.</p>`;
  }
  const { timeline } = dated;
  const axis = monthAxis(timeline, Math.min(...planned.map((r) => r.planned?.site.constructionStartMonth ?? 0)));
  const height = TOP + ROW * planned.length + 46;
  const parts: string[] = [axis.grid(14, 20, TOP + ROW * planned.length)];
  const startX = coord(axis.x(0));
  parts.push(
    `<line class="start" x1="${startX}" x2="${startX}" y1="20" y2="${TOP + ROW * planned.length}"><title>${escapeHtml(`plan start ${timeline.calendar.startDate}`)}</title></line>`,
  );
  for (const m of timeline.milestones) {
    const mx = coord(axis.x(dateMonth(timeline, m.date)));
    parts.push(
      `<g class="milestone"><line x1="${mx}" x2="${mx}" y1="${TOP - 12}" y2="${TOP + ROW * planned.length}"/>` +
        `<text class="milestone-label" x="${mx}" y="${TOP - 15}" text-anchor="middle">M${m.index}<title>${escapeHtml(`milestone ${m.index}: ${m.index} GW live by ${m.date}`)}</title></text></g>`,
    );
  }
  for (const [i, row] of planned.entries()) parts.push(ganttRow(outcome, row, i, axis.x));
  parts.push(legend(height - 14));
  const gantt =
    `<svg class="gantt" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Deployment plan">` +
    `<title>Deployment plan: builds, readiness, hold-backs, go-live dates and milestones</title>${parts.join("\n")}</svg>`;
  return scrollBox(gantt, "chart") + renderCashChart(outcome, timeline, dated.plan, axis);
}

function ganttRow(outcome: RunOutcome, row: SelectedRow, index: number, x: (month: number) => number): string {
  const timeline = outcome.problem.timeline;
  const p = row.planned;
  if (p === null || timeline === null) return "";
  const top = TOP + ROW * index;
  const site = row.scored.site;
  const s = p.site;
  const out: string[] = [`<g class="gantt-row" data-slot="${row.number}" data-site-id="${escapeHtml(site.siteId)}">`];
  if (index % 2 === 0) out.push(`<rect class="row-band" x="0" y="${top}" width="${CHART_WIDTH}" height="${ROW}"/>`);
  out.push(`<text class="slot-row-label" x="8" y="${top + 19}">Slot ${row.number}</text>`);
  out.push(
    `<text class="row-site" x="62" y="${top + 19}"><title>${escapeHtml(`${site.siteId} · ${site.name}`)}</title>${escapeHtml(shorten(`${site.siteId} ${site.name}`, 24))}</text>`,
  );
  const rule = row.readiness?.kind === "dated" ? ` (${row.readiness.rule === "known" ? "known date from the CSV" : `${row.readiness.rule} rule`})` : "";
  out.push(
    bar(
      "bar-build",
      x(s.constructionStartMonth),
      x(s.goLiveMonth),
      top + 7,
      16,
      `build ${s.buildMonths} months from ${p.constructionStart}: ${money(s.capexBn)} drawn by go-live; least headroom ${money(p.minHeadroomBn)}`,
    ),
  );
  if (s.heldBackMonths > 0) {
    out.push(
      bar(
        "bar-held",
        x(s.readyMonth),
        x(s.goLiveMonth),
        top + 23,
        5,
        `held back ${s.heldBackMonths} month${s.heldBackMonths === 1 ? "" : "s"}: ready ${p.readyDate}, live ${p.goLiveDate}`,
      ),
    );
  }
  const milestone = timeline.milestones.find((m) => m.index === s.slot);
  if (milestone) {
    const mx = coord(x(dateMonth(timeline, milestone.date)));
    out.push(
      `<path class="milestone-target" d="M${mx} ${top + 3}v${ROW - 6}"><title>${escapeHtml(`milestone ${milestone.index}: slot ${s.slot} live by ${milestone.date}`)}</title></path>`,
    );
  }
  out.push(diamond("ready", x(s.readyMonth), top + 15, `ready (earliest go-live) ${p.readyDate}${rule}`));
  out.push(diamond("online", x(s.goLiveMonth), top + 15, `go-live ${p.goLiveDate}: slot ${s.slot}, the ${ordinal(s.slot)} gigawatt`));
  if (p.trancheReleasedBn > 0) {
    const when = p.trancheReleaseDate !== null && p.trancheReleaseDate !== p.goLiveDate ? ` ${p.trancheReleaseDate.slice(0, 7)}` : "";
    out.push(
      `<text class="tranche" x="${coord(x(s.goLiveMonth) + 10)}" y="${top + 19}">+${escapeHtml(money(p.trancheReleasedBn, 0))}${escapeHtml(when)}</text>`,
    );
  }
  out.push("</g>");
  return out.join("");
}

function ordinal(k: number): string {
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : k % 10 === 1 ? "st" : k % 10 === 2 ? "nd" : k % 10 === 3 ? "rd" : "th";
  return `${k}${suffix}`;
}

function legend(y: number): string {
  return chartLegend("gantt-legend", y, [
    [`<rect class="bar-build" x="0" y="-10" width="18" height="12"/>`, "build (capex drawn)"],
    [`<rect class="bar-held" x="0" y="-6" width="18" height="5"/>`, "held back"],
    [`<path class="ready" d="M9 -11l6 6-6 6-6-6z"/>`, "ready (earliest go-live)"],
    [`<path class="online" d="M9 -11l6 6-6 6-6-6z"/>`, "go-live (+ tranche)"],
    [`<path class="milestone-target" d="M9 -12v14"/>`, "milestone k for slot k"],
  ]);
}
