/**
 * gigasite as a library: the curated surface a script author uses. The CLI is built on it and
 * imports nothing else of the library (test/architecture/layering.test.ts holds it to that).
 *
 * Every function here is pure over typed data except the I/O edges named as such (`load*`,
 * `validateSitesFile`, `runFromFiles`, `writeRun`, `writeOutputs`, `writeOwnedFile`, `readRun`). Inputs are
 * never mutated. Expected outcomes are values: loaders return `{ ok, value | issues }`,
 * `runFromFiles` returns `{ status: "ran" | "invalid" }`, solver results carry `status`
 * (`optimal`, `time_limit`, `no_solution`, `infeasible`), writers return `{ status: "written" | "refused" | "failed" }`.
 * Only programmer errors (e.g. editing a column the table does not have) throw.
 *
 * @example
 * import { runFromFiles, formatIssue } from "./src/index.ts";
 * const run = await runFromFiles("data/sites.csv", "models/baseline.json");
 * if (run.status === "invalid") console.error(run.issues.map(formatIssue).join("\n"));
 * else if (run.outcome.result.status === "optimal") console.log(run.outcome.result.selected);
 */

// Issues: how every loader reports bad input.
export { errorsOf, formatIssue, issuesToJson } from "./core/issues.ts";
export type { InputIssue, Loaded, Severity } from "./core/issues.ts";

// How figures, CSV cells, terminal text and file-system failures are written, the same everywhere.
export { duration, money, pct, probability, round } from "./core/format.ts";
export { csvCell, readCsvText, toCsv } from "./core/csv.ts";
export type { CsvCell } from "./core/csv.ts";
export { cleanText } from "./core/terminalText.ts";
export { describeFsError, FsFailure } from "./core/fsErrors.ts";
export type { FsProblem } from "./core/fsErrors.ts";

// Sites: load, validate, edit in memory.
export { loadSites, validateSitesFile } from "./sites/load.ts";
export type { SitesFileReport } from "./sites/load.ts";
export { parseSitesCsv } from "./sites/parse.ts";
export { addColumn, editSites } from "./sites/edit.ts";
export type { SitePatch } from "./sites/edit.ts";
export { asSiteId } from "./sites/types.ts";
export type { Site, SiteId, SiteLocation, SiteTable } from "./sites/types.ts";

// Models: load, parse, check a model built in code.
export { loadModel } from "./scenario/load.ts";
export { parseModelJson } from "./scenario/parse.ts";
export { DEFAULT_FINANCING, modelSchema } from "./scenario/schema.ts";
export type {
  Caps,
  Criterion,
  Filter,
  Financing,
  Objective,
  OptimizationSpec,
  ScenarioModel,
  ScheduleSpec,
  TrancheSpec,
  ValueFunction,
} from "./scenario/schema.ts";
export { checkRunInputs, loadRunInputs } from "./pipeline/inputs.ts";
export type { InputsResult, RunInputsLoaded } from "./pipeline/inputs.ts";

// Geospatial layers and coordinate checks (between load and screen).
export { applyLayers, checkLayerSpecs, derivedColumns, exclusionReason } from "./layers/apply.ts";
export type { LayersApplied } from "./layers/apply.ts";
export { loadLayers } from "./layers/load.ts";
export type { LoadedLayer } from "./layers/layer.ts";
export { checkSiteCoordinates, checkSiteLocation } from "./layers/coordinates.ts";
export type { CoordinateCheckOptions } from "./layers/coordinates.ts";
export type { LayerSpec } from "./scenario/schema.ts";

