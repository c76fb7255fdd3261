import type { ProblemObjective } from "../optimize/types.ts";
/**
 * The machine-readable outputs of the analysis commands: JSON for sweep, explain and
 * alternatives, and sensitivity.csv. Pure: the same values give the same text (floats rounded,
 * no timestamps), for the CLI and for scripts alike.
 */
import { toCsv } from "../core/csv.ts";
import { round } from "../core/format.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import type { Alternatives } from "./alternatives.ts";
import type { Explanation } from "./explain.ts";
import type { SensitivitySummary } from "./sensitivity.ts";
import type { Sweep } from "./sweep.ts";

/**
 * sweep as JSON.
 * @example sweepJson(await sweepModels(inputs)).robust_core // ["S0542"]
 */
export function sweepJson(sweep: Sweep): Record<string, unknown> {
  return {
    format: "gigasite-sweep",
    version: 1,
    models: sweep.rows.map((r) => ({
      model: r.model,
      status: r.status,
      objective_kind: r.objectiveKind,
      objective: r.objective === null ? null : round(r.objective, 6),
      budget_bn: r.budgetBn,
      budget_used_bn: r.budgetUsedBn === null ? null : round(r.budgetUsedBn, 6),
      selected: r.selected,
    })),
    robust_core: sweep.robustCore,
    unique_to: sweep.uniqueTo.map((u) => ({ site_id: u.siteId, model: u.model })),
    without_selection: sweep.withoutSelection,
  };
}

/**
 * explain as JSON: the explanation without the raw site row.
 * @example explanationJson(await explainSite(outcome, "S0106")).forced // { lock: "in", loss_vs_run: 1.503, … }
 */
export function explanationJson(e: Explanation): Record<string, unknown> {
  const contract = { format: "gigasite-explain", version: 1 };
  if (e.kind === "not_found") return { ...contract, site_id: e.siteId, kind: e.kind };
  const s = e.scored;
  return {
    ...contract,
    site_id: e.siteId,
    kind: e.kind,
    overall_score: round(s.overall, 6),
    pillars: Object.fromEntries(Object.entries(s.pillars).map(([p, v]) => [p, round(v, 6)])),
    contributions: s.contributions.map((c) => ({
      criterion: c.criterion,
      pillar: c.pillar,
      raw: c.raw,
      value: round(c.value, 6),
      weight_share: round(c.weightShare, 6),
      points: round(c.points, 6),
    })),
    ...(e.kind === "screened_out" ? { screened_out_reasons: e.reasons } : { rank: e.rank }),
    ...(e.kind === "selected" || e.kind === "not_selected"
      ? {
          reason: e.reason,
          forced: {
            lock: e.forced.lock,
            status: e.forced.status,
            objective: e.forced.objective,
            loss_vs_run: e.forced.lossVsRun === null ? null : round(e.forced.lossVsRun, 6),
            selected: e.forced.selected,
            dropped: e.forced.dropped,
            added: e.forced.added,
            reasons: e.forced.reasons,
          },
        }
      : {}),
  };
}

/**
 * alternatives as JSON.
 * @example alternativesJson(alts, "baseline", "maxScore").alternatives // [{ rank: 1, objective: 715.07, … }]
 */
export function alternativesJson(alts: Alternatives, model: string, objectiveKind: ProblemObjective["kind"]): Record<string, unknown> {
  return {
    format: "gigasite-alternatives",
    version: 1,
    model,
    objective_kind: objectiveKind,
    stopped_because: alts.stoppedBecause,
    alternatives: alts.alternatives.map((a) => ({
      rank: a.rank,
      status: a.status,
      objective: round(a.objective, 6),
      loss_vs_best: round(a.lossVsBest, 6),
      loss_fraction: round(a.lossFraction, 8),
      selected: a.selected,
      drops: a.out,
      adds: a.in,
    })),
  };
}

/**
 * alternatives.csv: one row per distinct selection, best first; site lists space-separated.
 * @example alternativesCsv(alts).split("\n")[0] // "rank,status,objective,loss_vs_best,loss_fraction,drops,adds,selected"
 */
