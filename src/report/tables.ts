import type { RunOutcome } from "../pipeline/run.ts";
import type { ScheduleEntry } from "../optimize/types.ts";
import type { Readiness } from "../schedule/readiness.ts";
import { annualCost } from "../score/cost.ts";
import { DEFAULT_FINANCING } from "../scenario/schema.ts";
import type { Site, SiteId } from "../sites/types.ts";
import { round } from "./format.ts";
import { derivedColumns } from "../layers/apply.ts";

export type Cell = string | number | boolean | null;

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Selected site ids of a run (empty without a solution). */
export function selectedIds(outcome: RunOutcome): ReadonlySet<SiteId> {
  const r = outcome.result;
  return new Set(r.status === "optimal" || r.status === "time_limit" ? r.selected : []);
}

export function scheduleOf(outcome: RunOutcome): readonly ScheduleEntry[] | null {
  const r = outcome.result;
  return r.status === "optimal" || r.status === "time_limit" ? r.schedule : null;
}

const onlineDateOf = (r: Readiness | undefined): string | null => (r?.kind === "dated" ? r.onlineDate : null);

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
  const rawDerived = (site: Site): Cell[] => derived.map((d) => {
    const v = site.values.get(d);
    return v === undefined || v === null ? null : round(v, 3);
  });
  const selected = selectedIds(outcome);
  const slotBySite = new Map((scheduleOf(outcome) ?? []).map((e) => [e.siteId, e.slot]));
  const header = [
    "rank", "site_id", "name", "region", "grid_zone", "overall_score",
    ...pillars.map((p) => `${p}_score`),
    "capex_bn", "annual_cost_bn", "online_date", "selected", "slot", "screened_out_reason",
    ...criteria.map((c) => `points_${c}`),
    ...derived,
  ];
  const rows: Cell[][] = outcome.ranked.map((s, i) => [
    i + 1, s.site.siteId, s.site.name, s.site.region, s.site.gridZone, round(s.overall, 3),
    ...pillars.map((p) => round(s.pillars[p] ?? 0, 3)),
    s.site.capexBn, annualCostBn(outcome, s.site), onlineDateOf(outcome.screen.readiness.get(s.site.siteId)),
    selected.has(s.site.siteId) ? "yes" : "no", slotBySite.get(s.site.siteId) ?? null, null,
    ...s.contributions.map((c) => round(c.points, 3)),
    ...rawDerived(s.site),
  ]);
  for (const e of outcome.screen.excluded) {
    rows.push([
      null, e.site.siteId, e.site.name, e.site.region, e.site.gridZone, null,
      ...pillars.map(() => null),
      e.site.capexBn, annualCostBn(outcome, e.site), onlineDateOf(outcome.screen.readiness.get(e.site.siteId)),
      "no", null, e.reasons.join("; "),
      ...criteria.map(() => null),
      ...rawDerived(e.site),
    ]);
  }
  return { header, rows };
}

/** The chosen sites in slot order, with the schedule and cash figures a reader can re-add. */
export function selectionTable(outcome: RunOutcome): Table {
  const pillars = Object.keys(outcome.weights.pillars);
  const byId = new Map(outcome.ranked.map((s) => [s.site.siteId, s]));
  const schedule = scheduleOf(outcome);
  const ids = schedule ? schedule.map((e) => e.siteId) : [...selectedIds(outcome)];
  const entryBySite = new Map((schedule ?? []).map((e) => [e.siteId, e]));
  const header = [
    "slot", "site_id", "name", "region", "grid_zone", "lat", "lon", "overall_score",
    ...pillars.map((p) => `${p}_score`),
    "capex_bn", "annual_cost_bn", "online_date", "slot_date", "tranche_released_bn",
    "cumulative_capex_bn", "cash_available_bn", "cash_headroom_bn",
  ];
  const rows = ids.map((id, i): Cell[] => {
    const s = byId.get(id);
    const e = entryBySite.get(id);
    if (!s) return [i + 1, id];
    return [
      e?.slot ?? i + 1, id, s.site.name, s.site.region, s.site.gridZone, s.site.lat, s.site.lon, round(s.overall, 3),
      ...pillars.map((p) => round(s.pillars[p] ?? 0, 3)),
      round(e?.capexBn ?? s.site.capexBn * outcome.model.optimization.gwPerSite, 4), annualCostBn(outcome, s.site),
      e?.onlineDate ?? onlineDateOf(outcome.screen.readiness.get(id)), e?.slotDate ?? null,
      e ? round(e.trancheReleasedBn, 4) : null, e ? round(e.cumulativeCapexBn, 4) : null,
      e ? round(e.cashAvailableBn, 4) : null, e ? round(e.cashHeadroomBn, 4) : null,
    ];
  });
  return { header, rows };
}
