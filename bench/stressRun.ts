/**
 * `npm run bench -- --stress`: the stress set (bench/stressSet.ts), each instance run end to end by
 * gigasite in a fresh process (bench/once.ts) and by native HiGHS on the plain time-indexed model
 * (bench/plain_highs.py), with the ratio of solve times where both decide. Writes
 * bench/results/stress-<date>.json and .md, and compares with the newest earlier stress file.
 * Options: --limit S (gigasite's time limit, default 60), --plain-limit S (native HiGHS, default 60),
 * --no-plain, --only a,b (ids containing any of these), --sizes 760,2000.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { loadRunInputs } from "../src/pipeline/inputs.ts";
import { buildProblem } from "../src/pipeline/problem.ts";
import { scoreSites } from "../src/score/score.ts";
import { screenSites } from "../src/screen/screen.ts";
import { plainProblemJson } from "./plainProblem.ts";
import { stressCases } from "./stressSet.ts";

interface Side {
  readonly status: string;
  readonly objective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  /** Solve seconds (gigasite: build + solve; HiGHS: solve only). */
  readonly solve_s: number;
  /** Wall seconds of the whole run past the time limit (gigasite only). */
  readonly overrun_s?: number;
  readonly total_s?: number;
  readonly peak_mb: number;
  readonly steps?: string;
  readonly rows?: number;
  readonly columns?: number;
}

interface Row {
  readonly id: string;
  readonly name: string;
  readonly candidates: number;
  readonly screened: number;
  readonly control: boolean;
  readonly gigasite: Side;
  readonly plain: Side | null;
  readonly agree: boolean | null;
  readonly ratio: number | null;
}

const decided = (status: string): boolean => status === "optimal" || status === "infeasible";

export async function runStress(args: readonly string[]): Promise<void> {
  const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const limitS = Number(option("--limit") ?? 60);
  const plainLimitS = Number(option("--plain-limit") ?? 60);
  const only = option("--only")?.split(",") ?? null;
  const sizes = option("--sizes")?.split(",").map(Number) ?? null;
  const work = mkdtempSync(join(tmpdir(), "gigasite-stress-"));
  const cases = stressCases(work).filter((c) => (only === null || only.some((o) => c.id.includes(o))) && (sizes === null || sizes.includes(c.candidates)));
  const rows: Row[] = [];
  const date = new Date().toISOString().slice(0, 10);
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? "unknown", memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, date };
  mkdirSync("bench/results", { recursive: true });
  const previous = previousResults(date);
  // The results are written after every instance: a run cut short still leaves its figures.
  for (const c of cases) {
    const modelPath = join(work, `${c.id}.json`);
    writeFileSync(modelPath, JSON.stringify({ ...c.model, optimization: { ...(c.model.optimization as object), timeLimitSeconds: limitS } }));
    process.stderr.write(`stress: ${c.id} (${c.name})\n`);
    const loaded = await loadRunInputs(c.sites, modelPath);
    if (!loaded.ok) throw new Error(`stress input invalid: ${c.id}`);
    const { table, model } = loaded.value;
    const screen = screenSites(table.sites, model);
    const problem = buildProblem(scoreSites(screen.passed, model), screen.readiness, model);
    const ours = gigasiteRun(c.sites, modelPath, limitS);
    let plain: Side | null = null;
    if (!args.includes("--no-plain")) {
      const problemPath = join(work, `${c.id}.problem.json`);
      writeFileSync(problemPath, plainProblemJson(problem));
      plain = plainRun(problemPath, plainLimitS);
    }
    const agree =
      plain === null || !decided(plain.status) || !decided(ours.status)
        ? null
        : plain.status === ours.status &&
          (ours.status === "infeasible" || Math.abs((plain.objective ?? NaN) - (ours.objective ?? NaN)) <= 1e-6 * Math.max(1, Math.abs(ours.objective ?? 0)));
    const ratio = plain !== null && decided(plain.status) && decided(ours.status) && plain.solve_s > 0 ? ours.solve_s / plain.solve_s : null;
    rows.push({
      id: c.id,
      name: c.name,
      candidates: c.candidates,
      screened: problem.candidates.length,
      control: c.control,
      gigasite: ours,
      plain,
      agree,
      ratio,
    });
    process.stderr.write(`  gigasite ${ours.status} ${ours.solve_s.toFixed(1)} s; plain ${plain?.status ?? "-"} ${plain?.solve_s.toFixed(1) ?? ""}\n`);
    write();
  }

  function write(): void {
    const summary = summarize(rows);
    const subset = only !== null || sizes !== null;
    const base = `bench/results/stress-${date}${subset ? "-partial" : ""}`;
    const complete = rows.length === cases.length;
    writeFileSync(`${base}.json`, `${JSON.stringify({ machine, limit_s: limitS, plain_limit_s: plainLimitS, complete, summary, rows }, null, 2)}\n`);
    const markdown = markdownTable(rows, summary, machine, limitS, plainLimitS, previous);
    writeFileSync(`${base}.md`, markdown);
    if (complete) process.stdout.write(`${markdown}\nwritten: ${base}.json, ${base}.md\n`);
  }
}

function gigasiteRun(sites: string, modelPath: string, limitS: number): Side {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", "bench/once.ts", sites, modelPath, "highs"], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
      timeout: (limitS + 120) * 1000,
    });
    const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, any>;
    const total = Number(r.total) / 1000;
    return {
      status: String(r.status),
      objective: r.objective ?? null,
      bound: r.bound ?? null,
      gap: r.gap ?? null,
      solve_s: (Number(r.solve) + Number(r.build)) / 1000,
      total_s: total,
      overrun_s: Math.max(0, total - limitS),
      peak_mb: Number(r.maxRssMb),
      steps: String(r.steps),
    };
  } catch (error) {
    process.stderr.write(`stress: gigasite run failed: ${String(error).slice(0, 300)}\n`);
    return { status: "crashed", objective: null, bound: null, gap: null, solve_s: 0, peak_mb: 0 };
  }
}

