import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GIGASITE_BIN } from "../helpers/gigasiteCli.ts";
import { collect, gigasiteProcesses, hasScript, onTerminal, processesWith, until } from "../helpers/processes.ts";
import { smallModel } from "../analysis/smallModel.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-signals-"));
const model = join(dir, "small.json");
writeFileSync(model, JSON.stringify(await smallModel()));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** A long sensitivity run on the 21-site fixture, writing into its own folder (the marker). */
function sensitivityArgs(out: string): string[] {
  return [GIGASITE_BIN, "sensitivity", "--sites", "test/fixtures/sites-small.csv", "--model", model, "--samples", "200000", "--out", out];
}

/** CPU seconds a process has used so far (Linux /proc), or null where that cannot be read. */
function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Waits `ms`, and on a busy machine longer: until the process (all its threads) has used `cpu`
 * seconds of CPU, at most `limitMs` in all.
 */
async function waitPastStartUp(pid: number, ms: number, cpu: number, limitMs: number): Promise<void> {
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  while (Date.now() - started < limitMs) {
    const used = cpuSeconds(pid);
    if (used === null || used >= cpu) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (!hasScript) console.warn("terminal signal tests skipped: /usr/bin/script (util-linux) is missing, so no pseudo-terminal can be opened");

describe.runIf(hasScript)("Ctrl-C and SIGTERM on a terminal", () => {
  /** The sensitivity run under a pseudo-terminal. */
  function sensitivityOnTerminal(out: string): ReturnType<typeof onTerminal> {
    const run = onTerminal(sensitivityArgs(out));
    started.push(run.child);
    return run;
  }

  it("Ctrl-C during sensitivity: the bar goes, the cursor and line wrap are restored, it says how far it got, exit 130, nothing left", async () => {
    const out = join(dir, "ctrl-c");
    const run = sensitivityOnTerminal(out);
    await until(() => /\d+\/200000 samples/.test(run.output()), "the progress bar");
    run.child.stdin?.write("\x03");
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    const text = ended.output;
    expect(text).toMatch(/\r?\ninterrupted \(Ctrl-C\): after \d+ of 200000 samples; nothing written\r?\n$/);
    // Whatever the bar did to the terminal is undone after its last drawing.
    const lastBar = text.lastIndexOf("samples  eta");
    for (const [off, on] of [
      ["\x1b[?25l", "\x1b[?25h"],
      ["\x1b[?7l", "\x1b[?7h"],
    ] as const) {
      if (text.lastIndexOf(off) >= 0) expect(text.lastIndexOf(on)).toBeGreaterThan(text.lastIndexOf(off));
    }
    expect(text.lastIndexOf("\x1b[?25h")).toBeGreaterThan(lastBar);
    expect(text.lastIndexOf("\x1b[?7h")).toBeGreaterThan(lastBar);
    expect(existsSync(join(out, "small", "sensitivity.csv"))).toBe(false);
    expect(processesWith(out)).toEqual([]);
  }, 120_000);

  it("SIGTERM to the gigasite process during sensitivity ends it and its worker threads, exit 130", async () => {
    const out = join(dir, "term-tty");
    const run = sensitivityOnTerminal(out);
    await until(() => /\d+\/200000 samples/.test(run.output()), "the progress bar");
    const node = gigasiteProcesses(out);
    expect(node.length).toBeGreaterThan(0);
    for (const pid of node) process.kill(pid, "SIGTERM");
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    expect(ended.output).toMatch(/interrupted \(SIGTERM\): after \d+ of 200000 samples; nothing written/);
    expect(processesWith(out)).toEqual([]);
  }, 120_000);
});

describe("signals when output is piped", () => {
  it("SIGTERM during sensitivity: exit 130, a one-line note, no process left, nothing written", async () => {
    const out = join(dir, "term-piped");
    const child = spawn(process.execPath, sensitivityArgs(out), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    started.push(child);
    const run = collect(child);
    // Piped, there is no bar to wait for. Loading, the first solve (in its worker thread) and the
    // sampling threads take about 5 s of CPU before samples are drawn, which a machine shared
    // with other work may not give in 5 s of wall time: wait for 8 s of CPU, so the signal
    // arrives while samples are drawn, as the note below expects.
    await waitPastStartUp(child.pid!, 5000, 8, 150_000);
    child.kill("SIGTERM");
    const ended = await run.ended;
    expect(ended.code).toBe(130);
    expect(ended.output.trim().split("\n").at(-1)).toMatch(/^interrupted \(SIGTERM\): (after \d+ of 200000 samples; )?nothing written$/);
    expect(ended.output).not.toContain("\x1b[");
    expect(existsSync(join(out, "small", "sensitivity.csv"))).toBe(false);
    expect(processesWith(out)).toEqual([]);
  }, 180_000);
});
