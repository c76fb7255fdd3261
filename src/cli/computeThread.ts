/**
 * The CLI solves in a worker thread. A solver works synchronously for up to its time limit, and a
 * JavaScript signal handler only runs when its thread's event loop is free; with the solve in
 * another thread, Ctrl-C and SIGTERM are answered at once (interrupt.ts): the terminal is
 * restored, the note says what was being done and for how long, the process exits 130 and the
 * thread ends with it. The library stays as it is: this file and computeWorker.ts are the shell's.
 */
import { performance } from "node:perf_hooks";
import type { Worker } from "node:worker_threads";
import {
  packForThread,
  startModuleWorker,
  unpackFromThread,
  type Alternatives,
  type Comparison,
  type EditCauses,
  type Explanation,
  type LoadedLayer,
  type ProblemOptions,
  type RunOutcome,
  type RunProgress,
  type RunRecord,
  type Sweep,
} from "../index.ts";
import type { ComputeTasks, SolvedModel, TaskError, TaskKind, TaskReply, TaskRequest } from "./computeTasks.ts";
import { layerSource } from "./computeTasks.ts";
import { onInterrupt, setInterruptNote } from "./interrupt.ts";
import { InternalError } from "../index.ts";

/** A task ended because the compute thread was stopped (watch mode's Ctrl-C), not by failing. */
export class ComputeStopped extends Error {
  constructor() {
    super("computation stopped");
    this.name = "ComputeStopped";
  }
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: (value: unknown) => void;
}

let thread: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;
/** The outcome the thread keeps (the last `run`), as this thread received it. */
let keptOutcome: RunOutcome | null = null;

function errorOf(e: TaskError): Error {
  // A class does not cross threads; a bug stays one by its name, so main.ts can map it by class.
  const base = e.name === "InternalError" ? Object.setPrototypeOf(new Error(e.message), InternalError.prototype) : new Error(e.message);
  const error = Object.assign(base, {
    ...(e.code ? { code: e.code } : {}),
    ...(e.path ? { path: e.path } : {}),
    ...(e.syscall ? { syscall: e.syscall } : {}),
  });
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

function failAll(error: Error): void {
  const waiting = [...pending.values()];
  pending.clear();
  thread = null;
  keptOutcome = null;
  for (const p of waiting) p.reject(error);
}

/** The compute thread, started on first use; while idle it does not keep the process alive. */
function computeThread(): Worker {
  if (thread !== null) return thread;
  const worker = startModuleWorker("computeWorker", import.meta.url);
  worker.on("message", (reply: TaskReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) return;
    if (reply.type === "progress") return p.onProgress(unpackFromThread(reply.value));
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.type === "done") p.resolve(unpackFromThread(reply.value));
    else p.reject(errorOf(reply.error));
  });
  worker.on("error", (error) => {
    if (thread === worker) failAll(error);
  });
  worker.on("exit", (code) => {
    if (thread === worker) failAll(new InternalError(`the compute thread exited (code ${code}) while solving`));
  });
  // After the listeners: adding a "message" listener refs the worker again.
  worker.unref();
  thread = worker;
  return worker;
}

/** Starts the compute thread now, so that it loads while this thread reads the inputs. */
export function warmComputeThread(): void {
  computeThread();
}

/** Ends the compute thread; a task in progress rejects with {@link ComputeStopped}. */
export async function stopComputing(): Promise<void> {
  const worker = thread;
  if (worker === null) return;
  failAll(new ComputeStopped());
  await worker.terminate();
}

/**
 * Runs one task in the compute thread. Meanwhile the interrupt note says what is being done and
 * for how long ("during the solve, after 3.2 s; " and the note that was in place).
 */
async function compute<K extends TaskKind>(
  kind: K,
  args: ComputeTasks[K]["args"],
  what: () => string,
  onProgress: (progress: ComputeTasks[K]["progress"]) => void = () => undefined,
): Promise<ComputeTasks[K]["result"]> {
  const worker = computeThread();
  const started = performance.now();
  const before = setInterruptNote(() => `during ${what()}, after ${((performance.now() - started) / 1000).toFixed(1)} s; ${before()}`);
  const forget = onInterrupt(() => void worker.terminate());
  const id = nextId++;
  try {
    return await new Promise<ComputeTasks[K]["result"]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: onProgress as (value: unknown) => void });
      worker.ref();
      worker.postMessage({ id, kind, args: packForThread(args) } satisfies TaskRequest);
    });
  } finally {
    forget();
    setInterruptNote(before);
  }
}