function plainRun(problemPath: string, limitS: number): Side {
  try {
    const out = execFileSync("python3", ["bench/plain_highs.py", problemPath, String(limitS)], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
      timeout: (limitS + 120) * 1000,
    });
    const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, any>;
    return {
      status: String(r.status),
      objective: r.objective ?? null,
      bound: r.bound ?? null,
      gap: r.gap ?? null,
      solve_s: Number(r.solve_s),
      peak_mb: Number(r.peak_mb),
      rows: Number(r.rows),
      columns: Number(r.columns),
    };
  } catch (error) {
    process.stderr.write(`stress: native HiGHS failed: ${String(error).slice(0, 300)}\n`);
    return { status: "crashed", objective: null, bound: null, gap: null, solve_s: 0, peak_mb: 0 };
  }
}

interface Summary {
  readonly instances: number;
  readonly gigasiteDecided: number;
  readonly plainDecided: number;
  readonly bothDecided: number;
  readonly onlyGigasite: number;
  readonly onlyPlain: number;
  readonly disagreements: number;
  readonly medianRatio: number | null;
  readonly maxOverrunS: number;
}

function summarize(rows: readonly Row[]): Summary {
  const ratios = rows.flatMap((r) => (r.ratio === null ? [] : [r.ratio])).sort((a, b) => a - b);
  const mid = Math.floor(ratios.length / 2);
  const plainDecided = (r: Row): boolean => r.plain !== null && decided(r.plain.status);
  return {
    instances: rows.length,
    gigasiteDecided: rows.filter((r) => decided(r.gigasite.status)).length,
    plainDecided: rows.filter(plainDecided).length,
    bothDecided: rows.filter((r) => decided(r.gigasite.status) && plainDecided(r)).length,
    onlyGigasite: rows.filter((r) => decided(r.gigasite.status) && r.plain !== null && !plainDecided(r)).length,
    onlyPlain: rows.filter((r) => !decided(r.gigasite.status) && plainDecided(r)).length,
    disagreements: rows.filter((r) => r.agree === false).length,
    medianRatio: ratios.length === 0 ? null : ratios.length % 2 ? (ratios[mid] as number) : ((ratios[mid - 1] as number) + (ratios[mid] as number)) / 2,
    maxOverrunS: Math.max(0, ...rows.map((r) => r.gigasite.overrun_s ?? 0)),
  };
}

function previousResults(date: string): Record<string, Row> {
  if (!existsSync("bench/results")) return {};
  const files = readdirSync("bench/results")
    .filter((f) => /^stress-\d{4}-\d{2}-\d{2}\.json$/.test(f) && f !== `stress-${date}.json`)
    .sort();
  const newest = files.at(-1);
  if (newest === undefined) return {};
  const data = JSON.parse(readFileSync(join("bench/results", newest), "utf8")) as { rows: Row[] };
  return Object.fromEntries(data.rows.map((r) => [r.id, r]));
}

function markdownTable(
  rows: readonly Row[],
  s: Summary,
  machine: Record<string, unknown>,
  limitS: number,
  plainLimitS: number,
  previous: Record<string, Row>,
): string {
  const num = (v: number | null | undefined, digits = 3): string => (v === null || v === undefined || !Number.isFinite(v) ? "" : v.toFixed(digits));
  const pct = (v: number | null | undefined): string => (v === null || v === undefined ? "" : `${(100 * v).toFixed(2)}%`);
  const lines = [
    `# Stress set, ${machine.date}`,
    "",
    `gigasite (default engine, time limit ${limitS} s, whole run) against native HiGHS (scipy ${plainLimitS} s, plain time-indexed model, bench/plain_highs.py).`,
    `Machine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}; shared with other work, so times are indicative.`,
    "",
    "| id | cands | screened | gigasite | objective | bound | gap | solve s | overrun s | peak MB | HiGHS plain | objective | bound | solve s | peak MB | agree | ratio | before |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const g = r.gigasite;
    const p = r.plain;
    const before = previous[r.id];
    lines.push(
      `| ${r.id} | ${r.candidates} | ${r.screened} | ${g.status} | ${num(g.objective)} | ${num(g.bound)} | ${pct(g.gap)} | ${num(g.solve_s, 1)} | ${num(g.overrun_s, 2)} | ${num(g.peak_mb, 0)} | ${p?.status ?? ""} | ${num(p?.objective)} | ${num(p?.bound)} | ${num(p?.solve_s, 1)} | ${num(p?.peak_mb, 0)} | ${r.agree === null ? "" : r.agree ? "yes" : "NO"} | ${num(r.ratio, 3)} | ${before === undefined ? "" : `${before.gigasite.status} ${num(before.gigasite.solve_s, 1)} s`} |`,
    );
  }
  lines.push(
    "",
    `Decided: gigasite ${s.gigasiteDecided} of ${s.instances}, native HiGHS ${s.plainDecided}; both ${s.bothDecided}, only gigasite ${s.onlyGigasite}, only HiGHS ${s.onlyPlain}; disagreements ${s.disagreements}.`,
    `Median ratio of solve times (gigasite / HiGHS) where both decide: ${num(s.medianRatio, 3)}. Largest overrun of the time limit: ${num(s.maxOverrunS, 2)} s.`,
    "",
    "Instances (money in $B):",
    ...rows.map((r) => `- ${r.id}: ${r.name}${r.control ? " (control)" : ""}`),
    "",
  );
  return lines.join("\n");
}
