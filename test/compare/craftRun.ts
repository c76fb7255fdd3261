import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Written } from "../../src/core/jsonContract.ts";
import type { RunJson } from "../../src/report/runJsonSchema.ts";

/** One site of a hand-crafted run: screened in when `score` is given (rank = order of appearance). */
export interface CraftedSite {
  readonly id: string;
  readonly score?: number;
  readonly points?: Readonly<Record<string, number>>;
  readonly selected?: boolean;
  readonly outReason?: string;
}

export interface CraftedRun {
  readonly model: string;
  readonly modelSha: string;
  readonly sitesSha: string;
  readonly objective: number;
  readonly budgetUsedBn: number;
  readonly sites: readonly CraftedSite[];
  /** Online date per selected site, in slot order. */
  readonly schedule?: readonly (readonly [string, string])[];
}

const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const CRITERIA = ["capex_bn", "power_price_usd_mwh", "permitting_months"] as const;

/**
 * Writes a run folder by hand in the layout of `gigasite run` (run.json + ranked.csv), so compare
 * tests know every difference in advance.
 */
export async function writeCraftedRun(dir: string, run: CraftedRun): Promise<void> {
  await mkdir(dir, { recursive: true });
  const screened = run.sites.filter((s) => s.score !== undefined);
  const selected = run.sites.filter((s) => s.selected).map((s) => s.id);
  const header = [
    "rank",
    "site_id",
    "name",
    "region",
    "grid_zone",
    "overall_score",
    "energy_score",
    "capex_bn",
    "annual_cost_bn",
    "ready_date",
    "selected",
    "slot",
    "go_live_date",
    "screened_out_reason",
    ...CRITERIA.map((c) => `points_${c}`),
  ];
  const rows = [
    ...screened.map((s, i) => [
      i + 1,
      s.id,
      `Site ${s.id}`,
      "TX",
      "ERCOT",
      s.score,
      50,
      9,
      1.1,
      "2027-01-01",
      s.selected,
      "",
      "",
      "",
      ...CRITERIA.map((c) => s.points?.[c] ?? 10),
    ]),
    ...run.sites
      .filter((s) => s.score === undefined)
      .map((s) => [
        "",
        s.id,
        `Site ${s.id}`,
        "TX",
        "ERCOT",
        "",
        "",
        9,
        1.1,
        "",
        false,
        "",
        "",
        s.outReason ?? "firm power below 1,000 MW",
        ...CRITERIA.map(() => ""),
      ]),
  ];
  const csv = [header, ...rows].map((r) => r.map((v) => csvCell(String(v ?? ""))).join(",")).join("\n");
  const plan: Written<RunJson["plan"]> = run.schedule
    ? {
        start_date: "2026-01-01",
        months: 48,
        sites: run.schedule.map(([id, goLive], k) => ({
          slot: k + 1,
          site_id: id,
          ready_month: "2026-01",
          ready_date: "2026-01-01",
          go_live_month: goLive.slice(0, 7),
          go_live_date: goLive,
          held_back_months: 0,
          hold_cause: "",
          construction_start: "2025-01-01",
          build_months: 12,
          capex_bn: 9,
          tranche_released_bn: 10,
          tranche_release_date: goLive,
          drawn_by_go_live_bn: 9,
          min_headroom_bn: 1,
        })),
        milestones: [],
        peak_equity_bn: 12,
        peak_equity_month: "2026-06",
        tightest_month: "2026-06",
        min_headroom_bn: 1,
        peak_bridge_bn: 0,
        bridge_bn_months: 0,
        equity_bn: 20,
        tranche_bn: 10,
        tranche_count: 10,
        tranche_lag_months: 0,
        upfront_share: 0.2,
        sources_uses: {
          sources: [],
          total_sources_bn: 0,
          uses: [],
          total_uses_bn: 0,
          peak_debt_bn: 0,
          interest_during_construction_bn: 0,
          contingency_bn: 0,
          debt_to_cost: 0,
          tightest_month_binds: "",
        },
      }
    : null;
  // Typed by run.json's schema, so a crafted run has every field `gigasite run` writes.
  const json: Written<RunJson> = {
    format: "gigasite-run",
    version: 2,
    model: run.model,
    status: "optimal",
    objective_kind: "maxScore",
    objective: run.objective,
    objective_parts: [{ label: "score", value: run.objective }],
    bound: run.objective,
    gap: 0,
    selected,
    budget_bn: 100,
    budget_used_bn: run.budgetUsedBn,
    plan,
    cash_rule: run.schedule !== undefined,
    infeasible_reasons: [],
    least_equity_bn: null,
    message: null,
    verification: { ok: true, violations: [], binding: [] },
    weights: { pillars: { energy: 1 }, criteria: { capex_bn: 0.5, power_price_usd_mwh: 0.3, permitting_months: 0.2 } },
    funnel: [{ step: "candidates", remaining: run.sites.length }],
    counts: { candidates: run.sites.length, screened_in: screened.length, screened_out: run.sites.length - screened.length },
    solver: { solver: "highs", formulation: "crafted", candidates: screened.length, variables: 0, constraints: 0, nodes: null, steps: [] },
    timings_ms: { load: 0, screen: 0, score: 0, solve: 0, verify: 0, total: 0 },
    inputs: {
      sites: { file: "data/sites.csv", sha256: run.sitesSha, rows: run.sites.length },
      model: { file: `models/${run.model}.json`, sha256: run.modelSha },
    },
    warning_count: 0,
    warnings: [],
  };
  await writeFile(join(dir, "ranked.csv"), `${csv}\n`, "utf8");
  await writeFile(join(dir, "run.json"), `${JSON.stringify(json, null, 2)}\n`, "utf8");
}