interface SolveInputsLoaded {
  readonly table: RunOutcome["table"];
  readonly model: RunOutcome["model"];
  readonly layers: readonly LoadedLayer[];
}

export interface SolveOffThreadOptions extends ProblemOptions {
  /** Collect every model solved, for `--export-lp`. */
  readonly collectModels?: boolean;
  readonly onProgress?: (progress: RunProgress) => void;
}

/**
 * `runScenario` in the compute thread.
 * @example const { outcome } = await solveOffThread(loaded.value, { onProgress: drawRunProgress(statusLine()) });
 */
export async function solveOffThread(inputs: SolveInputsLoaded, options: SolveOffThreadOptions = {}): Promise<{ outcome: RunOutcome; models: SolvedModel[] }> {
  const { collectModels, onProgress, ...problemOptions } = options;
  const args = {
    table: inputs.table,
    model: inputs.model,
    layers: inputs.layers.map(layerSource),
    options: problemOptions,
    collectModels: collectModels ?? false,
  };
  const solved = await compute("run", args, () => "the solve", onProgress);
  keptOutcome = solved.outcome;
  return solved;
}

function ensureKept(outcome: RunOutcome): void {
  if (outcome !== keptOutcome) throw new InternalError("the compute thread holds another run's outcome");
}

/** `buildReportHtml` in the compute thread, on the outcome of the last {@link solveOffThread}. */
export async function reportOffThread(
  outcome: RunOutcome,
  generatedFor: ComputeTasks["report"]["args"]["generatedFor"],
  options: ComputeTasks["report"]["args"]["options"],
): Promise<string> {
  ensureKept(outcome);
  return compute("report", { generatedFor, options }, () => "the report's re-solves");
}

/** `explainSite` in the compute thread, on the outcome of the last {@link solveOffThread}. */
export async function explainOffThread(outcome: RunOutcome, siteId: string): Promise<Explanation> {
  ensureKept(outcome);
  return compute("explain", { siteId }, () => `the re-solves with ${siteId} forced in and out`);
}

/** `findAlternatives` in the compute thread, on the problem of the last {@link solveOffThread}. */
export async function alternativesOffThread(
  outcome: RunOutcome,
  options: ComputeTasks["alternatives"]["args"],
  onSolve: (found: number) => void,
): Promise<Alternatives> {
  ensureKept(outcome);
  let found = 0;
  return compute(
    "alternatives",
    options,
    () => `the search for alternatives (${found} of ${options.k} found)`,
    (n) => {
      found = n;
      onSolve(n);
    },
  );
}

/**
 * `establishCauses` in the compute thread: compare's re-solves, so that Ctrl-C ends them at once.
 * `onTrial` is told before each re-solve, with the labels of the edit groups it reverts.
 */
export async function causesOffThread(
  a: RunRecord,
  b: RunRecord,
  comparison: Comparison,
  maxSolves: number,
  onTrial: (done: number, labels: readonly string[]) => void = () => undefined,
): Promise<EditCauses> {
  let done = 0;
  return compute(
    "causes",
    { a, b, comparison, maxSolves },
    () => `the re-solves that establish causes (${done} of at most ${maxSolves} started)`,
    (progress) => {
      done = progress.done + 1;
      onTrial(progress.done, progress.labels);
    },
  );
}

/** `sweepModels` in the compute thread. */
export async function sweepOffThread(inputs: readonly SolveInputsLoaded[], options: ProblemOptions, onModel: (done: number) => void): Promise<Sweep> {
  let done = 0;
  const args = { inputs: inputs.map((i) => ({ table: i.table, model: i.model, layers: i.layers.map(layerSource) })), options };
  return compute(
    "sweep",
    args,
    () => `the sweep (${done} of ${inputs.length} models solved)`,
    (n) => {
      done = n;
      onModel(n);
    },
  );
}