export function alternativesCsv(alts: Alternatives): string {
  return toCsv(
    ["rank", "status", "objective", "loss_vs_best", "loss_fraction", "drops", "adds", "selected"],
    alts.alternatives.map((a) => [
      a.rank,
      a.status,
      round(a.objective, 6),
      round(a.lossVsBest, 6),
      round(a.lossFraction, 8),
      a.out.join(" "),
      a.in.join(" "),
      a.selected.join(" "),
    ]),
  );
}

/**
 * sweep.csv: one row per model, in the order given; `selected` space-separated.
 * @example sweepCsv(sweep).split("\n")[0] // "model,status,objective_kind,objective,budget_bn,budget_used_bn,sites,selected"
 */
export function sweepCsv(sweep: Sweep): string {
  return toCsv(
    ["model", "status", "objective_kind", "objective", "budget_bn", "budget_used_bn", "sites", "selected"],
    sweep.rows.map((r) => [
      r.model,
      r.status,
      r.objectiveKind,
      r.objective === null ? null : round(r.objective, 6),
      r.budgetBn,
      r.budgetUsedBn === null ? null : round(r.budgetUsedBn, 6),
      r.selected.length,
      r.selected.join(" "),
    ]),
  );
}

/**
 * sweep_sites.csv: one row per site any model chose (most models first, then by id): how many
 * models chose it, whether it is in the robust core, and a true/false column per model.
 * @example sweepSitesCsv(sweep).split("\n")[0] // "site_id,models,robust_core,chosen_by_baseline,chosen_by_speed-first"
 */
export function sweepSitesCsv(sweep: Sweep): string {
  const robust = new Set<string>(sweep.robustCore);
  const ids = [...new Set(sweep.rows.flatMap((r) => r.selected.map(String)))];
  const count = (id: string): number => sweep.rows.filter((r) => r.selected.some((s) => s === id)).length;
  ids.sort((a, b) => count(b) - count(a) || (a < b ? -1 : a > b ? 1 : 0));
  return toCsv(
    ["site_id", "models", "robust_core", ...sweep.rows.map((r) => `chosen_by_${r.model}`)],
    ids.map((id) => [id, count(id), robust.has(id), ...sweep.rows.map((r) => r.selected.some((s) => s === id))]),
  );
}

/**
 * sensitivity.csv: one row per screened-in site, most often selected first.
 * @example sensitivityCsv(run.summary, outcome).split("\n")[0] // "site_id,name,region,baseline_rank,…"
 */
export function sensitivityCsv(summary: SensitivitySummary, outcome: RunOutcome): string {
  const names = new Map(outcome.ranked.map((s) => [s.site.siteId as string, s.site]));
  const rows = summary.sites.map((s) => {
    const site = names.get(s.siteId);
    return [
      s.siteId,
      site?.name ?? "",
      site?.region ?? "",
      s.baselineRank,
      s.baselineSelected,
      s.selectedCount,
      round(s.selectedShare, 4),
      s.rankMin,
      s.rankMedian,
      s.rankMax,
    ];
  });
  return toCsv(
    ["site_id", "name", "region", "baseline_rank", "baseline_selected", "selected_count", "selected_share", "rank_min", "rank_median", "rank_max"],
    rows,
  );
}

/**
 * sensitivity as JSON: the perturbation, the selection counts and every screened-in site's
 * selection share and rank range (the rows of sensitivity.csv).
 * @example sensitivityJson(run.summary, outcome).distinct_selections // 10
 */
export function sensitivityJson(summary: SensitivitySummary, outcome: RunOutcome): Record<string, unknown> {
  const names = new Map(outcome.ranked.map((s) => [s.site.siteId as string, s.site.name]));
  return {
    format: "gigasite-sensitivity",
    version: 1,
    model: outcome.model.name,
    samples: summary.samples,
    perturbation: summary.perturbation,
    seed: summary.seed,
    distinct_selections: summary.distinctSelections,
    baseline_share: round(summary.baselineShare, 6),
    top_selections: summary.topSelections.map((t) => ({ selected: t.selected, count: t.count })),
    unsolved: summary.unsolved,
    sites: summary.sites.map((s) => ({
      site_id: s.siteId,
      name: names.get(s.siteId) ?? "",
      baseline_rank: s.baselineRank,
      baseline_selected: s.baselineSelected,
      selected_count: s.selectedCount,
      selected_share: round(s.selectedShare, 6),
      rank_min: s.rankMin,
      rank_median: s.rankMedian,
      rank_max: s.rankMax,
    })),
  };
}
