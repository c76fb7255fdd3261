/** Helpers for tests that start gigasite, signal it and check that nothing outlives it. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** Live processes whose command line holds `marker` (a unique output folder). */
export function processTable(marker: string): { pid: number; args: string }[] {
  const table = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return table
    .split("\n")
    .filter((line) => line.includes(marker) && !line.includes("ps -eo"))
    .map((line) => {
      const trimmed = line.trim();
      const space = trimmed.search(/\s/);
      return { pid: Number(trimmed.slice(0, space)), args: trimmed.slice(space).trim() };
    });
}

/** PIDs of live processes whose command line holds `marker`. */
export function processesWith(marker: string): number[] {
  return processTable(marker).map((p) => p.pid);
}

/**
 * PIDs of the gigasite Node processes themselves: `script` runs the command through a shell, which
 * some systems keep as a parent process; a signal meant for gigasite must not go to that shell.
 */
export function gigasiteProcesses(marker: string): number[] {
  return processTable(marker)
    .filter((p) => p.args.startsWith(`${process.execPath} `))
    .map((p) => p.pid);
}

/** CPU seconds a process has used, all its threads together (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (in parentheses, which may hold spaces): utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Collects a child's stdout and stderr together, and its end. */
export function collect(child: ChildProcess): { output: () => string; ended: Promise<Ended> } {
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString("utf8")));
  const ended = new Promise<Ended>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, output })));
  return { output: () => output, ended: ended.then((e) => ({ ...e, output })) };
}

/** Waits until `condition` holds, checking every 100 ms; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True when util-linux `script` can give a child a pseudo-terminal. */
export const hasScript = existsSync("/usr/bin/script");

/** Runs `node ARGS` under a pseudo-terminal (util-linux `script`); bytes written to stdin are typed keys. */
export function onTerminal(args: readonly string[]): { child: ChildProcess; output: () => string; ended: Promise<Ended> } {
  const command = [process.execPath, ...args].map((a) => `'${a}'`).join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  return { child, ...collect(child) };
}
