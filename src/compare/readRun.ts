/**
 * Reads a `gigasite run` output folder back into typed values: `run.json` (validated with zod)
 * and `ranked.csv` (every site with its scores and per-criterion points). This is the edge of
 * the compare stage: a missing or malformed folder is a list of input issues, never a crash.
 */
import { appendAll } from "../core/arrays.ts";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import Papa from "papaparse";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { parseBooleanCell } from "../sites/cells.ts";
import { asSiteId, type SiteId } from "../sites/types.ts";
import { unreadable } from "../sites/load.ts";
import { readCsvText } from "../core/csv.ts";
import { quoteValue } from "../core/text.ts";
import { firstUnsafe, TERMINAL_CONTROL } from "../core/terminalText.ts";
import { ANY_NUMBER, DATE_BOUNDS, outOfBounds } from "../core/bounds.ts";
import { calendarDate } from "../core/jsonContract.ts";
import { runJsonSchema, type RunJson } from "../report/runJsonSchema.ts";
import { settleOutputs } from "../output/runSet.ts";
import { parseInputsJson, type InputsSnapshot } from "./readInputs.ts";
import { errnoCode } from "../core/fsErrors.ts";

/** One row of ranked.csv. Screened-out sites have no rank, scores or points. */
export interface RankedRow {
  /** Rank among screened-in sites (1 = best), null when screened out. */
  readonly rank: number | null;
  readonly siteId: SiteId;
  readonly name: string;
  readonly region: string;
  readonly gridZone: string;
  readonly overallScore: number | null;
  /** Pillar name → pillar score (0–100). */
  readonly pillarScores: ReadonlyMap<string, number | null>;
  readonly capexBn: number | null;
  readonly annualCostBn: number | null;
  /** Earliest go-live date (ranked.csv `ready_date`), null without a schedule. */
  readonly readyDate: string | null;
  /** Planned go-live date of a selected site (`go_live_date`), else null. */
  readonly goLiveDate: string | null;
  readonly selected: boolean;
  readonly slot: number | null;
  readonly screenedOutReason: string | null;
  /** Criterion id → points it adds to the overall score. */
  readonly points: ReadonlyMap<string, number | null>;
  /** 1-based line in ranked.csv. */
  readonly line: number;
}

export interface RunRecord {
  /** The folder as the caller named it. */
  readonly dir: string;
  readonly run: RunJson;
  /** Every site of the run in file order: screened-in by rank, then screened-out. */
  readonly ranked: readonly RankedRow[];
  /** The inputs the run kept (`inputs.json`); null for a run written before it kept them. */
  readonly inputs: InputsSnapshot | null;
}

const REQUIRED_COLUMNS = ["rank", "site_id", "name", "region", "grid_zone", "overall_score", "selected"] as const;

const issue = (file: string, code: string, message: string, extra: Partial<Pick<InputIssue, "line" | "column" | "path">> = {}): InputIssue => ({
  file,
  code,
  message,
  severity: "error",
  ...extra,
});

async function readText(file: string): Promise<{ ok: true; text: string } | { ok: false; issue: InputIssue }> {
  const problem = await unreadable(file);
  // A FIFO or a device would block the read forever: only regular files are read.
  if (problem !== undefined && problem.code !== "not_found") return { ok: false, issue: problem };
  try {
    return { ok: true, text: await readFile(file, "utf8") };
  } catch (error) {
    const code = errnoCode(error);
    const message =
      code === "ENOENT" ? "not found: expected an output folder of `gigasite run` (with run.json and ranked.csv)" : `cannot be read (${code ?? String(error)})`;
    return { ok: false, issue: issue(file, code === "ENOENT" ? "missing_file" : "unreadable", message) };
  }
}

/**
 * Validates run.json text.
 * @example parseRunJson('{"format":"gigasite-run"}', "out/a/run.json").ok // false, with one issue per missing field
 */
