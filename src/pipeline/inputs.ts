import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { errorsOf, type InputIssue } from "../core/issues.ts";
import { loadModel } from "../scenario/load.ts";
import { checkBudgetFeasible, checkModelAgainstColumns } from "../scenario/rules.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import { loadSites } from "../sites/load.ts";
import type { SiteTable } from "../sites/types.ts";

export interface RunInputsLoaded {
  readonly table: SiteTable;
  readonly model: ScenarioModel;
  readonly modelSha256: string;
  readonly warnings: readonly InputIssue[];
}

export type InputsResult =
  | { readonly ok: true; readonly value: RunInputsLoaded }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Loads the sites CSV and the model file and checks them against each other, collecting every
 * problem of both files before reporting. The I/O edge of a run: nothing is thrown for bad input.
 * @example const loaded = await loadRunInputs("data/sites.csv", "models/baseline.json"); if (loaded.ok) loaded.value.table.sites.length
 */
export async function loadRunInputs(sitesPath: string, modelPath: string): Promise<InputsResult> {
  const [sites, model] = await Promise.all([loadSites(sitesPath), loadModel(modelPath)]);
  const issues: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  if (sites.ok) warnings.push(...sites.warnings);
  else issues.push(...sites.issues);
  if (model.ok) warnings.push(...model.warnings);
  else issues.push(...model.issues);
  if (sites.ok && model.ok) {
    issues.push(...checkModelAgainstColumns(model.value, sites.value.columns, modelPath));
    issues.push(...checkBudgetFeasible(model.value, sites.value.sites.map((s) => s.capexBn), modelPath));
  }
  const errors = errorsOf(issues);
  if (errors.length > 0 || !sites.ok || !model.ok) return { ok: false, issues: [...issues, ...warnings] };
  const modelBytes = await readFile(modelPath);
  return {
    ok: true,
    value: {
      table: sites.value,
      model: model.value,
      modelSha256: createHash("sha256").update(modelBytes).digest("hex"),
      warnings: [...warnings, ...issues],
    },
  };
}
