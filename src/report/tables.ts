import { selectedIds, solvedResult, type RunOutcome } from "../pipeline/run.ts";
import type { Readiness } from "../schedule/readiness.ts";
import { firstMonthOnOrAfter, monthStartDate } from "../schedule/calendar.ts";
import { annualCost } from "../finance/cost.ts";
import { DEFAULT_FINANCING } from "../scenario/schema.ts";
import type { Site, SiteId } from "../sites/types.ts";
import { round } from "../core/format.ts";
import { derivedColumns } from "../layers/apply.ts";
import { planRows, planRowsById } from "./plan.ts";

export type Cell = string | number | boolean | null;

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Money in output files: $B to the nearest $1,000 (six decimals). */
const bn = (value: number): number => round(value, 6);

/**
 * A site's earliest go-live as the plan counts it: the first day of the first month it can be
 * live in (a site ready mid-month goes live the next month). Null without a schedule or a date.
 */
function readyDateOf(outcome: RunOutcome, readiness: Readiness | undefined): string | null {
  const timeline = outcome.problem.timeline;
  if (timeline === null || readiness?.kind !== "dated") return null;
  return monthStartDate(timeline.calendar, firstMonthOnOrAfter(timeline.calendar, readiness.readyDay));
}

function annualCostBn(outcome: RunOutcome, site: Site): number | null {
  const cost = annualCost(site, outcome.model.financing ?? DEFAULT_FINANCING, outcome.model.optimization.gwPerSite);
  return cost ? round(cost.totalBn, 4) : null;
}

/**
 * Every site of the run: screened-in ones by rank with scores and per-criterion points,
 * screened-out ones after them with the reason.
 */
export function rankedTable(outcome: RunOutcome): Table {
  const pillars = Object.keys(outcome.weights.pillars);
  const criteria = outcome.model.criteria.map((c) => c.id ?? c.column);
  // Columns computed from GeoJSON layers (distances, counts), shown raw so each can be checked.
  const derived = derivedColumns(outcome.model);
  const rawDerived = (site: Site): Cell[] =>
    derived.map((d) => {
      const v = site.values.get(d);
      return v === undefined || v === null ? null : round(v, 3);
    });
  const selected = selectedIds(outcome);
  const plan = planRowsById(outcome);
  const header = [
    "rank",
    "site_id",
    "name",
    "region",
    "grid_zone",
    "overall_score",
    ...pillars.map((p) => `${p}_score`),
    "capex_bn",
    "annual_cost_bn",
    "ready_date",
    "selected",
    "slot",
    "go_live_date",
    "screened_out_reason",
    ...criteria.map((c) => `points_${c}`),
    ...derived,
  ];
  const rows: Cell[][] = outcome.ranked.map((s, i) => {
    const planned = plan.get(s.site.siteId);
    return [
      i + 1,
      s.site.siteId,
      s.site.name,
      s.site.region,
      s.site.gridZone,
      round(s.overall, 3),
      ...pillars.map((p) => round(s.pillars[p] ?? 0, 3)),
      s.site.capexBn,
      annualCostBn(outcome, s.site),
      readyDateOf(outcome, outcome.screen.readiness.get(s.site.siteId)),
      selected.has(s.site.siteId),
      planned?.site.slot ?? null,
      planned?.goLiveDate ?? null,
      null,
      ...s.contributions.map((c) => round(c.points, 3)),
      ...rawDerived(s.site),
    ];
  });
  for (const e of outcome.screen.excluded) {
    rows.push([
      null,
      e.site.siteId,
      e.site.name,
      e.site.region,
      e.site.gridZone,
      null,
      ...pillars.map(() => null),
      e.site.capexBn,
      annualCostBn(outcome, e.site),
      readyDateOf(outcome, outcome.screen.readiness.get(e.site.siteId)),
      false,
      null,
      null,
      e.reasons.join("; "),
      ...criteria.map(() => null),
      ...rawDerived(e.site),
    ]);
  }
  return { header, rows };
}

/** Columns of selection.csv that scripts rely on (issue 13): the plan, in go-live order. */
export const SELECTION_PLAN_COLUMNS = [
  "slot",
  "site_id",
  "ready_date",
  "go_live_date",
  "held_back_months",
  "hold_cause",
  "construction_start",
  "capex_bn",
  "tranche_released_bn",
  "drawn_by_go_live_bn",
  "min_headroom_bn",
] as const;

/**
 * The chosen sites in go-live order (slot k is the k-th site to go live), with the plan's dates
 * and cash figures, all read from the plan's ledger; by score without a schedule.
 * `drawn_by_go_live_bn` is the whole plan's capex drawn through the end of the month before the
 * site's go-live month (see report/plan.ts).
 */
export function selectionTable(outcome: RunOutcome): Table {
  const pillars = Object.keys(outcome.weights.pillars);
  const byId = new Map(outcome.ranked.map((s) => [s.site.siteId, s]));
  const capexById = new Map(outcome.problem.candidates.map((c) => [c.siteId, c.capexBn]));
  const plan = planRows(outcome);
  const planById = new Map(plan.map((row) => [row.site.siteId, row]));
  const ids: readonly SiteId[] = plan.length > 0 ? plan.map((row) => row.site.siteId) : (solvedResult(outcome)?.selected ?? []);
  const header = [
    "slot",
    "site_id",
    "name",
    "region",
    "grid_zone",
    "lat",
    "lon",
    "overall_score",
    ...pillars.map((p) => `${p}_score`),
    "capex_bn",
    "annual_cost_bn",
    "ready_date",
    "go_live_date",
    "held_back_months",
    "hold_cause",
    "construction_start",
    "build_months",
    "tranche_released_bn",
    "tranche_release_date",
    "drawn_by_go_live_bn",
    "min_headroom_bn",
  ];
  const rows = ids.map((id, i): Cell[] => {
    const s = byId.get(id);
    const p = planById.get(id);
    if (!s) return [i + 1, id];
    const capexBn = capexById.get(id) ?? s.site.capexBn * outcome.model.optimization.gwPerSite;
    return [
      p?.site.slot ?? i + 1,
      id,
      s.site.name,
      s.site.region,
      s.site.gridZone,
      s.site.lat,
      s.site.lon,
      round(s.overall, 3),
      ...pillars.map((q) => round(s.pillars[q] ?? 0, 3)),
      bn(capexBn),
      annualCostBn(outcome, s.site),
      p?.readyDate ?? readyDateOf(outcome, outcome.screen.readiness.get(id)),
      p?.goLiveDate ?? null,
      p?.site.heldBackMonths ?? null,
      p?.holdCause ?? null,
      p?.constructionStart ?? null,
      p?.site.buildMonths ?? null,
      p ? bn(p.trancheReleasedBn) : null,
      p?.trancheReleaseDate ?? null,
      p ? bn(p.drawnByGoLiveBn) : null,
      p ? bn(p.minHeadroomBn) : null,
    ];
  });
  return { header, rows };
}
