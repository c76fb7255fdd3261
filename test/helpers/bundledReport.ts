/**
 * The report of the bundled baseline as `gigasite run` writes it (trade-off curve and runners-up
 * included), with the delay-risk section switched on so every section of the page is there.
 */
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { buildReportHtml } from "../../src/analysis/reportHtml.ts";

export const BUNDLED_SITES = "data/sites.csv";
export const BUNDLED_MODEL = "models/baseline.json";

/** Samples of the delay-risk section: enough for stable bars, few enough for a quick test. */
const RISK_SAMPLES = 2000;

export async function bundledReportHtml(options: { readonly risk: boolean }): Promise<string> {
  const loaded = await loadRunInputs(BUNDLED_SITES, BUNDLED_MODEL);
  if (!loaded.ok) throw new Error(`bundled inputs do not load: ${loaded.issues.map((i) => i.message).join("; ")}`);
  const { table, model } = loaded.value;
  const withRisk = options.risk ? { ...model, risk: { ...model.risk, inRun: true, samples: RISK_SAMPLES, seed: 1 } } : model;
  const outcome = await runScenario(table, withRisk);
  return buildReportHtml(outcome, { sitesFile: BUNDLED_SITES, modelFile: BUNDLED_MODEL });
}
