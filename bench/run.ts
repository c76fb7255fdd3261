/**
 * `npm run bench`: end-to-end timings of gigasite on the bundled data and on generated sets of
 * 5,000 and 20,000 candidates, next to HiGHS on the *plain* formulation of each instance
 * (pairwise spacing rows, one variable per site and slot, no reductions). Each of our runs is a
 * fresh process (so peak memory is per run); medians over several runs. Writes bench/results.json.
 * Then the start-up of `gigasite --help` and `gigasite validate data/sites.csv`, compiled and
 * through tsx (bench/startup.ts).
 * Options: --quick (fewer runs, no 20k), --runs N, --startup (only the start-up figures).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Table from "cli-table3";
import { loadRunInputs } from "../src/pipeline/inputs.ts";
import { buildProblem } from "../src/pipeline/problem.ts";
import { screenSites } from "../src/screen/screen.ts";
import { scoreSites } from "../src/score/score.ts";
import { formulate } from "../src/optimize/formulate.ts";
import { loadHighs } from "../src/optimize/highs.ts";
import { toLpText } from "../src/optimize/lpText.ts";
import { scaledSitesCsv } from "./generate.ts";
import { measureStartup, startupLines } from "./startup.ts";
import { build, distIsStale } from "../scripts/build.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 1 : 5;
const HIGHS_LIMIT_S = quick ? 60 : 120;
const startupOnly = args.includes("--startup");
const STARTUP_RUNS = quick ? 5 : 9;

if (distIsStale() && !build({ clean: false }).emitted) throw new Error("bench: could not build dist/ (npm run build)");
if (startupOnly) {
  process.stdout.write(`${startupLines(measureStartup(STARTUP_RUNS)).join("\n")}\n`);
  process.exit(0);
}

interface Instance {
  readonly name: string;
  readonly sites: string;
  readonly model: Record<string, unknown>;
  readonly runs: number;
  /** HiGHS runs on the plain formulation (1 for the generated sets: each may take its full limit). */
  readonly highsRuns: number;
}

const work = mkdtempSync(join(tmpdir(), "gigasite-bench-"));
const baseCsv = readFileSync("data/sites.csv", "utf8");
const baseline = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Record<string, any>;
const variant = (patch: (m: Record<string, any>) => void): Record<string, unknown> => {
  const m = structuredClone(baseline);
  patch(m);
  return m;
};
const cashOff = (m: Record<string, any>): void => {
  m.schedule.tranches.cashRule = false;
};
const sites5k = join(work, "sites-5000.csv");
const sites20k = join(work, "sites-20000.csv");
writeFileSync(sites5k, scaledSitesCsv(baseCsv, 5000));
if (!quick) writeFileSync(sites20k, scaledSitesCsv(baseCsv, 20000));

const instances: Instance[] = [
  { name: "bundled baseline (cash rule on)", sites: "data/sites.csv", model: baseline, runs: RUNS, highsRuns: Math.min(RUNS, 3) },
  { name: "bundled, cash rule off", sites: "data/sites.csv", model: variant(cashOff), runs: RUNS, highsRuns: Math.min(RUNS, 3) },
  { name: "bundled, 300 km spacing (cash on)", sites: "data/sites.csv", model: variant((m) => { m.optimization.minSpacingKm = 300; }), runs: RUNS, highsRuns: Math.min(RUNS, 3) },
  { name: "bundled, 300 km spacing, cash off", sites: "data/sites.csv", model: variant((m) => { m.optimization.minSpacingKm = 300; cashOff(m); }), runs: RUNS, highsRuns: Math.min(RUNS, 3) },
  { name: "5,000 generated (cash on)", sites: sites5k, model: baseline, runs: Math.max(1, Math.min(RUNS, 3)), highsRuns: 1 },
  ...(quick ? [] : [{ name: "20,000 generated (cash on)", sites: sites20k, model: baseline, runs: Math.max(1, Math.min(RUNS, 3)), highsRuns: 1 }]),
];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

type Once = Record<string, number | string | boolean | null>;

function runOnce(sites: string, modelPath: string): Once {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/once.ts", sites, modelPath], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Once;
}

