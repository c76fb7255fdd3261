/**
 * The delay-risk outputs: risk.csv, the run.json block and the text lines of the terminal and
 * summary.md. Pure: the same summary gives the same text (figures rounded).
 */
import { z } from "zod";
import { toCsv, type CsvCell } from "../core/csv.ts";
import { probability, round } from "../core/format.ts";
import { jsonNumber, type Written } from "../core/jsonContract.ts";
import type { RiskSummary } from "./summary.ts";
import type { RobustOutcome } from "./robust.ts";

/** risk.csv's columns, in order (README, "Outputs"). */
export const RISK_CSV_COLUMNS = [
  "kind",
  "milestone",
  "date",
  "site_id",
  "planned_live",
  "probability_met",
  "planned_go_live",
  "probability_late",
  "mean_delay_months",
  "p90_go_live",
  "criticality",
] as const;

/**
 * risk.csv: one `milestone` row per milestone, one `all` row (every milestone met), one `site` row per planned site.
 * @example riskCsv(summary).split("\n")[0] // "kind,milestone,date,site_id,…"
 */
export function riskCsv(summary: RiskSummary | null): string {
  if (summary === null) return toCsv(RISK_CSV_COLUMNS, []);
  const rows: CsvCell[][] = [
    ...summary.milestones.map((m): CsvCell[] => ["milestone", m.index, m.date, null, m.plannedLive, round(m.probabilityMet, 6), null, null, null, null, null]),
    ["all", null, summary.milestones.at(-1)?.date ?? null, null, null, round(summary.probabilityAllMet, 6), null, null, null, null, null],
    ...summary.sites.map((s): CsvCell[] => [
      "site",
      null,
      null,
      s.siteId,
      null,
      null,
      s.plannedGoLive,
      round(s.probabilityLate, 6),
      round(s.meanDelayMonths, 4),
      s.p90GoLive,
      round(s.criticality, 6),
    ]),
  ];
  return toCsv(RISK_CSV_COLUMNS, rows);
}

const percentilesSchema = z.object({ mean: jsonNumber, p10: jsonNumber, p50: jsonNumber, p90: jsonNumber, min: jsonNumber, max: jsonNumber });

const robustJsonSchema = z.object({
  alpha: jsonNumber,
  scenarios: jsonNumber,
  required_scenarios: jsonNumber,
  seed: jsonNumber,
  scenarios_met_in_sample: jsonNumber,
  probability_all_met_in_sample: jsonNumber,
  probability_all_met_out_of_sample: jsonNumber,
  deterministic: z
    .object({
      objective: jsonNumber,
      selected: z.array(z.string()),
      scenarios_met_in_sample: jsonNumber,
      probability_all_met_out_of_sample: jsonNumber,
    })
    .nullable(),
  price_of_robustness: jsonNumber.nullable(),
});

/** The `risk` block of run.json and of `gigasite risk --json`: the one schema its writer and readers share. */
export const riskJsonSchema = z.object({
  samples: jsonNumber,
  seed: jsonNumber,
  probability_all_met: jsonNumber,
  probability_all_met_std_err: jsonNumber,
  milestones: z.array(z.object({ index: jsonNumber, date: z.string(), planned_live: jsonNumber, probability_met: jsonNumber })),
  gw_months_planned: jsonNumber,
  gw_months: percentilesSchema,
  probability_cash_shortfall: jsonNumber,
  cash_shortfall_bn: percentilesSchema.nullable(),
  sites: z.array(
    z.object({
      site_id: z.string(),
      planned_go_live: z.string(),
      probability_late: jsonNumber,
      mean_delay_months: jsonNumber,
      p90_go_live: z.string(),
      criticality: jsonNumber,
    }),
  ),
  gw_live_fan: z.array(z.object({ month: z.string(), planned: jsonNumber, p10: jsonNumber, p50: jsonNumber, p90: jsonNumber })),
  robust: robustJsonSchema.optional(),
});

export type RiskJson = z.infer<typeof riskJsonSchema>;

const percentilesJson = (
  p: { mean: number; p10: number; p50: number; p90: number; min: number; max: number },
  decimals: number,
): z.infer<typeof percentilesSchema> => ({
  mean: round(p.mean, decimals),
  p10: round(p.p10, decimals),
  p50: round(p.p50, decimals),
  p90: round(p.p90, decimals),
  min: round(p.min, decimals),
  max: round(p.max, decimals),
});

