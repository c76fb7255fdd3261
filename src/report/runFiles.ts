import type { RunOutcome } from "../pipeline/run.ts";
import { cashflowSitesTable, cashflowTable } from "./cashflow.ts";
import { toCsv } from "../core/csv.ts";
import { selectionGeoJson } from "./geojson.ts";
import type { RunInputs } from "../pipeline/runFromFiles.ts";
import { runJson, type EdgeTimingsMs } from "./runJson.ts";
import { summaryMarkdown } from "./summary.ts";
import { riskCsv } from "../risk/outputs.ts";
import { rankedTable, selectionTable, type Table } from "./tables.ts";
import { inputsSnapshotJson } from "./inputsSnapshot.ts";
import { runSheets, workbookBytes } from "./workbook.ts";
import { sourcesUsesTable } from "./sourcesUses.ts";

const csvOf = (t: Table): string =>
  toCsv(
    [...t.header],
    t.rows.map((r) => [...r]),
  );

/**
 * Output files of a run, by name. Pure: the same outcome gives the same bytes (bar timings in
 * run.json). Hand the map to `writeOutputs` to put it on disk atomically. The cash-flow files
 * are written with their header only when there is no dated plan, so a folder never keeps a
 * ledger from an earlier run. `inputs.json` keeps the inputs as read, for `compare`.
 * @example runFiles(outcome, inputs, { load: 12, total: 340 }).get("cashflow.csv")
 */
export function runFiles(outcome: RunOutcome, inputs: RunInputs, edge: EdgeTimingsMs): Map<string, string> {
  return new Map([
    ["ranked.csv", csvOf(rankedTable(outcome))],
    ["selection.csv", csvOf(selectionTable(outcome))],
    ["cashflow.csv", csvOf(cashflowTable(outcome))],
    ["cashflow_sites.csv", csvOf(cashflowSitesTable(outcome))],
    ["sources_uses.csv", csvOf(sourcesUsesTable(outcome))],
    ["selection.geojson", `${JSON.stringify(selectionGeoJson(outcome), null, 2)}\n`],
    ["summary.md", summaryMarkdown(outcome)],
    ["inputs.json", `${JSON.stringify(inputsSnapshotJson(outcome, inputs))}\n`],
    ["run.json", `${JSON.stringify(runJson(outcome, inputs, edge), null, 2)}\n`],
    // Only runs of a model with `risk.inRun` write risk.csv; `gigasite risk` writes it otherwise.
    ...(outcome.risk ? [["risk.csv", riskCsv(outcome.risk.summary)] as [string, string]] : []),
  ]);
}

/**
 * The run's files with run.xlsx (see workbook.ts): what `gigasite run` writes, bar report.html.
 * Async only because the workbook is zipped.
 * @example (await runFilesWithWorkbook(outcome, inputs, { load: 12, total: 340 })).get("run.xlsx")
 */
export async function runFilesWithWorkbook(outcome: RunOutcome, inputs: RunInputs, edge: EdgeTimingsMs): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>(runFiles(outcome, inputs, edge));
  files.set("run.xlsx", await workbookBytes(runSheets(outcome)));
  return files;
}
