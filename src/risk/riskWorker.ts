/**
 * Worker thread of the delay-risk evaluation: evaluates one block of samples per job message
 * until the runner terminates it. Started by evaluateRun.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { evaluateSamples, type PlanRiskBase, type SampleBlock } from "./evaluate.ts";

export interface RiskWorkerInput {
  readonly base: PlanRiskBase;
}

export interface RiskWorkerJob {
  readonly from: number;
  readonly to: number;
}

export type RiskWorkerMessage =
  | { readonly type: "block"; readonly block: SampleBlock }
  | { readonly type: "error"; readonly message: string }
  | { readonly type: "ready" };

const { base } = workerData as RiskWorkerInput;
const port = parentPort;
if (port) {
  port.on("message", (job: RiskWorkerJob) => {
    try {
      port.postMessage({ type: "block", block: evaluateSamples(base, job.from, job.to) } satisfies RiskWorkerMessage);
    } catch (error) {
      port.postMessage({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RiskWorkerMessage);
    }
  });
  port.postMessage({ type: "ready" } satisfies RiskWorkerMessage);
}
