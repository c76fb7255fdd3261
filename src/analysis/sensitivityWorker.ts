/**
 * Worker thread of the sensitivity runner: solves its share of the samples and reports each one
 * as it finishes. Started by sensitivityRun.ts through tsx (it is TypeScript).
 */
import { parentPort, workerData } from "node:worker_threads";
import { solveSample, type SensitivityBase } from "./sensitivity.ts";

export interface WorkerInput {
  readonly base: SensitivityBase;
  /** [sample index, criterion shares] pairs this worker solves, in order. */
  readonly jobs: readonly (readonly [number, readonly number[]])[];
}

export type WorkerMessage =
  | { readonly type: "sample"; readonly result: Awaited<ReturnType<typeof solveSample>> }
  | { readonly type: "error"; readonly message: string };

const input = workerData as WorkerInput;
const port = parentPort;
if (port) {
  try {
    for (const [index, shares] of input.jobs) {
      const result = await solveSample(input.base, shares, index);
      port.postMessage({ type: "sample", result } satisfies WorkerMessage);
    }
  } catch (error) {
    port.postMessage({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage);
  }
}
