/**
 * What a run reports while it works, for a caller that shows progress (the CLI draws it on a
 * terminal). Pure data: the pipeline calls the callback and never prints.
 */
export type RunStage = "screen" | "score" | "solve" | "verify" | "done";

export interface RunProgress {
  /** The stage that starts now ("done" once the run is complete). */
  readonly stage: RunStage;
  /** Since the run started, ms. */
  readonly elapsedMs: number;
  /** Candidates going into the solve (from "solve" on). */
  readonly candidates?: number;
  /** Solve time limit, ms (from "solve" on). */
  readonly timeLimitMs?: number;
  /** Best objective found so far, its bound and relative gap; null until the solver has one. */
  readonly bestObjective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
}

/**
 * Called at each stage and, once the optimizer reports from inside a solve, while it works. It
 * runs on the solving thread: keep it quick (draw a line, no I/O waits).
 */
export type OnRunProgress = (progress: RunProgress) => void;
