/**
 * What the HTML report needs computed before it renders: the budget frontier (re-solves) and the
 * runners-up, handed to report/html/render.ts, which only renders. What the run command writes as
 * `out/<model>/report.html`. Async only because the frontier re-solves the problem.
 */
import type { RunOutcome } from "../pipeline/run.ts";
import { renderReportHtml, type ReportExtras } from "../report/html/render.ts";
import { computeFrontier, type FrontierOptions } from "./frontier.ts";
import { runnersUp } from "./runnersUp.ts";

/** Rows of the report's runners-up table. */
const RUNNERS_UP = 25;

export interface BuildReportOptions extends FrontierOptions {
  /** Budget levels to re-solve; 0 leaves the trade-off chart out (default 10). */
  readonly frontierLevels?: number;
}

/**
 * Computes the budget frontier (unless `frontierLevels` is 0) and the runners-up, and renders the report.
 * @example await writeFile("out/baseline/report.html", await buildReportHtml(outcome, { sitesFile: "data/sites.csv", modelFile: "models/baseline.json" }))
 */
export async function buildReportHtml(outcome: RunOutcome, generatedFor: ReportExtras["generatedFor"], options: BuildReportOptions = {}): Promise<string> {
  const levels = options.frontierLevels ?? 10;
  const frontier = levels > 0 ? await computeFrontier(outcome, levels, options) : [];
  return renderReportHtml(outcome, { frontier, runnersUp: runnersUp(outcome, RUNNERS_UP), generatedFor });
}
