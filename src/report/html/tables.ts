/**
 * The report's HTML tables: the selection, the runners-up with the reason each is out, and the
 * screening funnel. Every cell from the CSV or the model is escaped.
 */
import type { RunOutcome } from "../../pipeline/run.ts";
import { money } from "../../core/format.ts";
import type { ScoredSite } from "../../score/score.ts";
import { escapeHtml } from "./escape.ts";
import { fixed } from "./format.ts";
import { scrollBox } from "./scrollBox.ts";
import type { SelectedRow } from "./selection.ts";

/** One `<td>`; `numeric` right-aligns it. Text is escaped here, so callers pass raw strings. */
const td = (text: string, numeric = false): string => `<td${numeric ? ' class="num"' : ""}>${escapeHtml(text)}</td>`;
const dateTd = (text: string): string => `<td class="date">${escapeHtml(text)}</td>`;
const th = (text: string, numeric = false): string => `<th${numeric ? ' class="num"' : ""}>${escapeHtml(text)}</th>`;

/**
 * The selection table: slot (or rank), site, scores, capex and, with a plan, its dates and the
 * money from the plan's ledger: tranche released, capex drawn by go-live and the least headroom
 * during the build.
 * @example selectionTable(outcome, selectedRows(outcome)).startsWith("<div") // true
 */
export function selectionTable(outcome: RunOutcome, rows: readonly SelectedRow[]): string {
  if (rows.length === 0) return `<p class="empty">No selection: ${escapeHtml(outcome.result.status.replace("_", " "))}.</p>`;
  const pillars = Object.keys(outcome.weights.pillars);
  const planned = rows.some((r) => r.planned !== null);
  const capexOf = (row: SelectedRow): number => row.planned?.site.capexBn ?? row.scored.site.capexBn * outcome.model.optimization.gwPerSite;
  const head = [
    th(planned ? "Slot" : "#", true),
    th("Site"),
    th("Name"),
    th("Region"),
    ...pillars.map((p) => th(p, true).replace('<th class="num"', '<th class="num wide-only"')),
    th("Overall", true),
    th("Capex", true),
    ...(planned
      ? [th("Ready"), th("Go-live"), th("Held back", true), th("Build start"), th("Tranche", true), th("Drawn by go-live", true), th("Min. headroom", true)]
      : []),
  ];
  const body = rows.map((row) => {
    const { site, pillars: scores, overall } = row.scored;
    const p = row.planned;
    const cells = [
      td(String(row.number), true),
      td(site.siteId),
      td(site.name),
      td(site.region),
      // Pillar scores give way in a narrow window (ranked.csv and the map's tooltips keep them).
      ...pillars.map((q) => td(fixed(scores[q] ?? null), true).replace('<td class="num"', '<td class="num wide-only"')),
      `<td class="num strong">${escapeHtml(fixed(overall))}</td>`,
      td(money(capexOf(row), 2), true),
    ];
    if (planned) {
      cells.push(
        dateTd(p?.readyDate ?? "–"),
        dateTd(p?.goLiveDate ?? "–"),
        td(p ? `${p.site.heldBackMonths} mo` : "–", true),
        dateTd(p?.constructionStart ?? "–"),
        td(p ? money(p.trancheReleasedBn, 1) : "–", true),
        td(p ? money(p.drawnByGoLiveBn) : "–", true),
        `<td class="num${p && p.minHeadroomBn < -1e-6 ? " bad" : ""}">${escapeHtml(p ? money(p.minHeadroomBn) : "–")}</td>`,
      );
    }
    return `<tr>${cells.join("")}</tr>`;
  });
  const total = rows.reduce((sum, r) => sum + capexOf(r), 0);
  const totalScore = rows.reduce((sum, r) => sum + r.scored.overall, 0);
  const span = 4 + pillars.length;
  const foot =
    `<tr><td colspan="${span}">Total (${rows.length} sites)</td><td class="num strong">${escapeHtml(fixed(totalScore))}</td>` +
    `<td class="num strong">${escapeHtml(money(total))}</td>${planned ? `<td colspan="7"></td>` : ""}</tr>`;
  const note = planned
    ? `<p class="note">Slot k is the k-th site to go live. Ready: its earliest go-live; held back: months the plan defers it (and its capex). ` +
      `Tranche: released when it goes live (the k-th gigawatt). Drawn by go-live: capex of the whole plan drawn through the month before its go-live month. ` +
      `Min. headroom: the least cash headroom (equity + tranches released + bridge − capex drawn) from its build start to its go-live. Every figure re-adds from cashflow.csv.</p>`
    : "";
  return (
    scrollBox(`<table class="selection-table"><thead><tr>${head.join("")}</tr></thead><tbody>${body.join("")}</tbody><tfoot>${foot}</tfoot></table>`) + note
  );
}

/** One row of the runners-up table: a site left out, its rank and why it is out. */
export interface RunnerUpRow {
  readonly rank: number;
  readonly scored: ScoredSite;
  readonly reason: { readonly kind: string; readonly message: string };
}

/**
 * The best screened-in sites left out, with the reason each is out, as the pipeline computed them.
 * @example runnersUpTable(outcome, runnersUp(outcome, 25)).includes("Why it is out") // true
 */
export function runnersUpTable(outcome: RunOutcome, list: readonly RunnerUpRow[]): string {
  if (list.length === 0) return `<p class="empty">No screened-in site was left out.</p>`;
  const head = [th("Rank", true), th("Site"), th("Name"), th("Region"), th("Overall", true), th("Capex", true), th("Why it is out")];
  const body = list.map(({ rank, scored, reason }) =>
    [
      "<tr>",
      td(String(rank), true),
      td(scored.site.siteId),
      td(scored.site.name),
      td(scored.site.region),
      td(fixed(scored.overall), true),
      td(money(scored.site.capexBn * outcome.model.optimization.gwPerSite, 2), true),
      `<td><span class="tag tag-${escapeHtml(reason.kind)}">${escapeHtml(reason.kind.replace("_", " "))}</span> ${escapeHtml(reason.message)}</td>`,
      "</tr>",
    ].join(""),
  );
  return scrollBox(`<table class="runners-up"><thead><tr>${head.join("")}</tr></thead><tbody>${body.join("")}</tbody></table>`);
}

/**
 * The screening funnel: how many sites remain after each step, with a bar per step, then the
 * number selected.
 * @example funnelTable(outcome).includes("candidates") // true
 */
export function funnelTable(outcome: RunOutcome, selectedCount: number): string {
  const steps = outcome.screen.funnel;
  const first = steps[0]?.remaining ?? 0;
  const rows = [...steps.map((s) => ({ step: s.step, remaining: s.remaining })), { step: "selected", remaining: selectedCount }];
  let previous = first;
  const body = rows.map(({ step, remaining }, i) => {
    const dropped = i === 0 ? "" : fixed(previous - remaining, 0);
    const width = first > 0 ? (100 * remaining) / first : 0;
    previous = remaining;
    return (
      `<tr>${td(step)}${td(fixed(remaining, 0), true)}${td(dropped, true)}` +
      `<td class="bar-cell"><span class="bar" style="width:${fixed(width, 1)}%"></span></td></tr>`
    );
  });
  return scrollBox(
    `<table class="funnel"><thead><tr>${th("Step")}${th("Remaining", true)}${th("Dropped", true)}${th("")}</tr></thead><tbody>${body.join("")}</tbody></table>`,
  );
}
