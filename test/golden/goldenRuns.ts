/**
 * The golden runs: every bundled model on its bundled sites, run in process, with the output
 * files that `gigasite run` writes, normalized so that only the answer is pinned (no timings,
 * hashes or absolute paths; floats in JSON rounded). Used by golden.test.ts (compare) and by
 * scripts/golden-update.ts (write, on purpose only: `npm run golden:update`).
 */
import { fileURLToPath } from "node:url";
import { buildReportHtml, runFiles, runFromFiles } from "../../src/index.ts";

/** The repository root: runs use paths relative to it, as README's commands do. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where the expected files live: test/golden/<model>/<file>. */
export const GOLDEN_DIR = fileURLToPath(new URL("./", import.meta.url));

/** The bundled runs: model file and the sites file it is written for (README, "Model file"). */
export const GOLDEN_RUNS = [
  // The bundled report (`npm start` writes out/baseline/report.html) is pinned byte for byte.
  { name: "baseline", sites: "data/sites.csv", model: "models/baseline.json", report: true },
  { name: "with-layers", sites: "data/sites.csv", model: "models/with-layers.json" },
  { name: "cheap-capital", sites: "data/sites.csv", model: "models/cheap-capital.json" },
  { name: "speed-first", sites: "data/sites.csv", model: "models/speed-first.json" },
  { name: "us-plants", sites: "data/us-plants.csv", model: "models/us-plants.json" },
] as const;

export type GoldenRun = (typeof GOLDEN_RUNS)[number];

/**
 * The output files pinned for every run; a new output file is pinned by adding it here.
 * report.html is pinned for the runs marked `report` only (its trade-off chart re-solves the
 * model ten times, and every run's report renders the same values as its other files).
 */
export const GOLDEN_FILES = ["ranked.csv", "selection.csv", "cashflow.csv", "cashflow_sites.csv", "sources_uses.csv", "selection.geojson", "summary.md", "run.json"] as const;

/** The files pinned for one run. */
export const goldenFilesOf = (run: GoldenRun): readonly string[] => ("report" in run && run.report ? [...GOLDEN_FILES, "report.html"] : GOLDEN_FILES);

/** Decimal places kept for non-integer numbers in JSON files (outputs round money to 6). */
const JSON_DECIMALS = 6;

/** JSON keys whose values are timings, removed from run.json. */
const TIMING_KEYS = new Set(["timings_ms", "ms", "buildMs", "solveMs"]);

function normalizeJsonValue(value: unknown, key: string): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : Number(value.toFixed(JSON_DECIMALS));
  if (Array.isArray(value)) return value.map((v) => normalizeJsonValue(v, key));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (TIMING_KEYS.has(k)) continue;
      out[k] = k === "sha256" ? "<sha256>" : normalizeJsonValue(v, k);
    }
    return out;
  }
  return value;
}

/** run.json and selection.geojson: timings dropped, input hashes masked, floats rounded. */
export function normalizeJson(text: string): string {
  return `${JSON.stringify(normalizeJsonValue(JSON.parse(text), ""), null, 2)}\n`;
}

/** summary.md: the solve time masked (everything else in it is the answer). */
export function normalizeSummary(text: string): string {
  return text.replace(/; solve \d[\d.,]* (?:ms|s|min)\b/g, "; solve <time>");
}

/** report.html: the solve time masked (the only figure in it that is not the answer). */
export function normalizeReport(text: string): string {
  return text.replace(/(<span class="label">Solve time<\/span><span class="value">)[^<]*/, "$1<time>");
}

/** One output file as pinned: JSON normalized, the summary's and the report's time masked, CSVs as written. */
export function normalizeFile(file: string, text: string): string {
  if (file.endsWith(".json") || file.endsWith(".geojson")) return normalizeJson(text);
  if (file === "summary.md") return normalizeSummary(text);
  if (file === "report.html") return normalizeReport(text);
  return text;
}

/**
 * Time limit of a golden run, s: above the models' own 60 s so that a busy machine cannot turn an
 * optimal run into a time-limit one (the limit is not part of any output; every bundled run is
 * proven optimal in a few seconds).
 */
export const GOLDEN_TIME_LIMIT_SECONDS = 600;

/**
 * Runs one bundled model in process and returns every output file as written, by name, with
 * report.html as `gigasite run` writes it (each frontier level given the golden time limit, so
 * that every level is proven optimal however busy the machine).
 */
export async function writtenFiles(run: GoldenRun): Promise<Map<string, string>> {
  const result = await runFromFiles(run.sites, run.model, { timeLimitSeconds: GOLDEN_TIME_LIMIT_SECONDS });
  if (result.status !== "ran") throw new Error(`${run.model} on ${run.sites} did not load: ${result.issues.map((i) => i.message).join("; ")}`);
  const files = runFiles(result.outcome, result.inputs, { load: 0, total: 0 });
  if ("report" in run && run.report) {
    const generatedFor = { sitesFile: run.sites, modelFile: run.model };
    files.set("report.html", await buildReportHtml(result.outcome, generatedFor, { timeLimitMs: GOLDEN_TIME_LIMIT_SECONDS * 1000 }));
  }
  return files;
}

/** The pinned files among the written ones, normalized, by name. */
export function pinnedFiles(run: GoldenRun, files: ReadonlyMap<string, string>): Map<string, string> {
  const pinned = new Map<string, string>();
  for (const file of goldenFilesOf(run)) {
    const text = files.get(file);
    if (text === undefined) throw new Error(`runFiles no longer writes ${file}: remove it from GOLDEN_FILES`);
    pinned.set(file, normalizeFile(file, text));
  }
  return pinned;
}

/** Runs one bundled model in process and returns its pinned files, normalized, by name. */
export async function goldenFiles(run: GoldenRun): Promise<Map<string, string>> {
  return pinnedFiles(run, await writtenFiles(run));
}
