/**
 * Worker thread of the sensitivity runner: says it is ready once loaded, then solves one sample
 * per job message until the runner terminates it. Started by sensitivityRun.ts through tsx (it
 * is TypeScript).
 */
import { parentPort, workerData } from "node:worker_threads";
import { solveSample, type SampleResult, type SensitivityBase } from "./sensitivity.ts";

export interface WorkerInput {
  readonly base: SensitivityBase;
}

/** One sample to solve: its index and criterion shares. */
export interface WorkerJob {
  readonly index: number;
  readonly shares: readonly number[];
}

export type WorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "sample"; readonly result: SampleResult }
  | { readonly type: "error"; readonly message: string };

const { base } = workerData as WorkerInput;
const port = parentPort;
if (port) {
  port.on("message", (job: WorkerJob) => {
    solveSample(base, job.shares, job.index).then(
      (result) => port.postMessage({ type: "sample", result } satisfies WorkerMessage),
      (error: unknown) =>
        port.postMessage({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage),
    );
  });
  port.postMessage({ type: "ready" } satisfies WorkerMessage);
}
