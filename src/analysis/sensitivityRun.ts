/**
 * Runs a sensitivity analysis on every core: the samples are drawn up front from one seed,
 * split into contiguous blocks, and solved in worker threads; results are put back in sample
 * order, so the answer is the same for any number of workers.
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { RunOutcome } from "../pipeline/run.ts";
import {
  drawSamples,
  sensitivityBase,
  solveSample,
  summarizeSensitivity,
  type Perturbation,
  type SampleResult,
  type SensitivityBase,
  type SensitivitySummary,
} from "./sensitivity.ts";
import type { WorkerInput, WorkerMessage } from "./sensitivityWorker.ts";

export interface SensitivityOptions {
  /** Number of samples (default 200). */
  readonly samples?: number;
  /** Default: uniform ±20%. */
  readonly perturbation?: Perturbation;
  /** Seed of the weight draws (default 1). */
  readonly seed?: number;
  /** Worker threads; 0 or 1 solves in this thread (default: one per core, at most one per sample). */
  readonly workers?: number;
  /** Called after each solved sample. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SensitivityRun {
  readonly summary: SensitivitySummary;
  readonly workers: number;
  /** Wall time of the sampling and solving, ms. */
  readonly wallMs: number;
}

/** Default worker count: one per core, never more than the samples. */
export function defaultWorkers(samples: number): number {
  return Math.max(1, Math.min(availableParallelism(), samples));
}

/**
 * The worker is TypeScript, so it starts from a one-line bootstrap that registers tsx in the new
 * thread and then imports it. `execArgv: ["--import", "tsx"]` does not work here: on Node 20 the
 * hooks are not yet in place when the worker's entry file loads ("Unknown file extension .ts").
 * tsx is resolved from this file, so any working folder works.
 */
function workerBootstrap(): string {
  const require = createRequire(import.meta.url);
  const manifest = require("tsx/package.json") as { exports: Record<string, { import?: { default?: string } }> };
  const apiPath = manifest.exports["./esm/api"]?.import?.default;
  if (apiPath === undefined) throw new Error("tsx/esm/api not found in tsx's package.json (this is a bug)");
  const api = new URL(apiPath, pathToFileURL(require.resolve("tsx/package.json"))).href;
  const entry = new URL("./sensitivityWorker.ts", import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

function solveInWorker(base: SensitivityBase, jobs: WorkerInput["jobs"], onSample: (r: SampleResult) => void, started: Worker[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const workerData: WorkerInput = { base, jobs };
    const worker = new Worker(workerBootstrap(), { eval: true, workerData });
    started.push(worker);
    let received = 0;
    let failed = false;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "error") {
        failed = true;
        reject(new Error(`sensitivity worker failed: ${message.message}`));
        void worker.terminate();
        return;
      }
      received++;
      onSample(message.result);
    });
    worker.on("error", (error) => {
      failed = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (failed) return;
      if (received === jobs.length) resolve();
      else reject(new Error(`sensitivity worker exited (code ${code}) after ${received} of ${jobs.length} samples`));
    });
  });
}

/**
 * Perturbs the weights of a run's model over `samples` draws, re-solves each (warm: no
 * re-loading, re-screening or re-scoring), and summarizes.
 * @example const { summary } = await runSensitivity(outcome, { samples: 200, seed: 1 }); summary.distinctSelections
 */
export async function runSensitivity(outcome: RunOutcome, options: SensitivityOptions = {}): Promise<SensitivityRun> {
  const started = performance.now();
  const samples = options.samples ?? 200;
  const perturbation = options.perturbation ?? { kind: "uniform", spread: 0.2 };
  const seed = options.seed ?? 1;
  const base = sensitivityBase(outcome);
  const shares = drawSamples(base.baseShares, perturbation, samples, seed);
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(samples), samples));
  const results: SampleResult[] = new Array<SampleResult>(samples);
  let done = 0;
  const record = (r: SampleResult): void => {
    results[r.index] = r;
    options.onProgress?.(++done, samples);
  };
  if (workers <= 1 || samples <= 1) {
    for (let i = 0; i < samples; i++) record(await solveSample(base, shares[i] ?? base.baseShares, i));
  } else {
    const size = Math.ceil(samples / workers);
    const blocks = Array.from({ length: workers }, (_, w) =>
      shares.slice(w * size, (w + 1) * size).map((s, j) => [w * size + j, s] as const),
    ).filter((b) => b.length > 0);
    const started: Worker[] = [];
    try {
      await Promise.all(blocks.map((jobs) => solveInWorker(base, jobs, record, started)));
    } catch (error) {
      // One worker failed: stop the others so the process does not linger on work nobody reads.
      await Promise.all(started.map((w) => w.terminate()));
      throw error;
    }
  }
  const r = outcome.result;
  const baseline = r.status === "optimal" || r.status === "time_limit" ? r.selected : [];
  const summary = summarizeSensitivity(base, baseline, results, { perturbation, seed });
  return { summary, workers, wallMs: performance.now() - started };
}
