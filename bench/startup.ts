/**
 * Start-up of the command line: wall time of `gigasite --help` and `gigasite validate
 * data/sites.csv`, each a fresh process, for the README's command `node bin/gigasite.js` (the
 * compiled dist/) and for the sources through tsx (`npm run dev`, and what bin/gigasite.js falls
 * back to while dist/ is stale), in the same run. Medians of `runs`, after one warm-up each (so
 * the file cache is warm for both). Goal: the README's command starts in under 1 s.
 *
 *   npx tsx bench/startup.ts [runs=7]
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { build, distIsStale } from "../scripts/build.mjs";

export interface StartupRow {
  readonly command: string;
  readonly path: "compiled" | "tsx";
  readonly runs: number;
  readonly median_ms: number;
  readonly min_ms: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

const PATHS = {
  compiled: ["bin/gigasite.js"],
  tsx: [tsxCli, "src/cli/main.ts"],
} as const;

const COMMANDS: readonly (readonly string[])[] = [["--help"], ["validate", "data/sites.csv"]];

function timeOnce(args: readonly string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
  return performance.now() - started;
}

/** Times every command on both paths, interleaved so that a busy moment hits both alike. */
export function measureStartup(runs: number): StartupRow[] {
  const rows: StartupRow[] = [];
  for (const command of COMMANDS) {
    const times: Record<keyof typeof PATHS, number[]> = { compiled: [], tsx: [] };
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) timeOnce([...PATHS[path], ...command]);
    for (let i = 0; i < runs; i++) {
      for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) times[path].push(timeOnce([...PATHS[path], ...command]));
    }
    for (const path of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      rows.push({
        command: `gigasite ${command.join(" ")}`,
        path,
        runs,
        median_ms: Math.round(median(times[path])),
        min_ms: Math.round(Math.min(...times[path])),
      });
    }
  }
  return rows;
}

/** The rows as text lines: command, compiled median, tsx median, ratio. */
export function startupLines(rows: readonly StartupRow[]): string[] {
  const lines = ["start-up (fresh process, median wall time):"];
  for (const command of new Set(rows.map((r) => r.command))) {
    const compiled = rows.find((r) => r.command === command && r.path === "compiled");
    const tsx = rows.find((r) => r.command === command && r.path === "tsx");
    if (!compiled || !tsx) continue;
    lines.push(
      `  ${command.padEnd(34)} compiled ${String(compiled.median_ms).padStart(5)} ms   tsx ${String(tsx.median_ms).padStart(5)} ms   (${(tsx.median_ms / compiled.median_ms).toFixed(1)}× faster)`,
    );
  }
  const help = rows.find((r) => r.command === "gigasite --help" && r.path === "compiled");
  if (help) lines.push(`  goal: node bin/gigasite.js --help under 1,000 ms: ${help.median_ms < 1000 ? "met" : "NOT met"} (${help.median_ms} ms)`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A stale dist/ would time the sources under the compiled label.
  if (distIsStale() && !build({ clean: false }).emitted) throw new Error("bench: could not build dist/ (npm run build)");
  const runs = Number(process.argv[2] ?? 7);
  process.stdout.write(`${startupLines(measureStartup(runs)).join("\n")}\n`);
}
