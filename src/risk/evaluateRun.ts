/**
 * Runs a plan's delay-risk evaluation in blocks of samples, in this thread and in worker
 * threads. Each sample's draws come from (seed, sample index) alone and the blocks are summed in
 * sample order, so the answer is the same for any number of workers.
 */
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../core/moduleWorker.ts";
import { evaluateSamples, type PlanRiskBase, type SampleBlock } from "./evaluate.ts";
import { summarizeRisk, type RiskSummary } from "./summary.ts";
import type { RiskWorkerJob, RiskWorkerMessage } from "./riskWorker.ts";

export interface EvaluateRiskOptions {
  readonly samples: number;
  /** Worker threads besides this one (default 0). */
  readonly workers?: number;
  /** Evaluate in this thread too (default true); false leaves every block to the workers (at least one). */
  readonly inline?: boolean;
  /** Samples per block (default 500). */
  readonly blockSize?: number;
  /** Called after each block with the samples done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RiskRun {
  readonly summary: RiskSummary;
  readonly workers: number;
  /** Samples evaluated in this thread and in worker threads. */
  readonly evaluatedBy: { readonly inline: number; readonly workers: number };
  readonly wallMs: number;
}

/**
 * Evaluates `samples` samples of the plan and summarizes them.
 * @example const { summary } = await evaluatePlanRisk(base, { samples: 10_000, workers: 1 }); summary.probabilityAllMet
 */
export async function evaluatePlanRisk(base: PlanRiskBase, options: EvaluateRiskOptions): Promise<RiskRun> {
  const started = performance.now();
  const samples = options.samples;
  const blockSize = Math.max(1, options.blockSize ?? 500);
  const jobs: RiskWorkerJob[] = [];
  for (let from = 0; from < samples; from += blockSize) jobs.push({ from, to: Math.min(samples, from + blockSize) });
  const inline = options.inline ?? true;
  const workerCount = inline ? Math.max(0, Math.min(options.workers ?? 0, jobs.length - 1)) : Math.max(1, Math.min(options.workers ?? 1, jobs.length));
  const blocks: SampleBlock[] = [];
  const by = { inline: 0, workers: 0 };
  let done = 0;
  const record = (block: SampleBlock, byWorker: boolean): void => {
    blocks.push(block);
    const count = block.minHeadroomBn.length;
    done += count;
    if (byWorker) by.workers += count;
    else by.inline += count;
    options.onProgress?.(done, samples);
  };
  let next = 0;
  const take = (): RiskWorkerJob | undefined => jobs[next++];
  const workers: Worker[] = [];
  let failure: Error | null = null;
  const finished = Array.from(
    { length: workerCount },
    () =>
      new Promise<void>((resolve) => {
        const worker = startModuleWorker("riskWorker", import.meta.url, { workerData: { base } });
        workers.push(worker);
        let busy = false;
        const feed = (): void => {
          const job = failure === null ? take() : undefined;
          busy = job !== undefined;
          if (job === undefined) void worker.terminate();
          else worker.postMessage(job);
        };
        worker.on("message", (message: RiskWorkerMessage) => {
          if (message.type === "error") failure ??= new Error(`risk worker failed: ${message.message}`);
          else if (message.type === "block") record(message.block, true);
          if (message.type === "error") void worker.terminate();
          else feed();
        });
        worker.on("error", (error) => {
          failure ??= error;
        });
        worker.on("exit", (code) => {
          if (busy && failure === null) failure = new Error(`risk worker exited (code ${code}) during a block`);
          resolve();
        });
      }),
  );
  for (let job = inline ? take() : undefined; job !== undefined && failure === null; job = take()) {
    record(evaluateSamples(base, job.from, job.to), false);
    // Let worker messages in between blocks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  if (failure !== null) throw failure;
  return { summary: summarizeRisk(base, blocks), workers: workerCount, evaluatedBy: by, wallMs: performance.now() - started };
}
