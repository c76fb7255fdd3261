import { join } from "node:path";
import { nonNegativeInteger, positiveInteger, positiveNumber } from "../parse.ts";
import cliProgress from "cli-progress";
import Table from "cli-table3";
import type { Command } from "commander";
import { pc } from "../colors.ts";
import { sensitivityCsv } from "../../analysis/outputs.ts";
import type { Perturbation, SensitivitySummary } from "../../analysis/sensitivity.ts";
import { runSensitivity } from "../../analysis/sensitivityRun.ts";
import type { RunOutcome } from "../../pipeline/run.ts";
import { duration, round } from "../../report/format.ts";
import { writeOutputs } from "../../report/write.ts";
import { outputFolder } from "../../output/names.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { runForAnalysis, solveOptions, type SolveCliOptions } from "./explain.ts";

export interface SensitivityCliOptions extends SolveCliOptions {
  readonly samples: number;
  readonly spread: string;
  readonly dirichlet?: number;
  readonly seed: number;
  readonly workers?: number;
  readonly out: string;
  readonly top: number;
  readonly force?: boolean;
}

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when both stdout and stderr are a terminal; nothing when either is
 * piped or redirected (a bar would garble a pager or a log file).
 * @example const bar = progressBar(200, "samples"); bar.update(1); bar.stop();
 */
export function progressBar(total: number, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || !process.stdout.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: `{bar} {value}/{total} ${unit}  eta {eta_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/**
 * "20%" or "0.2" as a fraction; null when it is neither.
 * @example parseFraction("2%") // 0.02
 */
export function parseFraction(text: string): number | null {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const value = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === "" || trimmed === "%" || !Number.isFinite(value) || value < 0) return null;
  return percent ? value / 100 : value;
}

function perturbationOf(options: SensitivityCliOptions): Perturbation {
  if (options.dirichlet !== undefined) {
    if (!Number.isFinite(options.dirichlet) || options.dirichlet <= 0) throw new CliFailure(`--dirichlet expects a concentration > 0, found ${String(options.dirichlet)}`, EXIT.badInput);
    return { kind: "dirichlet", concentration: options.dirichlet };
  }
  const spread = parseFraction(options.spread);
  if (spread === null || spread >= 1) throw new CliFailure(`--spread expects a fraction below 100% such as 20% or 0.2, found ${options.spread}`, EXIT.badInput);
  return { kind: "uniform", spread };
}

function describe(p: Perturbation): string {
  return p.kind === "uniform" ? `criterion weights ×U(1 ± ${round(100 * p.spread, 2)}%)` : `criterion weights ~ Dirichlet(${p.concentration} × model weights)`;
}

/** The terminal summary: sites selected at least once (up to `top`), then the selection counts. */
export function renderSensitivity(summary: SensitivitySummary, outcome: RunOutcome, top: number): string {
  const names = new Map(outcome.ranked.map((s) => [s.site.siteId as string, s.site.name]));
  const table = new Table({
    head: ["site", "name", "baseline", "selected", "rank range (median)"],
    colAligns: ["left", "left", "left", "right", "left"],
    style: { head: [], border: [], compact: true },
  });
  const shown = summary.sites.filter((s) => s.selectedCount > 0 || s.baselineSelected).slice(0, top);
  for (const s of shown) {
    const share = `${(100 * s.selectedShare).toFixed(1)}%`;
    table.push([s.siteId, names.get(s.siteId) ?? "", s.baselineSelected ? pc.green(`#${s.baselineRank} in`) : `#${s.baselineRank}`, s.selectedShare === 1 ? pc.green(share) : share, `${s.rankMin}–${s.rankMax} (${s.rankMedian})`]);
  }
  const lines = [pc.bold(`${outcome.model.name}: ${summary.samples} samples, ${describe(summary.perturbation)}, seed ${summary.seed}`), table.toString()];
  lines.push(`distinct selections: ${summary.distinctSelections}; the baseline selection in ${(100 * summary.baselineShare).toFixed(1)}% of samples`);
  const unsolved = Object.entries(summary.unsolved);
  if (unsolved.length > 0) lines.push(pc.yellow(`samples without a selection: ${unsolved.map(([k, v]) => `${v} ${k}`).join(", ")}`));
  return lines.join("\n");
}

/** `gigasite sensitivity`: perturb the weights, re-solve, report selection frequency and rank ranges. */
export async function sensitivityCommand(options: SensitivityCliOptions): Promise<ExitCode> {
  if (!Number.isInteger(options.samples) || options.samples < 1) throw new CliFailure(`--samples expects a whole number >= 1, found ${String(options.samples)}`, EXIT.badInput);
  if (!Number.isInteger(options.seed)) throw new CliFailure(`--seed expects a whole number, found ${String(options.seed)}`, EXIT.badInput);
  if (options.workers !== undefined && (!Number.isInteger(options.workers) || options.workers < 0)) throw new CliFailure(`--workers expects a whole number >= 0`, EXIT.badInput);
  const perturbation = perturbationOf(options);
  const outcome = await runForAnalysis(options);
  if (typeof outcome === "number") return outcome;
  if (outcome.result.status !== "optimal" && outcome.result.status !== "time_limit") {
    throw new CliFailure(`the model has no selection to perturb (${outcome.result.status}); run \`gigasite run\` for the reasons`, EXIT.infeasible);
  }
  const bar = progressBar(options.samples, "samples");
  const run = await runSensitivity(outcome, {
    samples: options.samples,
    perturbation,
    seed: options.seed,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  const dir = outputFolder(options.out, outcome.model.name);
  ensureWritten(await writeOutputs(dir, new Map([["sensitivity.csv", sensitivityCsv(run.summary, outcome)]]), { force: options.force ?? false, protect: [options.sites, options.model] }));
  process.stdout.write(`${renderSensitivity(run.summary, outcome, options.top)}\n${duration(run.wallMs)}: ${run.solvedBy.inline} samples solved in the main thread, ${run.solvedBy.workers} in ${run.workers} worker thread${run.workers === 1 ? "" : "s"}; wrote ${join(dir, "sensitivity.csv")}\n`);
  return EXIT.ok;
}

export function registerSensitivity(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  solveOptions(program.command("sensitivity").description("perturb the criterion weights, re-solve each sample, report how often each site is chosen"))
    .option("--samples <n>", "number of weight samples", positiveInteger, 200)
    .option("--spread <fraction>", "uniform perturbation of each criterion weight, e.g. 20% or 0.2", "20%")
    .option("--dirichlet <concentration>", "draw weights from Dirichlet(concentration × model weights) instead, e.g. 200", positiveNumber)
    .option("--seed <n>", "seed of the weight draws", nonNegativeInteger, 1)
    .option("--workers <n>", "worker threads besides the main one, which solves too (default: cores − 1)", nonNegativeInteger)
    .option("--out <dir>", "output folder: writes <dir>/<model>/sensitivity.csv", "out")
    .option("--top <n>", "sites shown in the terminal table", positiveInteger, 25)
    .option("--force", "write into a folder that holds files gigasite did not write")
    .action((opts: SensitivityCliOptions) => act(() => sensitivityCommand(opts)));
}
