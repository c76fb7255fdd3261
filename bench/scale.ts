/**
 * `npx tsx bench/scale.ts [--sizes 20000,50000,100000] [--limit 60]`: the end-to-end `gigasite run`
 * (compiled CLI, report included) on generated sets of 20,000, 50,000 and 100,000 candidates
 * (bench/generate.ts, seeded), each in a fresh process under /usr/bin/time: wall time, exit code
 * and peak memory (maximum resident set size), against the time limit. Writes bench/scale.json.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scaledSitesCsv } from "./generate.ts";
import { build, distIsStale } from "../scripts/build.mjs";

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback);
const sizes = option("--sizes", "20000,50000,100000").split(",").map(Number);
const limitS = Number(option("--limit", "60"));

if (distIsStale() && !build({ clean: false }).emitted) throw new Error("bench: could not build dist/ (npm run build)");
const work = mkdtempSync(join(tmpdir(), "gigasite-scale-"));
const baseCsv = readFileSync("data/sites.csv", "utf8");
const results: Record<string, unknown>[] = [];
for (const size of sizes) {
  const sites = join(work, `sites-${size}.csv`);
  writeFileSync(sites, scaledSitesCsv(baseCsv, size));
  const run = spawnSync(
    "/usr/bin/time",
    ["-f", "%e %M", process.execPath, "bin/gigasite.js", "run", "--sites", sites, "--out", join(work, `out-${size}`), "--time-limit", String(limitS), "--json"],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const timeLine = run.stderr.trim().split("\n").at(-1) ?? "";
  const [wall, kb] = timeLine.split(" ").map(Number);
  let status: unknown = null;
  try {
    status = (JSON.parse(run.stdout) as { status?: unknown }).status ?? null;
  } catch {
    status = run.stderr.split("\n").find((l) => /error/.test(l)) ?? null;
  }
  const row = {
    sites: size,
    limitS,
    wallS: wall,
    peakMb: Math.round((kb ?? 0) / 1024),
    exitCode: run.status,
    status,
    overLimitS: Math.round(((wall ?? 0) - limitS) * 10) / 10,
  };
  results.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
writeFileSync("bench/scale.json", `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), results }, null, 2)}\n`);
