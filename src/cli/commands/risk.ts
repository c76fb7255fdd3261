import { join } from "node:path";
import { fittedTableText, terminalTable, terminalWidth, type FitColumn } from "../table.ts";
import { pc } from "../colors.ts";
import {
  duration,
  evaluatePlanRisk,
  probability,
  outputFolder,
  planRiskOf,
  riskCsv,
  riskJson,
  riskLines,
  writeOutputs,
  type RiskSummary,
  type RunOutcome,
} from "../../index.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { runForAnalysis, type SolveCliOptions } from "../loadAndSolve.ts";
import { setInterruptNote } from "../interrupt.ts";
import { progressBar } from "../progress.ts";
import { invocation } from "../invocation.ts";

export interface RiskCliOptions extends SolveCliOptions {
  readonly samples?: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly out: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

const pct = probability;

/** Version of `risk --json` (`format: "gigasite-risk"`): the run.json risk block with the model's name. */
const RISK_JSON_VERSION = 1;

/** The terminal view: milestones, then the planned sites, then the summary lines. */
export function renderRisk(summary: RiskSummary, outcome: RunOutcome, width: number = terminalWidth()): string {
  const names = new Map(outcome.ranked.map((s) => [s.site.siteId as string, s.site.name]));
  const milestones = terminalTable({ head: ["milestone", "date", "planned live", "P(met)"], colAligns: ["right", "left", "right", "right"] });
  for (const m of summary.milestones)
    milestones.push([
      m.index,
      m.date,
      m.plannedLive,
      m.probabilityMet >= 0.95 ? pc.green(pct(m.probabilityMet)) : m.probabilityMet < 0.8 ? pc.red(pct(m.probabilityMet)) : pc.yellow(pct(m.probabilityMet)),
    ]);
  const siteColumns: FitColumn[] = [
    { head: "site" },
    { head: "name", give: "shorten", minWidth: 14 },
    { head: "planned" },
    { head: "P(late)", align: "right" },
    { head: "mean delay", align: "right" },
    { head: "P90 go-live" },
    { head: "criticality", align: "right" },
  ];
  const bySlot = [...summary.sites].sort((a, b) =>
    a.plannedGoLive < b.plannedGoLive ? -1 : a.plannedGoLive > b.plannedGoLive ? 1 : a.siteId < b.siteId ? -1 : 1,
  );
  const siteRows = bySlot.map((s) => [
    s.siteId,
    names.get(s.siteId) ?? "",
    s.plannedGoLive,
    pct(s.probabilityLate),
    `${s.meanDelayMonths.toFixed(2)} mo`,
    s.p90GoLive,
    pct(s.criticality),
  ]);
  // The findings first, the tables behind them.
  return [
    pc.bold(`${outcome.model.name}: delay risk of the ${outcome.risk?.robust ? "robust " : ""}plan`),
    ...riskLines(summary, outcome.risk?.robust ?? null),
    milestones.toString(),
    fittedTableText(siteColumns, siteRows, width),
  ].join("\n");
}

/** `gigasite risk`: sample the plan's dates, report how likely each milestone is and what breaks it. */
export async function riskCommand(options: RiskCliOptions): Promise<ExitCode> {
  const outcome = await runForAnalysis(options);
  if (typeof outcome === "number") return outcome;
  const status = outcome.result.status;
  if (status !== "optimal" && status !== "time_limit") {
    throw new CliFailure(
      `the model has no plan to evaluate (${status}); run \`${invocation()} run\` for the reasons`,
      status === "infeasible" ? EXIT.infeasible : EXIT.timeLimit,
    );
  }
  const setup = planRiskOf(outcome, {
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  if (!setup.ok) throw new CliFailure(setup.reason, EXIT.badInput);
  const bar = progressBar(setup.samples, "samples");
  let done = 0;
  setInterruptNote(() => `after ${done.toLocaleString("en-US")} of ${setup.samples.toLocaleString("en-US")} samples; nothing written`);
  const run = await evaluatePlanRisk(setup.base, {
    samples: setup.samples,
    workers: options.workers ?? 1,
    onProgress: (count) => {
      done = count;
      bar.update(count);
    },
  });
  bar.stop();
  const dir = outputFolder(options.out, outcome.model.name);
  setInterruptNote(() => `after all samples, while writing ${join(dir, "risk.csv")} (the previous file or the new one, whole)`);
  ensureWritten(
    await writeOutputs(dir, new Map([["risk.csv", riskCsv(run.summary)]]), { force: options.force ?? false, protect: [options.sites, options.model] }),
  );
  if (options.json) {
    printJson({ format: "gigasite-risk", version: RISK_JSON_VERSION, model: outcome.model.name, ...riskJson(run.summary, outcome.risk?.robust ?? null) });
    return EXIT.ok;
  }
  process.stdout.write(
    `${renderRisk(run.summary, outcome)}\n${duration(run.wallMs)}: ${run.evaluatedBy.inline.toLocaleString("en-US")} samples in the main thread, ${run.evaluatedBy.workers.toLocaleString("en-US")} in ${run.workers} worker thread${run.workers === 1 ? "" : "s"}; wrote ${join(dir, "risk.csv")}\n`,
  );
  return status === "optimal" ? EXIT.ok : EXIT.timeLimit;
}