// Stages, one by one.
export { screenSites } from "./screen/screen.ts";
export type { Exclusion, FunnelStep, ScreenResult } from "./screen/screen.ts";
export { normalizeWeights, scoreSites } from "./score/score.ts";
export type { Contribution, ScoredSite, Weights } from "./score/score.ts";
export { buildProblem } from "./pipeline/problem.ts";
export type { ProblemOptions } from "./pipeline/problem.ts";
export { DEFAULT_ENGINE, exportLp, loadHighs, optimize } from "./optimize/solve.ts";
export type { OptimizeOptions, SolveProgress } from "./optimize/solve.ts";
export type { Formulation } from "./optimize/formulate.ts";
export { verifySelection } from "./optimize/verify.ts";
export { isSolved } from "./optimize/types.ts";
export type { Candidate, ObjectivePart, OptimizationProblem, OptimizeResult, SolveStats, SolveStep, Verification } from "./optimize/types.ts";
export type { Ledger, LedgerMonth, Milestone, Plan, PlannedSite, Timeline } from "./schedule/types.ts";
export { ledgerOf, planOf } from "./schedule/ledger.ts";
export { monthLabel, monthStartDate } from "./schedule/calendar.ts";
export { timelineOf } from "./pipeline/problem.ts";

// The whole pipeline.
export { runScenario } from "./pipeline/run.ts";
export type { RunOutcome, StageTimingsMs } from "./pipeline/run.ts";
export type { RunProgress, RunStage } from "./pipeline/progress.ts";
export { runFromFiles } from "./pipeline/runFromFiles.ts";
export type { FileRunResult } from "./pipeline/runFromFiles.ts";

// Outputs: what a run prints and writes, and where.
export { runFiles, runFilesWithWorkbook } from "./report/runFiles.ts";
export { columnHeader, runSheets, workbookBytes } from "./report/workbook.ts";
export type { WorkbookSheet } from "./report/workbook.ts";
export { inputsOf, writeRun } from "./output/writeRun.ts";
export type { WriteRunOptions } from "./output/writeRun.ts";
export { writeOutputs } from "./output/runSet.ts";
export type { WriteOutcome } from "./output/runSet.ts";
export type { RunInputs } from "./pipeline/runFromFiles.ts";
export { rankedTable, selectionTable } from "./report/tables.ts";
export { runSummaryLines, TERMINAL_PLAN_COLUMNS } from "./report/planText.ts";
export { outputFolder } from "./output/names.ts";
export { writeOwnedFile } from "./output/singleFile.ts";
export { keepPrevious, PREVIOUS_FOLDER } from "./output/history.ts";
export type { Table } from "./report/tables.ts";
export { buildReportHtml } from "./analysis/reportHtml.ts";
export type { BuildReportOptions } from "./analysis/reportHtml.ts";
export { renderReportHtml } from "./report/html/render.ts";
export type { ReportExtras } from "./report/html/render.ts";

// Compare: runs read back from disk, or two runs in memory.
export { readRun } from "./compare/readRun.ts";
export type { RankedRow, RunRecord } from "./compare/readRun.ts";
export { compareRuns } from "./compare/compare.ts";
export type { Comparison, CompareOptions } from "./compare/compare.ts";
export { causeText, compareMarkdown, moveText } from "./compare/render.ts";
export { describeOutcomeDelta, diffOutcomes } from "./compare/outcomeDelta.ts";
export type { OutcomeDelta, SiteMove } from "./compare/outcomeDelta.ts";
export { comparisonJson } from "./compare/render.ts";
export { DEFAULT_MAX_SOLVES, establishCauses } from "./compare/causes.ts";
export type { Cause, CauseOptions, EditCauses, RevertTrial, SiteCause } from "./compare/causes.ts";
export type { CellEdit, InputDiff, ModelEdit } from "./compare/inputDiff.ts";
export { lastTwo, locateRun } from "./compare/locate.ts";
export { causesSection, comparisonSections, inputSection } from "./compare/sections.ts";
export type { Block, Section } from "./compare/sections.ts";
export { groupLabel } from "./compare/causeText.ts";
export { kendallTau } from "./compare/agreement.ts";

