/**
 * The report's delay-risk section: the probability of each milestone as bars, and a fan chart of
 * GW live month by month (the plan's step line against the sampled P10–P90 band and median, the
 * milestones as the GW each requires), on the plan chart's time axis.
 */
import type { RunOutcome } from "../../pipeline/run.ts";
import type { RiskSummary } from "../../risk/summary.ts";
import { riskLines } from "../../risk/outputs.ts";
import { escapeHtml } from "./escape.ts";
import { coord, fixed } from "./format.ts";
import { scrollBox } from "./scrollBox.ts";
import { CHART_LEFT, CHART_RIGHT, CHART_WIDTH, chartLegend, dateMonth, monthAxis } from "./monthAxis.ts";

const BAR_ROW = 22;
const TOP = 26;
const HEIGHT = 200;
/** Room right of the bars for the probabilities, printed on white rather than on the bars. */
const VALUE_COLUMN = 64;
const BARS_TOP = 34;
/**
 * A probability to one decimal that never reads 100% (or 0%) unless it is exactly that: a
 * milestone missed in 1 of 10,000 samples is ">99.9%", not "100.0%".
 * @example pct(0.9999) // ">99.9%"
 */
export function pct(p: number): string {
  if (p < 1 && p >= 0.9995) return ">99.9%";
  if (p > 0 && p < 0.0005) return "<0.1%";
  return `${(100 * p).toFixed(1)}%`;
}

/** Where the probability axis may start: round levels, so a cut-off axis still reads at a glance. */
const AXIS_FLOORS = [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99] as const;

/**
 * The start of the bars' axis: the highest round level that leaves the least likely milestone at
 * least a fifth of the bar length, so 98.6% and 100% look different (from 0 they would not).
 * @example probabilityAxisFloor([0.986, 1, 0.999]) // 0.98
 */
export function probabilityAxisFloor(probabilities: readonly number[]): number {
  const least = Math.min(1, ...probabilities);
  let floor = 0;
  for (const level of AXIS_FLOORS) if (least - level >= 0.2 * (1 - level)) floor = level;
  return floor;
}

function milestoneBars(summary: RiskSummary): string {
  const left = CHART_LEFT;
  const right = CHART_WIDTH - CHART_RIGHT - VALUE_COLUMN;
  const width = right - left;
  const floor = probabilityAxisFloor(summary.milestones.map((m) => m.probabilityMet));
  const x = (p: number): number => left + (Math.max(0, p - floor) / (1 - floor)) * width;
  const height = BARS_TOP + 8 + BAR_ROW * summary.milestones.length;
  const out: string[] = [
    `<text class="panel-title" x="8" y="${BARS_TOP - 10}">P(milestone met)${floor > 0 ? `, axis from ${fixed(100 * floor, 0)}%` : ""}</text>`,
  ];
  summary.milestones.forEach((m, k) => {
    const y = BARS_TOP + k * BAR_ROW;
    const cls = m.probabilityMet >= 0.95 ? "risk-ok" : m.probabilityMet >= 0.8 ? "risk-warn" : "risk-bad";
    out.push(
      `<text class="axis" x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(`M${m.index} ${m.date} (${m.index} GW)`)}</text>`,
      `<rect class="risk-track" x="${left}" y="${y + 3}" width="${width}" height="${BAR_ROW - 8}"/>`,
      `<rect class="${cls}" x="${left}" y="${y + 3}" width="${coord(x(m.probabilityMet) - left)}" height="${BAR_ROW - 8}"><title>${escapeHtml(`milestone ${m.index}: ${m.index} GW live by ${m.date} in ${pct(m.probabilityMet)} of samples (${m.plannedLive} planned)`)}</title></rect>`,
      `<text class="risk-value" x="${CHART_WIDTH - CHART_RIGHT}" y="${y + 14}" text-anchor="end">${pct(m.probabilityMet)}</text>`,
    );
  });
  // Ticks over the bars (white, so they read as notches on a bar and vanish on the track).
  for (let i = 0; i <= 4; i++) {
    const p = floor + ((1 - floor) * i) / 4;
    const gx = coord(x(p));
    out.push(
      `<line class="tick-line" x1="${gx}" x2="${gx}" y1="${BARS_TOP - 4}" y2="${height - 6}"/>`,
      `<text class="tick" x="${gx}" y="${BARS_TOP - 10}" text-anchor="middle">${Number((100 * p).toFixed(2))}%</text>`,
    );
  }
  return scrollBox(
    `<svg class="risk-bars" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Probability of each milestone${floor > 0 ? `, axis from ${fixed(100 * floor, 0)}%` : ""}"><title>Probability that each milestone is met</title>${out.join("")}</svg>`,
    "chart",
  );
}

