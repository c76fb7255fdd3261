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

/** Runs the CLI in a child process (colours off) and returns its exit code and output. */
export async function gigasite(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, gigasiteArgs(...args), { env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
