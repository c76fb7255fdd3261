import { join } from "node:path";
import { fittedTableText, terminalWidth, type FitColumn } from "../table.ts";
import { invocation } from "../invocation.ts";
import { pc } from "../colors.ts";
import {
  duration,
  isSolved,
  outputFolder,
  round,
  runSensitivity,
  sensitivityCsv,
  sensitivityJson,
  writeOutputs,
  type Perturbation,
  type RunOutcome,
  type SensitivitySummary,
} from "../../index.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { runForAnalysis, type SolveCliOptions } from "../loadAndSolve.ts";
import { setInterruptNote } from "../interrupt.ts";
import { progressBar } from "../progress.ts";

export interface SensitivityCliOptions extends SolveCliOptions {
  readonly samples: number;
  /** Uniform spread as a fraction below 1 (the CLI parses "20%"). */
  readonly spread: number;
  readonly dirichlet?: number;
  readonly seed: number;
  readonly workers?: number;
  readonly out: string;
  readonly top: number;
  readonly force?: boolean;
  readonly json?: boolean;
}

function perturbationOf(options: SensitivityCliOptions): Perturbation {
  return options.dirichlet !== undefined ? { kind: "dirichlet", concentration: options.dirichlet } : { kind: "uniform", spread: options.spread };
}

function describe(p: Perturbation): string {
  return p.kind === "uniform" ? `criterion weights ×U(1 ± ${round(100 * p.spread, 2)}%)` : `criterion weights ~ Dirichlet(${p.concentration} × model weights)`;
}

/** The terminal summary: sites selected at least once (up to `top`), then the selection counts. */
export function renderSensitivity(summary: SensitivitySummary, outcome: RunOutcome, top: number, width: number = terminalWidth()): string {
  const names = new Map(outcome.ranked.map((s) => [s.site.siteId as string, s.site.name]));
  const columns: FitColumn[] = [
    { head: "site" },
    { head: "name", give: "shorten", minWidth: 14 },
    { head: "baseline" },
    { head: "selected", align: "right" },
    { head: "rank range (median)" },
  ];
  const shown = summary.sites.filter((s) => s.selectedCount > 0 || s.baselineSelected).slice(0, top);
  const rows = shown.map((s) => {
    const share = `${(100 * s.selectedShare).toFixed(1)}%`;
    return [
      s.siteId,
      names.get(s.siteId) ?? "",
      s.baselineSelected ? pc.green(`#${s.baselineRank} in`) : `#${s.baselineRank}`,
      s.selectedShare === 1 ? pc.green(share) : share,
      `${s.rankMin}–${s.rankMax} (${s.rankMedian})`,
    ];
  });
  const lines = [
    pc.bold(`${outcome.model.name}: ${summary.samples} samples, ${describe(summary.perturbation)}, seed ${summary.seed}`),
    fittedTableText(columns, rows, width),
  ];
  lines.push(`distinct selections: ${summary.distinctSelections}; the baseline selection in ${(100 * summary.baselineShare).toFixed(1)}% of samples`);
  const unsolved = Object.entries(summary.unsolved);
  if (unsolved.length > 0) lines.push(pc.yellow(`samples without a selection: ${unsolved.map(([k, v]) => `${v} ${k}`).join(", ")}`));
  return lines.join("\n");
}

/** `gigasite sensitivity`: perturb the weights, re-solve, report selection frequency and rank ranges. */
export async function sensitivityCommand(options: SensitivityCliOptions): Promise<ExitCode> {
  const perturbation = perturbationOf(options);
  const outcome = await runForAnalysis(options);
  if (typeof outcome === "number") return outcome;
  if (!isSolved(outcome.result)) {
    throw new CliFailure(`the model has no selection to perturb (${outcome.result.status}); run \`${invocation()} run\` for the reasons`, EXIT.infeasible);
  }
  const bar = progressBar(options.samples, "samples");
  let solved = 0;
  // Samples are solved between turns of the event loop, so Ctrl-C is answered within a sample.
  setInterruptNote(() => `after ${solved} of ${options.samples} samples; nothing written`);
  const run = await runSensitivity(outcome, {
    samples: options.samples,
    perturbation,
    seed: options.seed,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    onProgress: (done) => {
      solved = done;
      bar.update(done);
    },
  });
  bar.stop();
  const dir = outputFolder(options.out, outcome.model.name);
  setInterruptNote(() => `after all ${options.samples} samples, while writing ${join(dir, "sensitivity.csv")} (the previous file or the new one, whole)`);
  ensureWritten(
    await writeOutputs(dir, new Map([["sensitivity.csv", sensitivityCsv(run.summary, outcome)]]), {
      force: options.force ?? false,
      protect: [options.sites, options.model],
    }),
  );
  if (options.json) {
    printJson(sensitivityJson(run.summary, outcome));
    return EXIT.ok;
  }
  process.stdout.write(
    `${renderSensitivity(run.summary, outcome, options.top)}\n${duration(run.wallMs)}: ${run.solvedBy.inline} samples solved in the main thread, ${run.solvedBy.workers} in ${run.workers} worker thread${run.workers === 1 ? "" : "s"}; wrote ${join(dir, "sensitivity.csv")}\n`,
  );
  return EXIT.ok;
}
