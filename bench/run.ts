/**
 * `npm run bench`: end-to-end runs of gigasite (each a fresh process, so peak memory is its own)
 * on the bundled data, the tight-cash variant, generated sets of 5,000 and 20,000 candidates and a
 * seeded stress set, next to HiGHS on the plain time-indexed formulation of each instance (one
 * binary per site and month, pulse form, pairwise spacing: test/optimize/reference.ts). Both
 * engines run the stress set, which is how the default engine is chosen. Writes bench/results.json.
 * Then the start-up of `gigasite --help` and `gigasite validate data/sites.csv`, compiled and
 * through tsx (bench/startup.ts).
 * Options: --quick (1 run each, no 20k, 4 stress instances), --runs N, --stress-count N, --limit S,
 * --startup (only the start-up figures), --risk (only the delay-risk figures: bench/risk.ts),
 * --stress (only the stress set against native HiGHS: bench/stressRun.ts, with its own options).
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
import { loadHighs } from "../src/optimize/highs.ts";
import { referenceLp } from "../test/optimize/reference.ts";
import { scaledSitesCsv } from "./generate.ts";
import { stressInstances } from "./stress.ts";
import { runStress } from "./stressRun.ts";
import { measureStartup, startupLines } from "./startup.ts";
import { measureRisk, riskLines } from "./risk.ts";
import { build, distIsStale } from "../scripts/build.mjs";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const quick = args.includes("--quick");
const RUNS = flag("--runs", quick ? 1 : 3);
const LIMIT_S = flag("--limit", 60);
// `--stress N` (a count, as in the dated figures of README and docs/performance.md) is the same as `--stress-count N`.
const legacyCount = args.includes("--stress") && /^\d+$/.test(args[args.indexOf("--stress") + 1] ?? "");
const STRESS = legacyCount ? flag("--stress", 4) : flag("--stress-count", quick ? 4 : 12);
const STARTUP_RUNS = quick ? 5 : 9;

if (distIsStale() && !build({ clean: false }).emitted) throw new Error("bench: could not build dist/ (npm run build)");
if (args.includes("--stress") && !legacyCount) {
  await runStress(args);
  process.exit(0);
}
if (args.includes("--risk")) {
  process.stdout.write(`${riskLines(await measureRisk()).join("\n")}\n`);
  process.exit(0);
}
if (args.includes("--startup")) {
  process.stdout.write(`${startupLines(measureStartup(STARTUP_RUNS)).join("\n")}\n`);
  process.exit(0);
}

interface Instance {
  readonly name: string;
  readonly sites: string;
  readonly model: Record<string, unknown>;
  readonly runs: number;
  readonly engines: readonly ("highs" | "jsLPSolver")[];
}

const work = mkdtempSync(join(tmpdir(), "gigasite-bench-"));
const baseCsv = readFileSync("data/sites.csv", "utf8");
const baseline = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Record<string, any>;
const variant = (patch: (m: Record<string, any>) => void): Record<string, unknown> => {
  const m = structuredClone(baseline);
  patch(m);
  m.optimization.timeLimitSeconds = LIMIT_S;
  return m;
};
const sites5k = join(work, "sites-5000.csv");
const sites20k = join(work, "sites-20000.csv");
writeFileSync(sites5k, scaledSitesCsv(baseCsv, 5000));
if (!quick) writeFileSync(sites20k, scaledSitesCsv(baseCsv, 20000));

const instances: Instance[] = [
  { name: "bundled baseline", sites: "data/sites.csv", model: variant(() => {}), runs: RUNS, engines: ["highs"] },
  {
    name: "bundled, cash rule off",
    sites: "data/sites.csv",
    model: variant((m) => {
      m.schedule.tranches.cashRule = false;
    }),
    runs: RUNS,
    engines: ["highs", "jsLPSolver"],
  },
  {
    name: "tight cash (equity 8.6, tranche 8.6)",
    sites: "data/sites.csv",
    model: variant((m) => {
      m.schedule.tranches = { amountBn: 8.6, equityBn: 8.6, cashRule: true };
      m.schedule.capexDraw = { upfrontShare: 0.2 };
    }),
    runs: 1,
    engines: ["highs"],
  },
  { name: "5,000 generated", sites: sites5k, model: variant(() => {}), runs: 1, engines: ["highs"] },
  ...(quick ? [] : [{ name: "20,000 generated", sites: sites20k, model: variant(() => {}), runs: 1, engines: ["highs"] as const }]),
  ...stressInstances(STRESS, baseCsv, work, LIMIT_S).map((s) => ({ ...s, runs: 1, engines: ["highs", "jsLPSolver"] as const })),
];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

type Once = Record<string, number | string | boolean | null>;

function runOnce(sites: string, modelPath: string, engine: string): Once {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "bench/once.ts", sites, modelPath, engine], { encoding: "utf8", maxBuffer: 1 << 24 });
    return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Once;
  } catch (error) {
    // A run that dies is a result too: say so in the table instead of losing the others.
    process.stderr.write(`bench: run failed: ${String(error).slice(0, 300)}\n`);
    return { status: "crashed", objective: null, verified: false, maxRssMb: 0, load: 0, solve: 0, build: 0, total: 0 };
  }
}

async function highsPlain(sites: string, modelPath: string): Promise<{ ms: number; status: string; objective: number | null; columns: number }> {
  const loaded = await loadRunInputs(sites, modelPath);
  if (!loaded.ok) throw new Error(`bench input invalid: ${sites}`);
  const { table, model } = loaded.value;
  const screen = screenSites(table.sites, model);
  const problem = buildProblem(scoreSites(screen.passed, model), screen.readiness, model);
  let reference: ReturnType<typeof referenceLp>;
  try {
    reference = referenceLp(problem);
  } catch (error) {
    // Past about 500 MB of LP text a JavaScript string cannot hold the plain model at all.
    if (error instanceof RangeError) return { ms: 0, status: "not run (plain LP too large to write)", objective: null, columns: 0 };
    throw error;
  }
  if (reference === null) return { ms: 0, status: "not built", objective: null, columns: 0 };
  // HiGHS's text API copies the whole LP into its memory file system: past ~100 MB it fails.
  if (reference.lp.length > 100_000_000)
    return { ms: 0, status: `not run (LP text ${Math.round(reference.lp.length / 1e6)} MB)`, objective: null, columns: reference.columns.size };
  const highs = await loadHighs();
  const started = performance.now();
  const sol = highs.solve(reference.lp, { time_limit: LIMIT_S, mip_rel_gap: 0, output_flag: false } as never) as { Status: string; ObjectiveValue: number };
  return { ms: performance.now() - started, status: sol.Status, objective: sol.ObjectiveValue ?? null, columns: reference.columns.size };
}

const results: Record<string, any>[] = [];
for (const inst of instances) {
  const modelPath = join(work, `${inst.name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  writeFileSync(modelPath, JSON.stringify(inst.model));
  const plain = await highsPlain(inst.sites, modelPath);
  for (const engine of inst.engines) {
    process.stderr.write(`bench: ${inst.name}, ${engine} (${inst.runs} runs)\n`);
    const runs: Once[] = [];
    for (let i = 0; i < inst.runs; i++) runs.push(runOnce(inst.sites, modelPath, engine));
    const med = (k: string): number => median(runs.map((r) => Number(r[k])));
    const first = runs[0] ?? {};
    const agrees =
      plain.status === "Optimal" && typeof first.objective === "number"
        ? Math.abs((plain.objective ?? NaN) - first.objective) <= 1e-6 * Math.max(1, Math.abs(first.objective))
        : plain.status === "Infeasible"
          ? first.status === "infeasible"
          : null;
    results.push({
      instance: inst.name,
      engine,
      runs: inst.runs,
      status: first.status,
      objective: first.objective,
      gap: first.gap,
      verified: runs.every((r) => r.verified === true),
      candidates: first.candidates,
      kept: first.afterReduction,
      variables: first.variables,
      steps: first.steps,
      median_ms: { load: med("load"), solve: med("solve") + med("build"), total: med("total") },
      peak_rss_mb: Math.max(...runs.map((r) => Number(r.maxRssMb))),
      highs_plain: plain,
      agrees_with_plain: agrees,
      ratio_solve_over_plain: plain.ms > 0 ? (med("solve") + med("build")) / plain.ms : null,
    });
  }
}

const machine = {
  cpus: cpus().length,
  cpu_model: cpus()[0]?.model ?? "unknown",
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};
process.stderr.write(`bench: start-up (${STARTUP_RUNS} runs each)\n`);
const startup = measureStartup(STARTUP_RUNS);
const risk = await measureRisk();
writeFileSync("bench/results.json", `${JSON.stringify({ machine, runs: RUNS, limit_s: LIMIT_S, results, startup, risk }, null, 2)}\n`);

const table = new Table({
  head: ["instance", "engine", "cands", "kept", "status", "objective", "gap", "solve", "total", "peak MB", "HiGHS plain", "agrees", "ours/plain"],
  style: { head: [], border: [], compact: true },
});
const f = (ms: unknown): string => (typeof ms === "number" ? (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`) : "");
for (const r of results) {
  table.push([
    r.instance,
    r.engine,
    r.candidates,
    r.kept,
    r.status,
    typeof r.objective === "number" ? r.objective.toFixed(3) : "",
    typeof r.gap === "number" ? `${(100 * r.gap).toFixed(2)}%` : "",
    f(r.median_ms.solve),
    f(r.median_ms.total),
    r.peak_rss_mb.toFixed(0),
    `${f(r.highs_plain.ms)} ${r.highs_plain.status}`,
    r.agrees_with_plain === null ? "?" : r.agrees_with_plain ? "yes" : "NO",
    r.ratio_solve_over_plain === null ? "" : r.ratio_solve_over_plain.toFixed(3),
  ]);
}
const summary = (engine: string): string => {
  const stress = results.filter((r) => r.engine === engine && String(r.instance).startsWith("stress"));
  const decided = stress.filter((r) => r.status === "optimal" || r.status === "infeasible").length;
  return `${engine}: ${decided} of ${stress.length} stress instances proven optimal or infeasible within ${LIMIT_S} s`;
};
process.stdout.write(
  `${table.toString()}\n${summary("highs")}\n${summary("jsLPSolver")}\nmachine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.date}; medians of ${RUNS} runs for the bundled data\n${startupLines(startup).join("\n")}\n${riskLines(risk).join("\n")}\nwritten: bench/results.json\n`,
);
