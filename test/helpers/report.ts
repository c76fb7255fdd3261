import { runnersUp } from "../../src/analysis/runnersUp.ts";
import type { RunOutcome } from "../../src/pipeline/run.ts";
import { renderReportHtml, type ReportExtras } from "../../src/report/html/render.ts";

/** renderReportHtml with the runners-up the run command gives it (25 rows), unless `extras` names its own. */
export function renderReport(outcome: RunOutcome, extras: Omit<ReportExtras, "runnersUp"> & Partial<Pick<ReportExtras, "runnersUp">>): string {
  return renderReportHtml(outcome, { runnersUp: runnersUp(outcome, 25), ...extras });
}
