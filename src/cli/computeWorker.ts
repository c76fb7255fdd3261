/**
 * The CLI's compute thread: solves what the main thread sends (computeTasks.ts) so that the main
 * thread stays free to answer Ctrl-C while a solver runs. Tasks run one at a time; the outcome
 * of the last `run` is kept for the tasks that analyse it.
 */
import { parentPort } from "node:worker_threads";
import {
  buildReportHtml,
  establishCauses,
  explainSite,
  groupLabel,
  findAlternatives,
  packForThread,
  prepareLayer,
  runScenario,
  sweepModels,
  unpackFromThread,
  type LoadedLayer,
  type RunOutcome,
} from "../index.ts";
import type { ComputeTasks, LayerSource, SolvedModel, TaskError, TaskKind, TaskReply, TaskRequest } from "./computeTasks.ts";
import { InternalError } from "../index.ts";

let kept: RunOutcome | null = null;

function keptOutcome(): RunOutcome {
  if (kept === null) throw new InternalError("the compute thread holds no run outcome");
  return kept;
}

function layerOf(source: LayerSource): LoadedLayer {
  const prepared = prepareLayer(source.spec, source.features, source.file);
  if (!prepared.ok) throw new InternalError(`layer ${source.file} was valid in the main thread and is not here`);
  return { ...prepared.value, totalFeatures: source.totalFeatures };
}

type Handler<K extends TaskKind> = (args: ComputeTasks[K]["args"], tell: (progress: ComputeTasks[K]["progress"]) => void) => Promise<ComputeTasks[K]["result"]>;

const handlers: { readonly [K in TaskKind]: Handler<K> } = {
  run: async (args, tell) => {
    const models: SolvedModel[] = [];
    const onModel = args.collectModels ? { onModel: (step: string, formulation: SolvedModel["formulation"]) => void models.push({ step, formulation }) } : {};
    kept = null;
    const outcome = await runScenario(args.table, args.model, { ...args.options, layers: args.layers.map(layerOf), onProgress: tell, ...onModel });
    kept = outcome;
    return { outcome, models };
  },
  report: (args) => buildReportHtml(keptOutcome(), args.generatedFor, args.options),
  explain: (args) => explainSite(keptOutcome(), args.siteId),
  alternatives: (args, tell) => findAlternatives(keptOutcome().problem, { ...args, onSolve: tell }),
  causes: (args, tell) =>
    establishCauses(args.a, args.b, args.comparison, {
      maxSolves: args.maxSolves,
      onTrial: (done, groups) => tell({ done, labels: groups.map(groupLabel) }),
    }),
  sweep: (args, tell) =>
    sweepModels(
      args.inputs.map((input) => ({ table: input.table, model: input.model, layers: input.layers.map(layerOf) })),
      args.options,
      (done) => tell(done),
    ),
};

function asTaskError(error: unknown): TaskError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const fields = error as Error & { code?: unknown; path?: unknown; syscall?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined ? { stack: error.stack } : {}),
    ...(typeof fields.code === "string" ? { code: fields.code } : {}),
    ...(typeof fields.path === "string" ? { path: fields.path } : {}),
    ...(typeof fields.syscall === "string" ? { syscall: fields.syscall } : {}),
  };
}

const port = parentPort;
if (port) {
  const reply = (message: TaskReply): void => port.postMessage(message);
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (request: TaskRequest) => {
    const handler = handlers[request.kind] as Handler<TaskKind>;
    queue = queue.then(async () => {
      try {
        const tell = (progress: unknown): void => reply({ type: "progress", id: request.id, value: packForThread(progress) });
        const result = await handler(unpackFromThread(request.args) as never, tell);
        reply({ type: "done", id: request.id, value: packForThread(result) });
      } catch (error) {
        reply({ type: "error", id: request.id, error: asTaskError(error) });
      }
    });
  });
}
