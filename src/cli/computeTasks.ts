/**
 * The work the CLI hands to its compute thread (see computeThread.ts): each task's arguments,
 * the progress it reports and its result, all plain data that crosses the thread boundary.
 */
import type {
  Alternatives,
  BuildReportOptions,
  Comparison,
  EditCauses,
  RunRecord,
  Explanation,
  Formulation,
  LoadedLayer,
  ProblemOptions,
  ReportExtras,
  RunOutcome,
  RunProgress,
  ScenarioModel,
  SiteTable,
  Sweep,
  ThreadMessage,
} from "../index.ts";

/**
 * A loaded layer without its spatial index (a class instance that no thread message keeps);
 * the compute thread builds the index again from the same features.
 */
export interface LayerSource {
  readonly spec: LoadedLayer["spec"];
  readonly file: string;
  readonly features: LoadedLayer["features"];
  readonly totalFeatures: number;
}

export const layerSource = (layer: LoadedLayer): LayerSource => ({
  spec: layer.spec,
  file: layer.file,
  features: layer.features,
  totalFeatures: layer.totalFeatures,
});

export interface SolveInputs {
  readonly table: SiteTable;
  readonly model: ScenarioModel;
  readonly layers: readonly LayerSource[];
}

/** A model the run solved, for `--export-lp`. */
export interface SolvedModel {
  readonly step: string;
  readonly formulation: Formulation;
}

/** Every task: `args` sent, `progress` reported while it runs, `result` sent back. */
export interface ComputeTasks {
  /** runScenario on one table and model; the thread keeps the outcome for the tasks below. */
  readonly run: {
    args: SolveInputs & { readonly options: ProblemOptions; readonly collectModels: boolean };
    progress: RunProgress;
    result: { outcome: RunOutcome; models: SolvedModel[] };
  };
  /** buildReportHtml on the kept outcome (the trade-off chart re-solves). */
  readonly report: { args: { readonly generatedFor: ReportExtras["generatedFor"]; readonly options: BuildReportOptions }; progress: never; result: string };
  /** explainSite on the kept outcome (re-solves with the site forced in or out). */
  readonly explain: { args: { readonly siteId: string }; progress: never; result: Explanation };
  /** findAlternatives on the kept outcome's problem; progress is the count found so far. */
  readonly alternatives: { args: { readonly k: number; readonly withinFraction?: number }; progress: number; result: Alternatives };
  /** establishCauses: re-solves of B's inputs with edits reverted; progress is the count of re-solves started and the groups reverted. */
  readonly causes: {
    args: { readonly a: RunRecord; readonly b: RunRecord; readonly comparison: Comparison; readonly maxSolves: number };
    progress: { readonly done: number; readonly labels: readonly string[] };
    result: EditCauses;
  };
  /** sweepModels; progress is the count of models done. */
  readonly sweep: { args: { readonly inputs: readonly SolveInputs[]; readonly options: ProblemOptions }; progress: number; result: Sweep };
}

export type TaskKind = keyof ComputeTasks;

/** Main thread → compute thread. */
export interface TaskRequest {
  readonly id: number;
  readonly kind: TaskKind;
  readonly args: ThreadMessage<unknown>;
}

/** An error thrown by a task, as data (an Error's class and extra fields do not cross threads). */
export interface TaskError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly path?: string;
  readonly syscall?: string;
}

/** Compute thread → main thread. */
export type TaskReply =
  | { readonly type: "progress"; readonly id: number; readonly value: ThreadMessage<unknown> }
  | { readonly type: "done"; readonly id: number; readonly value: ThreadMessage<unknown> }
  | { readonly type: "error"; readonly id: number; readonly error: TaskError };
