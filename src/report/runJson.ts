import { sourcesAndUses } from "./sourcesUses.ts";
import { issuesToJson } from "../core/issues.ts";
import type { RunInputs } from "../pipeline/runFromFiles.ts";
import { budgetUsedBn, selectedIds, solvedResult, type RunOutcome } from "../pipeline/run.ts";
import { monthLabel } from "../schedule/calendar.ts";
import { round } from "../core/format.ts";
import { riskJson } from "../risk/outputs.ts";
import type { Written } from "../core/jsonContract.ts";
import { cashHighlights, milestoneGw, planRows, runPlan } from "./plan.ts";
import { RUN_JSON_VERSION, type RunJson } from "./runJsonSchema.ts";

export interface EdgeTimingsMs {
  readonly load: number;
  readonly total: number;
}

const bn = (value: number): number => round(value, 6);

/** The `plan` block of run.json: sites with months and dates, milestones, peak equity and the tightest month. */
function planJson(outcome: RunOutcome): Written<RunJson["plan"]> {
  const dated = runPlan(outcome);
  if (dated === null) return null;
  const { timeline, plan } = dated;
  const label = (month: number): string => monthLabel(timeline.calendar, month);
  const cash = cashHighlights(timeline, plan.ledger);
  return {
    start_date: timeline.calendar.startDate,
    months: timeline.calendar.months,
    sites: planRows(outcome).map((row) => ({
      slot: row.site.slot,
      site_id: row.site.siteId,
      ready_month: label(row.site.readyMonth),
      ready_date: row.readyDate,
      go_live_month: label(row.site.goLiveMonth),
      go_live_date: row.goLiveDate,
      held_back_months: row.site.heldBackMonths,
      hold_cause: row.holdCause,
      construction_start: row.constructionStart,
      build_months: row.site.buildMonths,
      capex_bn: bn(row.site.capexBn),
      tranche_released_bn: bn(row.trancheReleasedBn),
      tranche_release_date: row.trancheReleaseDate,
      drawn_by_go_live_bn: bn(row.drawnByGoLiveBn),
      min_headroom_bn: bn(row.minHeadroomBn),
    })),
    milestones: plan.milestones.map((m) => {
      const gw = milestoneGw(m, outcome.problem.gwPerSite);
      return { index: m.index, date: m.date, month: label(m.month), sites_live: m.sitesLive, gw_live: gw.gwLive, gw_required: gw.gwRequired, met: gw.met };
    }),
    peak_equity_bn: bn(cash.peakEquityBn),
    peak_equity_month: cash.peakEquityMonth,
    tightest_month: cash.tightestMonth,
    min_headroom_bn: bn(cash.minHeadroomBn),
    peak_bridge_bn: bn(cash.peakBridgeBn),
    bridge_bn_months: bn(cash.bridgeBnMonths),
    equity_bn: timeline.cash.equityBn,
    tranche_bn: timeline.cash.trancheBn,
    tranche_count: timeline.cash.trancheCount,
    tranche_lag_months: timeline.cash.lagMonths,
    upfront_share: timeline.draw.upfrontShare,
    sources_uses: sourcesUsesJson(outcome),
  };
}

function sourcesUsesJson(outcome: RunOutcome): NonNullable<RunJson["plan"]>["sources_uses"] {
  const su = sourcesAndUses(outcome);
  const line = (l: { label: string; bn: number }): { label: string; bn: number } => ({ label: l.label, bn: bn(l.bn) });
  return {
    sources: (su?.sources ?? []).map(line),
    total_sources_bn: bn(su?.totalSourcesBn ?? 0),
    uses: (su?.uses ?? []).map(line),
    total_uses_bn: bn(su?.totalUsesBn ?? 0),
    peak_debt_bn: bn(su?.peakDebtBn ?? 0),
    interest_during_construction_bn: bn(su?.interestDuringConstructionBn ?? 0),
    contingency_bn: bn(su?.contingencyBn ?? 0),
    debt_to_cost: round(su?.debtToCost ?? 0, 6),
    tightest_month_binds: su?.binds ?? "",
  };
}

/**
 * The machine-readable record of a run (`run.json`): status, objective and its parts, bound,
 * selection, the dated plan, the solver's steps, timings and input hashes. Typed by the one
 * schema its readers parse with (report/runJsonSchema.ts).
 */
export function runJson(outcome: RunOutcome, inputs: RunInputs, edge: EdgeTimingsMs): Written<RunJson> {
  const r = outcome.result;
  const solved = solvedResult(outcome);
  const t = outcome.timingsMs;
  return {
    format: "gigasite-run",
    version: RUN_JSON_VERSION,
    model: outcome.model.name,
    status: r.status,
    objective_kind: outcome.problem.objective.kind,
    objective: solved ? round(solved.objective, 6) : null,
    objective_parts: solved ? solved.objectiveParts.map((p) => ({ label: p.label, value: round(p.value, 6) })) : [],
    bound: solved ? round(solved.bound, 6) : r.status === "no_solution" && r.bound !== null ? round(r.bound, 6) : null,
    gap: solved ? round(solved.gap, 8) : null,
    ...(solved?.secondStage === undefined
      ? {}
      : {
          second_stage: {
            gw_months: round(solved.secondStage.gwMonths, 6),
            gw_months_bound: solved.secondStage.gwMonthsBound,
            score_floor: round(solved.secondStage.scoreFloor, 6),
            best_score: round(solved.secondStage.bestScore, 6),
            tolerance_pct: solved.secondStage.tolerancePct,
            proven: solved.secondStage.proven,
          },
        }),
    selected: [...selectedIds(outcome)],
    budget_bn: outcome.problem.budgetBn,
    budget_used_bn: bn(budgetUsedBn(outcome) ?? 0),
    plan: planJson(outcome),
    ...(outcome.risk ? { risk: riskJson(outcome.risk.summary, outcome.risk.robust) } : {}),
    cash_rule: outcome.problem.timeline?.cashRuleEnforced ?? false,
    infeasible_reasons: r.status === "infeasible" ? r.reasons : [],
    least_equity_bn: r.status === "infeasible" && r.leastEquityBn !== undefined && r.leastEquityBn !== null ? bn(r.leastEquityBn) : null,
    message: r.status === "no_solution" ? r.message : r.status === "time_limit" ? (r.stoppedBy ?? null) : null,
    verification: outcome.verification,
    weights: outcome.weights,
    funnel: outcome.screen.funnel,
    counts: {
      candidates: outcome.table.sites.length,
      screened_in: outcome.screen.passed.length,
      screened_out: outcome.screen.excluded.length,
    },
    // Solver statistics, with `steps`: every model solved (or step taken), in order.
    solver: { ...r.stats, steps: r.stats.steps.map((step) => ({ ...step })) },
    timings_ms: {
      load: round(edge.load, 2),
      screen: round(t.screen, 2),
      score: round(t.score, 2),
      solve: round(t.solve, 2),
      verify: round(t.verify, 2),
      ...(outcome.risk ? { risk: round(outcome.risk.ms, 2) } : {}),
      total: round(edge.total, 2),
    },
    inputs: {
      sites: { file: inputs.sitesFile, sha256: inputs.sitesSha256, rows: outcome.table.sites.length },
      model: { file: inputs.modelFile, sha256: inputs.modelSha256 },
    },
    warning_count: inputs.warnings?.length ?? 0,
    warnings: issuesToJson(inputs.warnings ?? []),
  };
}
