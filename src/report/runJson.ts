import { issuesToJson, type InputIssue } from "../core/issues.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import { round } from "./format.ts";
import { scheduleOf, selectedIds } from "./tables.ts";

/** Where the inputs came from, hashed so a run can be matched to its exact inputs later. */
export interface RunInputs {
  readonly sitesFile: string;
  readonly sitesSha256: string;
  readonly modelFile: string;
  readonly modelSha256: string;
  /** Warnings found while loading the inputs; run.json lists every one. */
  readonly warnings?: readonly InputIssue[];
}

export interface EdgeTimingsMs {
  readonly load: number;
  readonly total: number;
}

/** Format version of run.json; bumped when a field changes meaning. */
export const RUN_JSON_VERSION = 1;

/**
 * The machine-readable record of a run (`run.json`): status, objective, bound, selection,
 * schedule, timings, solver statistics and input hashes.
 */
export function runJson(outcome: RunOutcome, inputs: RunInputs, edge: EdgeTimingsMs): Record<string, unknown> {
  const r = outcome.result;
  const solved = r.status === "optimal" || r.status === "time_limit" ? r : null;
  const selected = [...selectedIds(outcome)];
  const capexById = new Map(outcome.problem.candidates.map((c) => [c.siteId, c.capexBn]));
  const budgetUsed = selected.reduce((sum, id) => sum + (capexById.get(id) ?? 0), 0);
  const t = outcome.timingsMs;
  return {
    format: "gigasite-run",
    version: RUN_JSON_VERSION,
    model: outcome.model.name,
    status: r.status,
    objective_kind: outcome.problem.objective.kind,
    objective: solved ? round(solved.objective, 6) : null,
    bound: solved ? round(solved.bound, 6) : r.status === "no_solution" && r.bound !== null ? round(r.bound, 6) : null,
    gap: solved ? round(solved.gap, 8) : null,
    selected,
    budget_bn: outcome.problem.budgetBn,
    budget_used_bn: round(budgetUsed, 6),
    schedule: scheduleOf(outcome)?.map((e) => ({
      slot: e.slot,
      slot_date: e.slotDate,
      site_id: e.siteId,
      online_date: e.onlineDate,
      capex_bn: round(e.capexBn, 6),
      tranche_released_bn: round(e.trancheReleasedBn, 6),
      cumulative_capex_bn: round(e.cumulativeCapexBn, 6),
      cash_available_bn: round(e.cashAvailableBn, 6),
      cash_headroom_bn: round(e.cashHeadroomBn, 6),
    })) ?? null,
    cash_rule: outcome.problem.cash !== null,
    infeasible_reasons: r.status === "infeasible" ? r.reasons : [],
    message: r.status === "no_solution" ? r.message : null,
    verification: outcome.verification,
    weights: outcome.weights,
    funnel: outcome.screen.funnel,
    counts: {
      candidates: outcome.table.sites.length,
      screened_in: outcome.screen.passed.length,
      screened_out: outcome.screen.excluded.length,
    },
    solver: r.stats,
    timings_ms: {
      load: round(edge.load, 2),
      screen: round(t.screen, 2),
      score: round(t.score, 2),
      solve: round(t.solve, 2),
      verify: round(t.verify, 2),
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