export function parseRunJson(text: string, file: string): Loaded<RunJson> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [issue(file, "invalid_json", `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const controlAt = firstControlString(data, []);
  if (controlAt !== undefined)
    return {
      ok: false,
      issues: [issue(file, "control_character", "holds text with a control character: gigasite never writes one; was the file edited?", { path: controlAt })],
    };
  const parsed = runJsonSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data, warnings: [] };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => issue(file, "run_json_field", i.message, { path: i.path.map(String).join(".") })),
  };
}

/** The path of the first string in a JSON value that holds a control character, if any. */
function firstControlString(value: unknown, path: readonly (string | number)[]): string | undefined {
  if (typeof value === "string") return firstUnsafe(value, TERMINAL_CONTROL) === undefined ? undefined : path.join(".");
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = firstControlString(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function cellNumber(cell: string | undefined): number | null | "bad" {
  const text = (cell ?? "").trim();
  if (text === "") return null;
  const value = Number(text);
  return outOfBounds(value, ANY_NUMBER) === undefined ? value : "bad";
}

/**
 * Parses ranked.csv text into rows, collecting every bad cell.
 * @example parseRankedCsv("rank,site_id,name,region,grid_zone,overall_score,selected\n1,S1,A,TX,ERCOT,80,true\n", "ranked.csv")
 */
export function parseRankedCsv(text: string, file: string): Loaded<RankedRow[]> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: "greedy" });
  const [header = [], ...body] = parsed.data;
  const columns = header.map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return { ok: false, issues: missing.map((c) => issue(file, "missing_column", `missing column ${c}`, { line: 1, column: c })) };
  }
  const at = (name: string): number => columns.indexOf(name);
  const pillarColumns = columns.filter((c) => c.endsWith("_score") && c !== "overall_score");
  const pointColumns = columns.filter((c) => c.startsWith("points_"));
  const issues: InputIssue[] = [];
  const rows: RankedRow[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const numberAt = (column: string): number | null => {
      const index = at(column);
      const value = cellNumber(index < 0 ? undefined : cells[index]);
      if (value !== "bad") return value;
      issues.push(issue(file, "not_a_number", `expected a number, found ${JSON.stringify(cells[index])}`, { line, column }));
      return null;
    };
    // Text as gigasite wrote it, before the leading ' that keeps a spreadsheet from running it.
    const textAt = (column: string): string => {
      const text = at(column) < 0 ? "" : readCsvText((cells[at(column)] ?? "").trim());
      const control = firstUnsafe(text, TERMINAL_CONTROL);
      if (control !== undefined)
        issues.push(
          issue(file, "control_character", `contains the control character ${control.escaped}: gigasite never writes one; was the file edited?`, {
            line,
            column,
          }),
        );
      return text;
    };
    const booleanAt = (column: string): boolean => {
      const cell = parseBooleanCell(textAt(column));
      if (cell.kind === "invalid") issues.push(issue(file, "not_a_boolean", cell.message, { line, column }));
      return cell.kind === "boolean" && cell.value;
    };
    const siteId = textAt("site_id");
    if (siteId === "") issues.push(issue(file, "missing_site_id", "site_id is blank", { line, column: "site_id" }));
    const orNull = (s: string): string | null => (s === "" ? null : s);
    for (const column of ["ready_date", "go_live_date"]) {
      const date = textAt(column);
      if (date !== "" && !calendarDate.safeParse(date).success)
        issues.push(
          issue(file, "bad_date", `expected a date YYYY-MM-DD from ${DATE_BOUNDS.min} to ${DATE_BOUNDS.max}, found ${quoteValue(date)}`, { line, column }),
        );
    }
    rows.push({
      rank: numberAt("rank"),
      siteId: asSiteId(siteId),
      name: textAt("name"),
      region: textAt("region"),
      gridZone: textAt("grid_zone"),
      overallScore: numberAt("overall_score"),
      pillarScores: new Map(pillarColumns.map((c) => [c.slice(0, -"_score".length), numberAt(c)])),
      capexBn: numberAt("capex_bn"),
      annualCostBn: numberAt("annual_cost_bn"),
      readyDate: orNull(textAt("ready_date")),
      goLiveDate: orNull(textAt("go_live_date")),
      // Read as the sites CSV's flags are: true/false (written since 0.1), yes/no (older runs) or 1/0.
      selected: booleanAt("selected"),
      slot: numberAt("slot"),
      screenedOutReason: orNull(textAt("screened_out_reason")),
      points: new Map(pointColumns.map((c) => [c.slice("points_".length), numberAt(c)])),
      line,
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: rows, warnings: [] };
}

/**
 * Reads an output folder of `gigasite run` (run.json + ranked.csv). Every problem of both files
 * is reported at once; the selection in run.json must match the `selected` column of ranked.csv.
 * @example const loaded = await readRun("out/baseline"); if (loaded.ok) loaded.value.run.selected
 */
export async function readRun(dir: string): Promise<Loaded<RunRecord>> {
  const jsonFile = join(dir, "run.json");
  const csvFile = join(dir, "ranked.csv");
  // A file named as the folder gets one line, not an ENOTDIR per file read inside it.
  const folder = await stat(dir).catch(() => undefined);
  if (folder !== undefined && !folder.isDirectory())
    return {
      ok: false,
      issues: [
        { file: dir, code: "not_a_run", message: "is a file, not a run folder: name the folder gigasite run wrote (e.g. out/baseline)", severity: "error" },
      ],
    };
  // A write killed between its commit and its last rename is finished first: one whole set.
  await settleOutputs(dir).catch(() => undefined);
  const inputsFile = join(dir, "inputs.json");
  const [jsonText, csvText, inputsText] = await Promise.all([readText(jsonFile), readText(csvFile), readText(inputsFile)]);
  const issues: InputIssue[] = [];
  if (!jsonText.ok) issues.push(jsonText.issue);
  if (!csvText.ok) issues.push(csvText.issue);
  // inputs.json is optional (runs before it existed have none), but a bad one is reported.
  if (!inputsText.ok && inputsText.issue.code !== "missing_file") issues.push(inputsText.issue);
  const run = jsonText.ok ? parseRunJson(jsonText.text, jsonFile) : null;
  const ranked = csvText.ok ? parseRankedCsv(csvText.text, csvFile) : null;
  const inputs = inputsText.ok ? parseInputsJson(inputsText.text, inputsFile) : null;
  if (run && !run.ok) appendAll(issues, run.issues);
  if (ranked && !ranked.ok) appendAll(issues, ranked.issues);
  if (inputs && !inputs.ok) appendAll(issues, inputs.issues);
  if (issues.length > 0 || !run?.ok || !ranked?.ok || (inputs !== null && !inputs.ok)) return { ok: false, issues };
  const inCsv = new Set(ranked.value.filter((r) => r.selected).map((r) => r.siteId as string));
  const inJson = new Set(run.value.selected);
  if (inCsv.size !== inJson.size || [...inJson].some((id) => !inCsv.has(id))) {
    return {
      ok: false,
      issues: [
        issue(csvFile, "inconsistent_run", `the selected sites differ from run.json's (${[...inJson].join(", ")}); was one of the files edited?`, {
          column: "selected",
        }),
      ],
    };
  }
  return { ok: true, value: { dir, run: run.value, ranked: ranked.value, inputs: inputs?.ok ? inputs.value : null }, warnings: [] };
}
