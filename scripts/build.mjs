#!/usr/bin/env node
/**
 * Compiles src/ to dist/ with tsc (tsconfig.build.json). `npm ci` runs it through the `prepare`
 * script, so a fresh clone's `gigasite` runs compiled JavaScript in one process.
 *
 *   node scripts/build.mjs            # clean build (what `npm run build` and `prepare` do)
 *   node scripts/build.mjs --if-stale # incremental, and only when a source is newer than the last build
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const stamp = join(dist, ".built");

function newestMtimeMs(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/** True when dist/ is missing or older than a source or a tsconfig. */
export function distIsStale() {
  if (!existsSync(stamp)) return true;
  const sources = Math.max(
    newestMtimeMs(join(root, "src")),
    ...["tsconfig.json", "tsconfig.build.json", "package.json"].map((f) => statSync(join(root, f)).mtimeMs),
  );
  return sources > statSync(stamp).mtimeMs;
}

/**
 * Runs tsc. Type errors do not stop the JavaScript from being written (tsc emits anyway), so
 * the result says which: `{ ok, emitted, output }`.
 */
export function build({ clean = true } = {}) {
  if (clean) rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, encoding: "utf8" });
  const emitted = existsSync(join(dist, "cli", "main.js"));
  if (emitted) writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return { ok: run.status === 0, emitted, output: `${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? String(run.error) : ""}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && !distIsStale()) process.exit(0);
  const result = build({ clean: !ifStale });
  if (!result.ok) {
    process.stderr.write(result.output);
    process.stderr.write("gigasite build: tsc reported errors (see above)\n");
    process.exit(1);
  }
}
