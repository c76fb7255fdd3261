/**
 * Ctrl-C and SIGTERM while a solver is working: the solve runs in a worker thread, so the main
 * thread answers at once, says what it was doing and exits 130 (watch mode: stops, exit 0).
 * The model is the baseline with cash so tight that HiGHS works for minutes (about 150 CPU
 * seconds here) before it gives up; each test interrupts it once the solve has started, seen in
 * the status line on a terminal or, when piped, by CPU time spent (loading takes about one second).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GIGASITE_BIN } from "../helpers/gigasiteCli.ts";
import { collect, cpuSeconds, gigasiteProcesses, hasScript, onTerminal, processesWith, until } from "../helpers/processes.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-solve-signals-"));
const model = join(dir, "tight-cash.json");
const baseline = JSON.parse(readFileSync("models/baseline.json", "utf8")) as {
  name: string;
  schedule: Record<string, unknown>;
  optimization: Record<string, unknown>;
};
baseline.name = "tight-cash";
baseline.schedule.tranches = { amountBn: 8.6, equityBn: 8.6, cashRule: true };
baseline.schedule.capexDraw = { upfrontShare: 0.2 };
baseline.optimization.timeLimitSeconds = 900;
writeFileSync(model, JSON.stringify(baseline));

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** A copy of the model in a folder of its own, whose path marks the process that reads it. */
function modelCopy(folder: string): string {
  const path = join(dir, folder, "tight-cash.json");
  mkdirSync(join(dir, folder));
  writeFileSync(path, JSON.stringify(baseline));
  return path;
}

const runArgs = (out: string, ...more: string[]): string[] => [GIGASITE_BIN, "run", "--model", model, "--out", out, "--no-report", ...more];

/** CPU seconds after which the piped process is surely solving (loading costs about one). */
const SOLVING_AFTER_CPU_S = 4;

function piped(args: readonly string[]): { child: ChildProcess; output: () => string; ended: ReturnType<typeof collect>["ended"] } {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  started.push(child);
  return { child, ...collect(child) };
}

describe.runIf(hasScript)("interrupting a solve on a terminal", () => {
  it("Ctrl-C during run's solve: the status line goes, the terminal is restored, it says how long it solved, exit 130, nothing left", async () => {
    const out = join(dir, "ctrl-c");
    const run = onTerminal(runArgs(out));
    started.push(run.child);
    await until(() => /solving \d+ cand/.test(run.output()), "the solve's status line", 90_000);
    run.child.stdin?.write("\x03");
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    expect(ended.output).toMatch(/\r?\ninterrupted \(Ctrl-C\): during the solve, after \d+\.\d s; nothing written\r?\n$/);
    const lastStatus = ended.output.lastIndexOf("solving");
    expect(ended.output.indexOf("\r\x1b[2K", lastStatus)).toBeGreaterThan(lastStatus);
    expect(ended.output.lastIndexOf("\x1b[?25h")).toBeGreaterThan(lastStatus);
    expect(ended.output.lastIndexOf("\x1b[?7h")).toBeGreaterThan(lastStatus);
    expect(existsSync(join(out, "tight-cash"))).toBe(false);
    expect(processesWith(out)).toEqual([]);
  }, 150_000);

  it("SIGTERM to the gigasite process during explain's solve: exit 130 with the note, nothing left", async () => {
    // explain writes no folder: a copy of the model in a folder of its own marks the process.
    const ownModel = modelCopy("explain-term");
    const run = onTerminal([GIGASITE_BIN, "explain", "S0001", "--model", ownModel]);
    started.push(run.child);
    await until(() => /solving \d+ cand/.test(run.output()), "the solve's status line", 90_000);
    const node = gigasiteProcesses(ownModel);
    expect(node.length).toBeGreaterThan(0);
    for (const pid of node) process.kill(pid, "SIGTERM");
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    expect(ended.output).toMatch(/interrupted \(SIGTERM\): during the solve, after \d+\.\d s; nothing written\r?\n$/);
    expect(processesWith(ownModel)).toEqual([]);
  }, 150_000);
});

describe("interrupting a solve when output is piped", () => {
  it("SIGTERM during run's solve: exit 130, one line saying so, no process left, nothing written", async () => {
    const out = join(dir, "term-piped");
    const run = piped(runArgs(out));
    const pid = run.child.pid ?? 0;
    await until(() => run.child.exitCode === null && cpuSeconds(pid) >= SOLVING_AFTER_CPU_S, "the solve to be under way", 120_000);
    run.child.kill("SIGTERM");
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    expect(ended.output.trim().split("\n").at(-1)).toMatch(/^interrupted \(SIGTERM\): during the solve, after \d+\.\d s; nothing written$/);
    expect(ended.output).not.toContain("\x1b[");
    expect(existsSync(join(out, "tight-cash"))).toBe(false);
    expect(processesWith(out)).toEqual([]);
  }, 150_000);

  it("Ctrl-C during watch mode's first solve stops watching at once: exit 0, no output folder, no process left", async () => {
    const out = join(dir, "watch-int");
    const run = piped(runArgs(out, "--watch"));
    const pid = run.child.pid ?? 0;
    await until(() => run.child.exitCode === null && cpuSeconds(pid) >= SOLVING_AFTER_CPU_S, "the solve to be under way", 120_000);
    run.child.kill("SIGINT");
    const ended = await run.ended;
    expect(ended.code).toBe(0);
    expect(ended.output).toContain("stopped watching");
    expect(ended.output).not.toContain("internal error");
    expect(existsSync(join(out, "tight-cash"))).toBe(false);
    expect(processesWith(out)).toEqual([]);
  }, 150_000);
});