// Analysis: many solves around one run (frontier, runners-up, sweep, sensitivity, alternatives, explain).
export { computeFrontier, defaultFrontierLevels, FRONTIER_AUTO_MAX_CANDIDATES } from "./analysis/frontier.ts";
export type { FrontierPoint } from "./analysis/frontier.ts";
export { explainNotSelected, runnersUp, whyNotSelected } from "./analysis/runnersUp.ts";
export { summarizeSweep, sweepModels } from "./analysis/sweep.ts";
export type { Sweep, SweepInput, SweepRow } from "./analysis/sweep.ts";
export { runSensitivity } from "./analysis/sensitivityRun.ts";
export type { SensitivityOptions, SensitivityRun } from "./analysis/sensitivityRun.ts";
export { modelWithShares } from "./analysis/sensitivity.ts";
export type { Perturbation, SensitivitySummary, SiteSensitivity } from "./analysis/sensitivity.ts";
export { findAlternatives } from "./analysis/alternatives.ts";
export type { Alternative, Alternatives, AlternativesOptions } from "./analysis/alternatives.ts";
export { explainSite, forceSite } from "./analysis/explain.ts";
export type { Explanation, ForcedSolve } from "./analysis/explain.ts";
export {
  alternativesCsv,
  alternativesJson,
  explanationJson,
  sensitivityCsv,
  sensitivityJson,
  sweepCsv,
  sweepJson,
  sweepSitesCsv,
} from "./analysis/outputs.ts";

// Worker threads: how the CLI runs a solve off its main thread (plain records across the boundary).
export { startModuleWorker } from "./core/moduleWorker.ts";
export { InternalError } from "./core/internalError.ts";
export { packForThread, unpackFromThread } from "./core/threadMessage.ts";
export type { ThreadMessage } from "./core/threadMessage.ts";
export { prepareLayer } from "./layers/layer.ts";

// Delay risk: sample the plan's dates, evaluate milestones, cash and critical sites.
export { planRiskOf } from "./risk/ofRun.ts";
export type { PlanRiskSetup } from "./risk/ofRun.ts";
export { evaluatePlanRisk } from "./risk/evaluateRun.ts";
export type { EvaluateRiskOptions, RiskRun } from "./risk/evaluateRun.ts";
export { evaluateSamples, planRiskBase } from "./risk/evaluate.ts";
export type { PlanRiskBase, SampleBlock } from "./risk/evaluate.ts";
export { summarizeRisk } from "./risk/summary.ts";
export type { MilestoneRisk, RiskSummary, SiteRisk } from "./risk/summary.ts";
export { sampleReadyMonths, uncertaintyOf } from "./risk/uncertainty.ts";
export type { Uncertainty, UncertainSite } from "./risk/uncertainty.ts";
export { lognormalCdf, lognormalOf } from "./risk/distribution.ts";
export { riskCsv, riskJson, riskLines } from "./risk/outputs.ts";
export { riskOfRun } from "./risk/inRun.ts";
export type { RunRisk } from "./risk/inRun.ts";
export type { RobustOutcome } from "./risk/robust.ts";
export { requiredScenarios, scenariosOf } from "./risk/scenarios.ts";
export { scenariosMet } from "./optimize/verifyScenarios.ts";

// Import: real plant lists (WRI GPPD) to a sites CSV under documented assumptions.
export { importGppd } from "./import/gppd/import.ts";
export type { Eia860Counts, GppdImport, ImportedSite, ImportOptions } from "./import/gppd/import.ts";
export { joinableCodes } from "./import/eia860/join.ts";
export { sidecarJson } from "./import/sidecar.ts";
export { readGppdCsv } from "./import/gppd/read.ts";
export type { GppdPlant, GppdRead } from "./import/gppd/read.ts";
export { DEFAULT_ASSUMPTIONS_FILE, loadAssumptions, loadEia860File, loadGppdFile } from "./import/load.ts";
export type { Assumptions } from "./import/assumptions.ts";
export { writeImport } from "./import/write.ts";
