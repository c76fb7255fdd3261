/**
 * The trade-off chart: the objective at each budget level (the frontier), the model's own
 * budget marked. Budgets with no feasible selection sit on the axis as hollow markers.
 */
import { money } from "../../core/format.ts";
import type { ProblemObjective, RunOutcome } from "../../pipeline/run.ts";
import { objectiveName } from "../objective.ts";
import { escapeHtml } from "./escape.ts";
import { coord, fixed } from "./format.ts";
import { scrollBox } from "./scrollBox.ts";

const WIDTH = 960;
const HEIGHT = 320;
const LEFT = 70;
const RIGHT = 30;
const TOP = 24;
const BOTTOM = 52;

/** One budget level of the trade-off chart, as the pipeline re-solved it. */
export interface FrontierPoint {
  readonly budgetBn: number;
  readonly status: RunOutcome["result"]["status"];
  /** Objective at this budget (in the model's objective's units, see report/objective.ts); null without a selection. */
  readonly objective: number | null;
  /** Capex of the selection, $B; null without a selection. */
  readonly capexBn: number | null;
  /** The model's own budget: the run the report is about. */
  readonly chosen: boolean;
}

/** Round tick step for a span: 1, 2 or 5 times a power of ten, about `count` ticks. */
function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw > 0 ? raw : 1));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function ticks(min: number, max: number, count: number): number[] {
  const step = tickStep(max - min, count);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * The frontier as an inline `<svg>`, or a sentence when there is no point to draw.
 * @example renderFrontier([{ budgetBn: 100, status: "optimal", objective: 640, capexBn: 98, chosen: true }], { kind: "maxScore", earlyPowerPointsPerMonth: 0 })
 */
export function renderFrontier(points: readonly FrontierPoint[], objective: ProblemObjective): string {
  if (points.length === 0) return `<p class="empty">No trade-off curve was computed for this report.</p>`;
  const solved = points.filter((p) => p.objective !== null);
  const name = objectiveName(objective);
  const yLabel = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const budgets = points.map((p) => p.budgetBn);
  const values = solved.map((p) => p.objective ?? 0);
  let xMin = Math.min(...budgets);
  let xMax = Math.max(...budgets);
  if (xMax - xMin < 1e-9) [xMin, xMax] = [xMin - 1, xMax + 1];
  let yMin = values.length > 0 ? Math.min(...values) : 0;
  let yMax = values.length > 0 ? Math.max(...values) : 1;
  const pad = Math.max((yMax - yMin) * 0.1, Math.abs(yMax) * 0.01, 1e-6);
  yMin -= pad;
  yMax += pad;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (bn: number): number => LEFT + ((bn - xMin) / (xMax - xMin)) * plotW;
  const y = (v: number): number => TOP + plotH - ((v - yMin) / (yMax - yMin)) * plotH;

  const out: string[] = [];
  for (const v of ticks(yMin, yMax, 5)) {
    out.push(`<line class="grid-minor" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${coord(y(v))}" y2="${coord(y(v))}"/>`);
    out.push(`<text class="axis" x="${LEFT - 6}" y="${coord(y(v) + 4)}" text-anchor="end">${fixed(v, tickStep(yMax - yMin, 5) < 1 ? 1 : 0)}</text>`);
  }
  for (const bn of ticks(xMin, xMax, 8)) {
    out.push(`<line class="grid-minor" x1="${coord(x(bn))}" x2="${coord(x(bn))}" y1="${TOP}" y2="${TOP + plotH}"/>`);
    out.push(`<text class="axis" x="${coord(x(bn))}" y="${TOP + plotH + 18}" text-anchor="middle">${escapeHtml(money(bn, 0))}</text>`);
  }
  out.push(`<text class="axis-title" x="${LEFT + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">Budget</text>`);
  out.push(`<text class="axis-title" transform="translate(16 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`);
  if (solved.length > 1) {
    out.push(
      `<path class="frontier-line" d="${solved.map((p, i) => `${i === 0 ? "M" : "L"}${coord(x(p.budgetBn))} ${coord(y(p.objective ?? 0))}`).join("")}"/>`,
    );
  }
  for (const p of points) {
    const px = coord(x(p.budgetBn));
    const status = p.status.replace("_", " ");
    if (p.objective === null) {
      const tip = `budget ${money(p.budgetBn)}: ${status}`;
      out.push(
        `<circle class="frontier-point none${p.chosen ? " chosen" : ""}" cx="${px}" cy="${TOP + plotH}" r="5"><title>${escapeHtml(tip)}</title></circle>`,
      );
      continue;
    }
    const tip = `budget ${money(p.budgetBn)}: ${status}, objective ${fixed(p.objective, 2)}${p.capexBn === null ? "" : `, capex ${money(p.capexBn)}`}${p.chosen ? " (this run)" : ""}`;
    const py = coord(y(p.objective));
    const cls = `frontier-point${p.status === "time_limit" ? " limited" : ""}${p.chosen ? " chosen" : ""}`;
    out.push(`<circle class="${cls}" cx="${px}" cy="${py}" r="${p.chosen ? 8 : 4.5}"><title>${escapeHtml(tip)}</title></circle>`);
    if (p.chosen) {
      out.push(
        `<text class="chosen-label" x="${px}" y="${coord(y(p.objective) - 14)}" text-anchor="middle">this run: ${escapeHtml(money(p.budgetBn, 0))} → ${escapeHtml(fixed(p.objective, 1))}</text>`,
      );
    }
  }
  return scrollBox(
    `<svg class="frontier" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(yLabel)} against budget"><title>${escapeHtml(yLabel)} against budget</title>${out.join("\n")}</svg>`,
    "chart",
  );
}
