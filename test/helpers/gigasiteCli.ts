import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The `gigasite` bin: the compiled CLI (test/globalSetup.ts builds dist/ when a source is newer). */
export const GIGASITE_BIN = fileURLToPath(new URL("../../bin/gigasite.js", import.meta.url));

/** node and its arguments to start `gigasite ARGS...` as a child process. */
export function gigasiteArgs(...args: readonly string[]): string[] {
  return [GIGASITE_BIN, ...args];
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in a child process (colours off) and returns its exit code and output. */
export async function gigasite(...args: string[]): Promise<CliResult> {
  return gigasiteWith({}, ...args);
}

/** {@link gigasite} with `input` written to its standard input. */
export async function gigasiteWith(options: { readonly input?: string }, ...args: string[]): Promise<CliResult> {
  const child = run(process.execPath, gigasiteArgs(...args), { env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 1 << 26 });
  child.child.stdin?.end(options.input ?? "");
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
