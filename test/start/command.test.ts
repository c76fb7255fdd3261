/**
 * The README's command, `node bin/gigasite.js`, in a copy of the checkout: it works with dist/
 * built, missing or stale, twice at once, after a first call is interrupted and after a build is
 * interrupted (the build is swapped in whole, so dist/ is either the old build or the new one).
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, until } from "../helpers/processes.ts";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const checkout = mkdtempSync(join(tmpdir(), "gigasite-start-"));
const bin = join(checkout, "bin", "gigasite.js");

afterAll(() => rmSync(checkout, { recursive: true, force: true }));

beforeAll(() => {
  for (const path of ["bin", "scripts", "src", "package.json", "tsconfig.json", "tsconfig.build.json", "data/sites.csv", "models/baseline.json"]) {
    cpSync(join(repo, path), join(checkout, path), { recursive: true });
  }
  symlinkSync(join(repo, "node_modules"), join(checkout, "node_modules"));
  // The repository's own build (test/globalSetup.ts keeps it current), copied after the sources so it reads as fresh.
  cpSync(join(repo, "dist"), join(checkout, "dist"), { recursive: true });
});

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/gigasite.js ARGS` in `cwd` (the copy's root unless said). */
async function gigasite(args: readonly string[], cwd = checkout): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Two `validate` calls at the same moment; both must succeed. */
async function twiceAtOnce(): Promise<void> {
  const both = await Promise.all([gigasite(["validate", "data/sites.csv"]), gigasite(["validate", "data/sites.csv"])]);
  for (const outcome of both) {
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toMatch(/^data\/sites\.csv: \d+ sites, valid/);
    expect(outcome.code).toBe(0);
  }
}

/** Starts a process in its own group, waits for `ready`, then signals the whole group. */
async function interrupt(args: readonly string[], ready: (pid: number) => boolean, signal: NodeJS.Signals): Promise<void> {
  const child = spawn(process.execPath, args, { cwd: checkout, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const { ended } = collect(child);
  await until(() => ready(child.pid ?? 0) || child.exitCode !== null, "the process to get going");
  if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, signal);
  await ended;
}

/** True a second after the build with this pid has made its staging folder (tsc is then running). */
function building(): (pid: number) => boolean {
  let seenAt: number | undefined;
  return (pid) => {
    if (seenAt === undefined && readdirSync(checkout).includes(`.dist-build-${pid}`)) seenAt = Date.now();
    return seenAt !== undefined && Date.now() - seenAt > 1000;
  };
}

/** True once `ms` have passed since the call that made it. */
function after(ms: number): () => boolean {
  const start = Date.now();
  return () => Date.now() - start > ms;
}

describe("node bin/gigasite.js, the command the README gives", () => {
  it("runs the built CLI twice at once, and from a sub-folder", async () => {
    await twiceAtOnce();
    const fromModels = await gigasite(["validate", "baseline.json"], join(checkout, "models"));
    expect(fromModels.stdout).toContain("baseline.json");
    expect(fromModels.code).toBe(0);
    // Outside the repository the defaults are missing, and the message says why.
    const outside = await gigasite(["run", "--out", join(checkout, "out-outside")], tmpdir());
    expect(outside.stderr).toContain("data/sites.csv: no such file");
    expect(outside.stderr).toContain(`paths are relative to the current folder, ${tmpdir()}`);
    expect(outside.code).toBe(2);
  });

  it("runs the sources when dist/ is stale or missing, twice at once, and after a first call is interrupted", { timeout: 180_000 }, async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(checkout, "src", "index.ts"), later, later);
    await twiceAtOnce();
    rmSync(join(checkout, "dist"), { recursive: true, force: true });
    await interrupt([bin, "run", "--out", join(checkout, "out-interrupted")], after(700), "SIGINT");
    await twiceAtOnce();
  });

  it("keeps a working CLI when a build is interrupted, with or without an earlier build", { timeout: 180_000 }, async () => {
    // No dist/ (the test before removed it): a build killed while tsc runs leaves none, and the sources run.
    await interrupt([join(checkout, "scripts", "build.mjs")], building(), "SIGKILL");
    expect(existsSync(join(checkout, "dist"))).toBe(false);
    await twiceAtOnce();
    // With a build in place: the interrupted build leaves it whole.
    cpSync(join(repo, "dist"), join(checkout, "dist"), { recursive: true });
    await interrupt([join(checkout, "scripts", "build.mjs")], building(), "SIGKILL");
    expect(existsSync(join(checkout, "dist", "cli", "main.js"))).toBe(true);
    await twiceAtOnce();
  });
});