/** A month-by-month step path through values (value v[t] from month t's first day to month t+1's). */
function stepPoints(values: readonly number[], x: (m: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  values.forEach((v, t) => {
    out.push(`${coord(x(t))} ${coord(y(v))}`, `${coord(x(t + 1))} ${coord(y(v))}`);
  });
  return out;
}

function fanChart(outcome: RunOutcome, summary: RiskSummary): string {
  const timeline = outcome.problem.timeline;
  if (timeline === null) return "";
  const axis = monthAxis(timeline);
  const maxGw = Math.max(1, ...summary.fan.map((f) => Math.max(f.planned, f.p90))) * 1.1;
  const y = (gw: number): number => TOP + HEIGHT - (gw / maxGw) * HEIGHT;
  const out: string[] = [axis.grid(TOP - 10, TOP, TOP + HEIGHT)];
  out.push(`<text class="panel-title" x="8" y="${TOP + 12}">GW live (monthly)</text>`);
  const step = maxGw > 20 ? 5 : maxGw > 8 ? 2 : 1;
  for (let gw = 0; gw <= maxGw; gw += step) {
    out.push(`<line class="grid-minor" x1="${CHART_LEFT}" x2="${CHART_WIDTH - CHART_RIGHT}" y1="${coord(y(gw))}" y2="${coord(y(gw))}"/>`);
    out.push(`<text class="axis" x="${CHART_LEFT - 6}" y="${coord(y(gw) + 4)}" text-anchor="end">${fixed(gw, 0)}</text>`);
  }
  const upper = stepPoints(
    summary.fan.map((f) => f.p90),
    axis.x,
    y,
  );
  const lower = stepPoints(
    summary.fan.map((f) => f.p10),
    axis.x,
    y,
  ).reverse();
  out.push(`<path class="fan-band" d="M${[...upper, ...lower].join("L")}Z"><title>P10 to P90 of GW live over ${summary.samples} samples</title></path>`);
  out.push(
    `<path class="fan-median" d="M${stepPoints(
      summary.fan.map((f) => f.p50),
      axis.x,
      y,
    ).join("L")}"/>`,
  );
  out.push(
    `<path class="fan-plan" d="M${stepPoints(
      summary.fan.map((f) => f.planned),
      axis.x,
      y,
    ).join("L")}"/>`,
  );
  for (const m of summary.milestones) {
    const mx = coord(axis.x(dateMonth(timeline, m.date)));
    out.push(
      `<path class="fan-milestone" d="M${mx} ${coord(y(m.index))}h-6v6"><title>${escapeHtml(`milestone ${m.index}: ${m.index} GW by ${m.date}, met in ${pct(m.probabilityMet)}`)}</title></path>`,
    );
  }
  summary.fan.forEach((f, t) => {
    out.push(
      `<rect class="month-hit" x="${coord(axis.x(t))}" y="${TOP}" width="${coord(axis.x(t + 1) - axis.x(t))}" height="${HEIGHT}"><title>${escapeHtml(`${f.label}: planned ${f.planned} GW; sampled P10 ${f.p10}, P50 ${f.p50}, P90 ${f.p90} GW`)}</title></rect>`,
    );
  });
  const height = TOP + HEIGHT + 44;
  out.push(
    chartLegend("fan-legend", height - 12, [
      [`<rect class="fan-band" x="0" y="-9" width="18" height="10"/>`, "P10–P90 of samples"],
      [`<path class="fan-median" d="M0 -4h18"/>`, "median"],
      [`<path class="fan-plan" d="M0 -4h18"/>`, "the plan"],
      [`<path class="fan-milestone" d="M12 -8h-6v6"/>`, "milestone: k GW by its date"],
    ]),
  );
  return scrollBox(
    `<svg class="fan" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="GW live over time"><title>Fan chart: GW live month by month, plan against samples</title>${out.join("\n")}</svg>`,
    "chart",
  );
}

/**
 * The delay-risk section's content, or null without a risk evaluation.
 * @example renderRisk(outcome)?.includes("fan-band") // true when the model has risk.inRun
 */
export function renderRisk(outcome: RunOutcome): string | null {
  const risk = outcome.risk;
  if (risk === undefined) return null;
  const lines = riskLines(risk.summary, risk.robust);
  return (
    `<p class="note">Each sample draws every planned site's permitting, time to power and build (lognormal around the CSV's values, correlated within regions and grid zones); ` +
    `a site goes live at the later of its planned month and its sampled readiness, tranches follow the actual go-lives and capex keeps being drawn until each site is live.</p>` +
    `<ul class="risk-lines">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` +
    milestoneBars(risk.summary) +
    fanChart(outcome, risk.summary)
  );
}