async function highsPlain(sites: string, modelPath: string): Promise<{ ms: number; status: string; objective: number | null; variables: number; rows: number }> {
  const loaded = await loadRunInputs(sites, modelPath);
  if (!loaded.ok) throw new Error(`bench input invalid: ${sites}`);
  const { table, model } = loaded.value;
  const screen = screenSites(table.sites, model);
  const problem = buildProblem(scoreSites(screen.passed, model), screen.readiness, model);
  const f = formulate(problem, { conflicts: "pairwise", readiness: "perSlot", reductions: false });
  const lp = toLpText(f.program);
  const highs = await loadHighs();
  const started = performance.now();
  const sol = highs.solve(lp, { time_limit: HIGHS_LIMIT_S, mip_rel_gap: 0, output_flag: false } as never) as { Status: string; ObjectiveValue: number };
  return { ms: performance.now() - started, status: sol.Status, objective: sol.ObjectiveValue ?? null, variables: f.program.variables.length, rows: f.program.rows.length };
}

const results: Record<string, unknown>[] = [];
for (const inst of instances) {
  const modelPath = join(work, `${inst.name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  writeFileSync(modelPath, JSON.stringify(inst.model));
  process.stderr.write(`bench: ${inst.name} (${inst.runs} runs)\n`);
  const runs: Once[] = [];
  for (let i = 0; i < inst.runs; i++) runs.push(runOnce(inst.sites, modelPath));
  const med = (k: string): number => median(runs.map((r) => Number(r[k])));
  const highsRuns = [];
  for (let i = 0; i < inst.highsRuns; i++) highsRuns.push(await highsPlain(inst.sites, modelPath));
  const highsMs = median(highsRuns.map((h) => h.ms));
  const first = runs[0] ?? {};
  const h0 = highsRuns[0];
  const objectiveMatch = h0?.status === "Optimal" && typeof first.objective === "number" ? Math.abs(h0.objective! - first.objective) <= 1e-6 * Math.max(1, Math.abs(first.objective)) : null;
  results.push({
    instance: inst.name,
    runs: inst.runs,
    status: first.status,
    objective: first.objective,
    verified: runs.every((r) => r.verified === true),
    candidates: first.candidates,
    after_reduction: first.afterReduction,
    formulation: first.formulation,
    variables: first.variables,
    constraints: first.constraints,
    median_ms: { load: med("load"), screen: med("screen"), score: med("score"), build: med("build"), solve: med("solve"), verify: med("verify"), total: med("total") },
    peak_rss_mb: Math.max(...runs.map((r) => Number(r.maxRssMb))),
    highs_plain: { median_solve_ms: highsMs, status: h0?.status, objective: h0?.objective, variables: h0?.variables, rows: h0?.rows, time_limit_s: HIGHS_LIMIT_S },
    objective_matches_highs: objectiveMatch,
    ratio_solve_ours_over_highs: med("solve") / highsMs,
  });
}

const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? "unknown", memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version };
process.stderr.write(`bench: start-up (${STARTUP_RUNS} runs each)\n`);
const startup = measureStartup(STARTUP_RUNS);
writeFileSync("bench/results.json", `${JSON.stringify({ machine, runs: RUNS, results, startup }, null, 2)}\n`);

const table = new Table({
  head: ["instance", "cands", "kept", "load", "screen", "score", "build", "solve", "verify", "total", "peak MB", "objective", "HiGHS plain", "ours/HiGHS"],
  style: { head: [], border: [], compact: true },
});
const f = (ms: unknown): string => (typeof ms === "number" ? (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`) : "");
for (const r of results as any[]) {
  table.push([
    r.instance, r.candidates, r.after_reduction, f(r.median_ms.load), f(r.median_ms.screen), f(r.median_ms.score), f(r.median_ms.build),
    f(r.median_ms.solve), f(r.median_ms.verify), f(r.median_ms.total), r.peak_rss_mb.toFixed(0),
    typeof r.objective === "number" ? r.objective.toFixed(3) : r.status,
    `${f(r.highs_plain.median_solve_ms)} ${r.highs_plain.status === "Optimal" ? "" : `(${r.highs_plain.status})`}${r.objective_matches_highs === false ? " OBJ DIFFERS" : ""}`,
    r.ratio_solve_ours_over_highs.toFixed(2),
  ]);
}
process.stdout.write(`${table.toString()}\nmachine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}; medians of ${RUNS} runs (3 for generated sets)\n${startupLines(startup).join("\n")}\nwritten: bench/results.json\n`);