/** The `risk` block of run.json (and `gigasite risk --json`). */
export function riskJson(summary: RiskSummary, robust: RobustOutcome | null = null): Written<RiskJson> {
  return {
    samples: summary.samples,
    seed: summary.seed,
    probability_all_met: round(summary.probabilityAllMet, 6),
    probability_all_met_std_err: round(summary.probabilityAllMetStdErr, 6),
    milestones: summary.milestones.map((m) => ({ index: m.index, date: m.date, planned_live: m.plannedLive, probability_met: round(m.probabilityMet, 6) })),
    gw_months_planned: round(summary.gwMonthsPlanned, 6),
    gw_months: percentilesJson(summary.gwMonths, 4),
    probability_cash_shortfall: round(summary.probabilityShortfall, 6),
    cash_shortfall_bn: summary.shortfallBn === null ? null : percentilesJson(summary.shortfallBn, 6),
    sites: summary.sites.map((s) => ({
      site_id: s.siteId,
      planned_go_live: s.plannedGoLive,
      probability_late: round(s.probabilityLate, 6),
      mean_delay_months: round(s.meanDelayMonths, 4),
      p90_go_live: s.p90GoLive,
      criticality: round(s.criticality, 6),
    })),
    gw_live_fan: summary.fan.map((f) => ({ month: f.label, planned: f.planned, p10: f.p10, p50: f.p50, p90: f.p90 })),
    ...(robust === null ? {} : { robust: robustJson(robust) }),
  };
}

function robustJson(r: RobustOutcome): Written<z.infer<typeof robustJsonSchema>> {
  return {
    alpha: r.alpha,
    scenarios: r.scenarios,
    required_scenarios: r.requiredScenarios,
    seed: r.seed,
    scenarios_met_in_sample: r.scenariosMet,
    probability_all_met_in_sample: round(r.scenariosMet / r.scenarios, 6),
    probability_all_met_out_of_sample: round(r.outOfSample.probabilityAllMet, 6),
    deterministic:
      r.deterministic === null
        ? null
        : {
            objective: round(r.deterministic.objective, 6),
            selected: r.deterministic.selected,
            scenarios_met_in_sample: r.deterministic.scenariosMet,
            probability_all_met_out_of_sample: round(r.deterministic.outOfSample.probabilityAllMet, 6),
          },
    price_of_robustness: r.priceOfRobustness === null ? null : round(r.priceOfRobustness, 6),
  };
}

const pct = probability;

/**
 * The lines the terminal and summary.md print (plain text; the caller adds colour or Markdown).
 * @example riskLines(summary)[0] // "delay risk (10,000 samples, seed 1): all 10 milestones met in 98.9% (± 0.1%)"
 */
export function riskLines(summary: RiskSummary, robust: RobustOutcome | null = null): string[] {
  const allMet = `delay risk (${summary.samples.toLocaleString("en-US")} samples, seed ${summary.seed}): all ${summary.milestones.length} milestones met in ${pct(summary.probabilityAllMet)} (± ${pct(summary.probabilityAllMetStdErr)})`;
  const shortfall =
    summary.shortfallBn === null
      ? "cash shortfall: in no sample"
      : `cash shortfall in ${pct(summary.probabilityShortfall)} of samples: P50 $${summary.shortfallBn.p50.toFixed(2)}B, P90 $${summary.shortfallBn.p90.toFixed(2)}B, worst $${summary.shortfallBn.max.toFixed(2)}B`;
  // The headline first: a cash shortfall that is likelier than a missed milestone leads.
  const shortfallLeads = summary.shortfallBn !== null && summary.probabilityShortfall > 1 - summary.probabilityAllMet;
  const lines = [
    ...(shortfallLeads ? [shortfall, allMet] : [allMet]),
    `P(milestone met): ${summary.milestones.map((m) => `${m.index}: ${pct(m.probabilityMet)}`).join(", ")}`,
    `GW-months by ${summary.fan.at(-1)?.label ?? "the horizon"}: planned ${round(summary.gwMonthsPlanned, 1)}, sampled P10 ${round(summary.gwMonths.p10, 1)} / P50 ${round(summary.gwMonths.p50, 1)} / P90 ${round(summary.gwMonths.p90, 1)}`,
    ...(shortfallLeads ? [] : [shortfall]),
  ];
  const critical = [...summary.sites]
    .filter((s) => s.criticality > 0)
    .sort((a, b) => b.criticality - a.criticality || (a.siteId < b.siteId ? -1 : 1))
    .slice(0, 3);
  if (critical.length > 0)
    lines.push(
      `most critical: ${critical.map((s) => `${s.siteId} (late in ${pct(s.criticality)} of missed milestones, planned ${s.plannedGoLive}, P90 ${s.p90GoLive})`).join(", ")}`,
    );
  if (robust !== null) {
    lines.push(
      `robust plan (α = ${robust.alpha}, ${robust.scenarios} scenarios, seed ${robust.seed}): every milestone met in ${robust.scenariosMet} of ${robust.scenarios} scenarios in sample (at least ${robust.requiredScenarios} required), ${pct(robust.outOfSample.probabilityAllMet)} out of sample`,
    );
    if (robust.deterministic !== null) {
      lines.push(
        `deterministic plan: objective ${round(robust.deterministic.objective, 3)}, met in ${robust.deterministic.scenariosMet} of ${robust.scenarios} scenarios in sample, ${pct(robust.deterministic.outOfSample.probabilityAllMet)} out of sample; price of robustness ${round(robust.priceOfRobustness ?? 0, 3)}`,
      );
    }
  }
  return lines;
}
