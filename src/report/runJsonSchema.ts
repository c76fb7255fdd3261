/**
 * The contract of run.json: the one schema that `runJson` (the writer) is typed by and that
 * `readRun` (compare, scripts) parses with. A test parses every golden run's file with it and
 * checks that nothing is dropped or changed, so the writer and the reader cannot drift apart.
 *
 * To add a field: add it here. The writer then fails to type-check until it fills the field, and
 * the reader has it. A field that runs written before it lack should be `.optional()` (or bump
 * {@link RUN_JSON_VERSION} when a field changes meaning).
 */
import { z } from "zod";
import { issueJsonSchema } from "../core/issues.ts";
import { calendarDate, jsonNumber } from "../core/jsonContract.ts";
import { riskJsonSchema } from "../risk/outputs.ts";

/**
 * Format version of run.json; bumped when a field changes meaning. Version 2: `plan` (the dated
 * plan, its milestones and cash highlights) and `objective_parts` replace `schedule`.
 */
export const RUN_JSON_VERSION = 2;

const objectivePartSchema = z.object({ label: z.string(), value: jsonNumber });

const planSiteSchema = z.object({
  slot: jsonNumber,
  site_id: z.string(),
  ready_month: z.string(),
  ready_date: calendarDate,
  go_live_month: z.string(),
  go_live_date: calendarDate,
  held_back_months: jsonNumber,
  /** Why the site is held back (what a month earlier would break); empty when it is not. */
  hold_cause: z.string(),
  construction_start: z.string(),
  build_months: jsonNumber,
  capex_bn: jsonNumber,
  tranche_released_bn: jsonNumber,
  tranche_release_date: z.string().nullable(),
  drawn_by_go_live_bn: jsonNumber,
  min_headroom_bn: jsonNumber,
});

/** The dated plan: sites with months and dates, milestones, peak equity and the tightest month. */
const planSchema = z.object({
  start_date: z.string(),
  months: jsonNumber,
  sites: z.array(planSiteSchema),
  milestones: z.array(
    z.object({
      index: jsonNumber,
      date: z.string(),
      month: z.string(),
      sites_live: jsonNumber,
      gw_live: jsonNumber,
      gw_required: jsonNumber,
      met: z.boolean(),
    }),
  ),
  peak_equity_bn: jsonNumber,
  peak_equity_month: z.string(),
  tightest_month: z.string(),
  min_headroom_bn: jsonNumber,
  peak_bridge_bn: jsonNumber,
  bridge_bn_months: jsonNumber,
  equity_bn: jsonNumber,
  tranche_bn: jsonNumber,
  tranche_count: jsonNumber,
  tranche_lag_months: jsonNumber,
  upfront_share: jsonNumber,
  /** Sources and uses over the build-out ($B) and the lender's figures; every month is in sources_uses.csv. */
  sources_uses: z.object({
    sources: z.array(z.object({ label: z.string(), bn: jsonNumber })),
    total_sources_bn: jsonNumber,
    uses: z.array(z.object({ label: z.string(), bn: jsonNumber })),
    total_uses_bn: jsonNumber,
    peak_debt_bn: jsonNumber,
    interest_during_construction_bn: jsonNumber,
    contingency_bn: jsonNumber,
    debt_to_cost: jsonNumber,
    tightest_month_binds: z.string(),
  }),
});

/** maxScore's second stage: GW-months among plans within the score tolerance (optimize/lexicographic.ts). */
const secondStageSchema = z.object({
  gw_months: jsonNumber,
  gw_months_bound: jsonNumber.nullable(),
  score_floor: jsonNumber,
  best_score: jsonNumber,
  tolerance_pct: jsonNumber,
  proven: z.boolean(),
});

/**
 * The solver's statistics, with `steps`: every model solved (or step taken), in order. The
 * engine's own record: the fields listed are typed, any other passes through as written.
 */
const solverSchema = z.looseObject({
  solver: z.string(),
  formulation: z.string(),
  candidates: jsonNumber,
  variables: jsonNumber,
  constraints: jsonNumber,
  nodes: jsonNumber.nullable(),
  steps: z.array(
    z.looseObject({
      step: z.string(),
      status: z.string(),
      objective: jsonNumber.nullable(),
      bound: jsonNumber.nullable(),
    }),
  ),
});

const count = jsonNumber;

/** run.json, field by field. */
export const runJsonSchema = z.object({
  format: z.literal("gigasite-run"),
  version: z.literal(RUN_JSON_VERSION, `expected run.json version ${RUN_JSON_VERSION} (dated plans): re-run the model with this gigasite to compare it`),
  model: z.string(),
  status: z.enum(["optimal", "time_limit", "no_solution", "infeasible"]),
  objective_kind: z.enum(["maxScore", "maxGwMonths", "npv", "minCost"]),
  objective: jsonNumber.nullable(),
  objective_parts: z.array(objectivePartSchema),
  bound: jsonNumber.nullable(),
  gap: jsonNumber.nullable(),
  /** maxScore runs with a schedule only. */
  second_stage: secondStageSchema.optional(),
  selected: z.array(z.string()),
  budget_bn: jsonNumber,
  budget_used_bn: jsonNumber,
  plan: planSchema.nullable(),
  /** Models with `risk.inRun` only. */
  risk: riskJsonSchema.optional(),
  cash_rule: z.boolean(),
  infeasible_reasons: z.array(z.string()),
  least_equity_bn: jsonNumber.nullable(),
  message: z.string().nullable(),
  verification: z
    .object({
      ok: z.boolean(),
      violations: z.array(z.string()),
      binding: z.array(z.string()),
      objective: jsonNumber.optional(),
      objectiveParts: z.array(objectivePartSchema).optional(),
    })
    .nullable(),
  weights: z.object({ pillars: z.record(z.string(), jsonNumber), criteria: z.record(z.string(), jsonNumber) }),
  funnel: z.array(z.object({ step: z.string(), remaining: count })),
  counts: z.object({ candidates: count, screened_in: count, screened_out: count }),
  solver: solverSchema,
  timings_ms: z.object({
    load: jsonNumber,
    screen: jsonNumber,
    score: jsonNumber,
    solve: jsonNumber,
    verify: jsonNumber,
    risk: jsonNumber.optional(),
    total: jsonNumber,
  }),
  inputs: z.object({
    sites: z.object({ file: z.string(), sha256: z.string(), rows: count }),
    model: z.object({ file: z.string(), sha256: z.string() }),
  }),
  warning_count: count,
  warnings: z.array(issueJsonSchema),
});

export type RunJson = z.infer<typeof runJsonSchema>;
