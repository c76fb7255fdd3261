#!/usr/bin/env node
/**
 * Compiles src/ to dist/ with tsc (tsconfig.build.json). `npm ci` runs it through the `prepare`
 * script, so a fresh clone's `node bin/gigasite.js` runs compiled JavaScript in one process.
 *
 *   node scripts/build.mjs            # clean build (what `npm run build` does)
 *   node scripts/build.mjs --if-stale # incremental, and only when a source is newer than the last build (`prepare`)
 *
 * The build is written beside dist/ and swapped in with renames, so an interrupted build leaves
 * the previous dist/ in place (and bin/gigasite.js runs the sources when there is none).
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const stamp = join(dist, ".built");
/** Folders a build writes before its swap: `.dist-build-<pid>` (the new build) and `.dist-old-<pid>` (the replaced one). */
const STAGING = /^\.dist-(build|old)-(\d+)$/;

function newestMtimeMs(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/** True when dist/ is missing or older than a source or a tsconfig. */
export function distIsStale() {
  if (!existsSync(stamp) || !existsSync(join(dist, "cli", "main.js"))) return true;
  const sources = Math.max(
    newestMtimeMs(join(root, "src")),
    ...["tsconfig.json", "tsconfig.build.json", "package.json"].map((f) => statSync(join(root, f)).mtimeMs),
  );
  return sources > statSync(stamp).mtimeMs;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Removes the staging folders of builds that were interrupted (their process is gone). */
function removeAbandonedStaging() {
  for (const name of readdirSync(root)) {
    const match = STAGING.exec(name);
    if (match && Number(match[2]) !== process.pid && !isRunning(Number(match[2]))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** Puts the finished build in place of dist/ with two renames; a build that finished first at the same time wins. */
function swapIn(staging) {
  const old = join(root, `.dist-old-${process.pid}`);
  try {
    renameSync(dist, old);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  try {
    renameSync(staging, dist);
  } catch (error) {
    // Another build put its dist/ there between our two renames: it is built from the same sources.
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Runs tsc into a staging folder and swaps it in. Type errors do not stop the JavaScript from
 * being written (tsc emits anyway), so the result says which: `{ ok, emitted, output }`.
 * `clean: false` starts from a copy of the current dist/ (tsc's incremental build).
 */
export function build({ clean = true } = {}) {
  removeAbandonedStaging();
  const startedMs = Date.now();
  const staging = join(root, `.dist-build-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  if (!clean && existsSync(stamp)) cpSync(dist, staging, { recursive: true });
  else mkdirSync(staging);
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", staging, "--tsBuildInfoFile", join(staging, ".tsbuildinfo")];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? String(run.error) : ""}`;
  const emitted = existsSync(join(staging, "cli", "main.js"));
  if (!emitted) {
    rmSync(staging, { recursive: true, force: true });
    return { ok: false, emitted, output };
  }
  // Stamped with the time the build started, so a source saved during the build still reads as newer.
  const stagingStamp = join(staging, ".built");
  writeFileSync(stagingStamp, `${new Date(startedMs).toISOString()}\n`);
  utimesSync(stagingStamp, startedMs / 1000, startedMs / 1000);
  swapIn(staging);
  return { ok: run.status === 0, emitted, output };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && !distIsStale()) process.exit(0);
  const result = build({ clean: !ifStale });
  if (!result.ok) {
    process.stderr.write(result.output);
    process.stderr.write(result.emitted ? "gigasite build: tsc reported errors (see above)\n" : "gigasite build: nothing was emitted; dist/ is unchanged\n");
    process.exit(1);
  }
}
