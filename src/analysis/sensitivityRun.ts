/**
 * Runs a sensitivity analysis on every core. The samples are drawn up front from one seed and
 * put in a queue; this thread starts solving at once while worker threads load, and each worker
 * takes the next sample whenever it is free. Results are put back in sample order, so the answer
 * is the same for any number of threads, and a short run never waits for a worker to start.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../core/moduleWorker.ts";
import { isSolved } from "../optimize/types.ts";
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
import type { WorkerInput, WorkerJob, WorkerMessage } from "./sensitivityWorker.ts";

export interface SensitivityOptions {
  /** Number of samples (default 200). */
  readonly samples?: number;
  /** Default: uniform ±20%. */
  readonly perturbation?: Perturbation;
  /** Seed of the weight draws (default 1). */
  readonly seed?: number;
  /** Worker threads to start (default: one per core beyond this one). */
  readonly workers?: number;
  /** Solve in this thread too, while the workers start (default true). */
  readonly inline?: boolean;
  /** Called after each solved sample. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SensitivityRun {
  readonly summary: SensitivitySummary;
  /** Samples solved in this thread and in worker threads. */
  readonly solvedBy: { readonly inline: number; readonly workers: number };
  /** Worker threads started. */
  readonly workers: number;
  /** Wall time of the sampling and solving, ms. */
  readonly wallMs: number;
}

/**
 * Default worker threads: one per core beyond this thread.
 * @example defaultWorkers() // 1 on a two-core machine
 */
export function defaultWorkers(): number {
  return Math.max(0, availableParallelism() - 1);
}

/** Starts a worker thread on sensitivityWorker (JavaScript when compiled, TypeScript through tsx). */
function startWorker(workerData: WorkerInput): Worker {
  return startModuleWorker("sensitivityWorker", import.meta.url, { workerData });
}

/**
 * Solves the queued samples in `workerCount` worker threads and, when `inline`, in this thread.
 * Idle workers are stopped as soon as the queue is empty, so a short run never waits for a
 * worker to finish starting. Rejects (and stops every worker) when a sample fails.
 */
async function solveQueue(
  base: SensitivityBase,
  shares: readonly (readonly number[])[],
  workerCount: number,
  inline: boolean,
  record: (r: SampleResult, byWorker: boolean) => void,
): Promise<void> {
  let next = 0;
  const take = (): number | undefined => (next < shares.length ? next++ : undefined);
  const busy = new Map<Worker, number | undefined>();
  let failed = false;
  const finished = Array.from(
    { length: workerCount },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = startWorker({ base });
        busy.set(worker, undefined);
        const feed = (): void => {
          const index = failed ? undefined : take();
          busy.set(worker, index);
          if (index === undefined) void worker.terminate();
          else worker.postMessage({ index, shares: shares[index] ?? [] } satisfies WorkerJob);
        };
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "error") reject(new Error(`sensitivity worker failed: ${message.message}`));
          else {
            if (message.type === "sample") record(message.result, true);
            feed();
          }
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          const index = busy.get(worker);
          if (index === undefined || failed) resolve();
          else reject(new Error(`sensitivity worker exited (code ${code}) while solving sample ${index}`));
        });
      }),
  );
  const stopAll = (): Promise<unknown> => Promise.all([...busy.keys()].map((w) => w.terminate()));
  const workersDone = Promise.all(finished).catch(async (error: unknown) => {
    failed = true;
    await stopAll();
    throw error;
  });
  workersDone.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  try {
    for (let i = inline ? take() : undefined; i !== undefined && !failed; i = take()) {
      record(await solveSample(base, shares[i] ?? [], i), false);
      // Let worker messages in between samples: a sample's solve never yields on its own.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    failed = true;
    await stopAll();
    throw error;
  }
  // The queue is empty (or this thread does not solve): stop the workers that hold no sample.
  if (inline) await Promise.all([...busy].filter(([, index]) => index === undefined).map(([w]) => w.terminate()));
  await workersDone;
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
  const inline = options.inline ?? true;
  const workers = Math.max(inline ? 0 : 1, Math.min(options.workers ?? defaultWorkers(), samples));
  const results: SampleResult[] = new Array<SampleResult>(samples);
  const solvedBy = { inline: 0, workers: 0 };
  const record = (r: SampleResult, byWorker: boolean): void => {
    results[r.index] = r;
    if (byWorker) solvedBy.workers++;
    else solvedBy.inline++;
    options.onProgress?.(solvedBy.inline + solvedBy.workers, samples);
  };
  await solveQueue(base, shares, workers, inline, record);
  const r = outcome.result;
  const baseline = isSolved(r) ? r.selected : [];
  const summary = summarizeSensitivity(base, baseline, results, { perturbation, seed });
  return { summary, solvedBy, workers, wallMs: performance.now() - started };
}
