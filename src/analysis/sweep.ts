import { isSolved, type ProblemObjective } from "../optimize/types.ts";
/**
 * One sites table under several models: per model the status, objective and selection, then the
 * robust core (sites every model chose) and the sites only one model chose.
 */
import type { LoadedLayer } from "../layers/layer.ts";
import { budgetUsedBn, runScenario, type RunOutcome } from "../pipeline/run.ts";
import type { ProblemOptions } from "../pipeline/problem.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import type { SiteId, SiteTable } from "../sites/types.ts";

export interface SweepRow {
  readonly model: string;
  readonly status: RunOutcome["result"]["status"];
  readonly objectiveKind: ProblemObjective["kind"];
  /** Null without a selection. */
  readonly objective: number | null;
  readonly budgetBn: number;
  readonly budgetUsedBn: number | null;
  /** In slot order when the model has a schedule; empty without a selection. */
  readonly selected: readonly SiteId[];
  readonly solveMs: number;
}

export interface Sweep {
  readonly rows: readonly SweepRow[];
  /** Sites selected by every model that has a selection, sorted by id. */
  readonly robustCore: readonly SiteId[];
  /** Sites selected by exactly one model, with that model, sorted by id. */
  readonly uniqueTo: readonly { readonly siteId: SiteId; readonly model: string }[];
  /** Models without a selection (infeasible, no solution): left out of the core. */
  readonly withoutSelection: readonly string[];
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The row of one run's outcome.
 * @example sweepRowOf(await runScenario(table, model)).selected.length // 10
 */
export function sweepRowOf(outcome: RunOutcome): SweepRow {
  const r = outcome.result;
  const solved = isSolved(r) ? r : null;
  return {
    model: outcome.model.name,
    status: r.status,
    objectiveKind: outcome.problem.objective.kind,
    objective: solved?.objective ?? null,
    budgetBn: outcome.problem.budgetBn,
    budgetUsedBn: budgetUsedBn(outcome),
    selected: solved?.selected ?? [],
    solveMs: outcome.timingsMs.solve,
  };
}

/**
 * Robust core and single-model sites of a set of rows (pure, no solving).
 * @example summarizeSweep(rows).robustCore // ["S0152", "S0542"]
 */
export function summarizeSweep(rows: readonly SweepRow[]): Sweep {
  const solved = rows.filter(isSolved);
  const chosenBy = new Map<SiteId, string[]>();
  for (const row of solved) for (const id of new Set(row.selected)) chosenBy.set(id, [...(chosenBy.get(id) ?? []), row.model]);
  const robustCore = solved.length === 0 ? [] : [...chosenBy].filter(([, models]) => models.length === solved.length).map(([id]) => id);
  const uniqueTo = [...chosenBy]
    .filter(([, models]) => models.length === 1 && solved.length > 1)
    .map(([siteId, models]) => ({ siteId, model: models[0] as string }));
  return {
    rows,
    robustCore: robustCore.sort(byId),
    uniqueTo: uniqueTo.sort((a, b) => byId(a.siteId, b.siteId)),
    withoutSelection: rows.filter((r) => !isSolved(r)).map((r) => r.model),
  };
}

/** One model to sweep and the table it runs on: pass the same table object for every model to load the CSV once. */
export interface SweepInput {
  readonly table: SiteTable;
  readonly model: ScenarioModel;
  /** The model's GeoJSON layers, as `loadRunInputs` returns them. */
  readonly layers?: readonly LoadedLayer[];
}

/**
 * Runs each model on its table in turn and summarizes. `onModel` is called after each model,
 * e.g. for a progress bar.
 * @example const sweep = await sweepModels([{ table, model: baseline }, { table, model: speedFirst }]); sweep.robustCore
 */
export async function sweepModels(
  inputs: readonly SweepInput[],
  options: ProblemOptions = {},
  onModel?: (done: number, outcome: RunOutcome) => void,
): Promise<Sweep> {
  const rows: SweepRow[] = [];
  for (const { table, model, layers } of inputs) {
    const outcome = await runScenario(table, model, { ...options, ...(layers ? { layers } : {}) });
    rows.push(sweepRowOf(outcome));
    onModel?.(rows.length, outcome);
  }
  return summarizeSweep(rows);
}
