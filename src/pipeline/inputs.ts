import { appendAll } from "../core/arrays.ts";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { capIssues, errorsOf, type InputIssue } from "../core/issues.ts";
import { loadModel } from "../scenario/load.ts";
import { parseModelJson, type ModelParseOptions } from "../scenario/parse.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import { loadSites } from "../sites/load.ts";
import type { SiteTable } from "../sites/types.ts";
import { checkLayerSpecs } from "../layers/apply.ts";
import { checkSiteCoordinates } from "../layers/coordinates.ts";
import type { LoadedLayer } from "../layers/layer.ts";
import { loadLayers } from "../layers/load.ts";

export interface RunInputsLoaded {
  readonly table: SiteTable;
  readonly model: ScenarioModel;
  readonly modelSha256: string;
  /** GeoJSON layers the model lists, read and indexed (empty when it lists none). */
  readonly layers: readonly LoadedLayer[];
  readonly warnings: readonly InputIssue[];
}

export interface LoadRunInputsOptions {
  /** A site outside the state it names is an error rather than a warning. */
  readonly strict?: boolean;
  /** The sites CSV already read (e.g. from standard input); `sitesPath` then only names it. */
  readonly sitesBytes?: Uint8Array;
}

export type InputsResult = { readonly ok: true; readonly value: RunInputsLoaded } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Loads the sites CSV and the model file and checks them against each other, collecting every
 * problem of both files before reporting. The I/O edge of a run: nothing is thrown for bad input.
 * @example const loaded = await loadRunInputs("data/sites.csv", "models/baseline.json"); if (loaded.ok) loaded.value.table.sites.length
 */
export async function loadRunInputs(sitesPath: string, modelPath: string, options: LoadRunInputsOptions = {}): Promise<InputsResult> {
  // The model is checked against the sites (columns, locked ids, budget) where they loaded, so
  // those issues carry the model's line and column like any other.
  const sites = await loadSites(sitesPath, options.sitesBytes);
  const against = sites.ok ? modelChecksAgainst(sites.value) : {};
  const model = await loadModel(modelPath, against);
  const issues: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  if (sites.ok) appendAll(warnings, sites.warnings);
  else appendAll(issues, sites.issues);
  if (model.ok) appendAll(warnings, model.warnings);
  else appendAll(issues, model.issues);
  let layers: LoadedLayer[] = [];
  if (sites.ok) appendAll(issues, checkSiteCoordinates(sites.value.sites, sitesPath, { strict: options.strict ?? false }));
  if (model.ok) {
    const loadedLayers = await loadLayers(model.value, modelPath);
    if (loadedLayers.ok) {
      layers = loadedLayers.value;
      appendAll(warnings, loadedLayers.warnings);
    } else appendAll(issues, loadedLayers.issues);
  }
  if (sites.ok && model.ok) appendAll(warnings, knownDatesBeforeStart(sites.value, model.value));
  if (sites.ok && model.ok) {
    appendAll(
      issues,
      checkLayerSpecs(model.value, modelPath, sites.value.columns).filter((i) => i.code === "column_exists"),
    );
  }
  const errors = errorsOf(issues);
  if (errors.length > 0 || !sites.ok || !model.ok) return { ok: false, issues: capIssues([...issues, ...warnings]) };
  const modelBytes = await readFile(modelPath);
  return {
    ok: true,
    value: {
      table: sites.value,
      model: model.value,
      modelSha256: createHash("sha256").update(modelBytes).digest("hex"),
      layers,
      warnings: capIssues([...warnings, ...issues]),
    },
  };
}

/**
 * Checks a model built or changed in code, and the table it will run on, as strictly as
 * `loadRunInputs` checks files: schema, model rules, column names and budget. Pure. Issue lines
 * refer to the model as pretty-printed JSON (`JSON.stringify(model, null, 2)`).
 * @example const issues = checkRunInputs(table, { ...model, criteria: [...model.criteria, extra] }); errorsOf(issues).length === 0
 */
export function checkRunInputs(table: SiteTable, model: ScenarioModel, modelFile = "(model in memory)"): InputIssue[] {
  const parsed = parseModelJson(JSON.stringify(model, null, 2), modelFile, modelChecksAgainst(table));
  return parsed.ok ? [...parsed.warnings] : [...parsed.issues];
}

/** What a model is checked against in the sites it runs on: columns, site ids, regions, grid zones, capexes. */
function modelChecksAgainst(table: SiteTable): ModelParseOptions {
  return {
    columns: table.columns,
    siteIds: table.sites.map((s) => s.siteId),
    regions: table.sites.map((s) => s.region),
    gridZones: table.sites.map((s) => s.gridZone),
    capexesBn: table.sites.map((s) => s.capexBn),
  };
}

/**
 * Sites whose `earliest_online_date` is before the plan's start: the plan takes them as ready at
 * its start, which is right for a site already live but hides a typo in the year; a warning each.
 * @example knownDatesBeforeStart(table, model) // [{ code: "online_before_start", line: 12, … }]
 */
export function knownDatesBeforeStart(table: SiteTable, model: ScenarioModel): InputIssue[] {
  const start = model.schedule?.startDate;
  if (start === undefined) return [];
  const issues: InputIssue[] = [];
  for (const site of table.sites) {
    if (site.earliestOnlineDate === null || site.earliestOnlineDate >= start) continue;
    issues.push({
      file: table.file,
      line: site.line,
      column: "earliest_online_date",
      code: "online_before_start",
      message: `${site.earliestOnlineDate} is before the plan's start (${start}): the site is taken as ready at the start`,
      severity: "warning",
    });
  }
  return issues;
}
