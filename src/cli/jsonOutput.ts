/**
 * The `--json` contract of every command: a result is one JSON document on stdout carrying
 * `format` and `version`; a failure is the same error document on stdout, whatever the command,
 * with the exit code. Input problems found on the way are collected here (not printed as text)
 * so that the error document can list them all.
 */
import type { InputIssue } from "../index.ts";
import { EXIT, type ExitCode } from "./exitCodes.ts";

/** Version of the error document (`format: "gigasite-error"`). */
export const ERROR_JSON_VERSION = 1;

const state = { on: false, printed: false, issues: [] as InputIssue[] };

/** Whether this process answers in JSON: its command line holds `--json` (before a `--`). */
export function jsonRequested(argv: readonly string[] = process.argv): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

/** Turns JSON mode on for this process (main.ts, from the command line). */
export function setJsonMode(on: boolean): void {
  state.on = on;
}

export const jsonMode = (): boolean => state.on;

/** Prints a command's JSON result: `value` with its `format` and `version`, or text already serialized. */
export function printJson(value: string | object): void {
  state.printed = true;
  process.stdout.write(typeof value === "string" ? (value.endsWith("\n") ? value : `${value}\n`) : `${JSON.stringify(value, null, 2)}\n`);
}

/** Keeps input issues for the error document (JSON mode). */
export function collectIssues(issues: readonly InputIssue[]): void {
  state.issues.push(...issues);
}

const EXIT_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(EXIT).map(([name, code]) => [code, name]));

/** The error document: what failed, the exit code and its name, and every input issue collected. */
export async function errorJson(command: string, exitCode: ExitCode | number, message: string | null): Promise<Record<string, unknown>> {
  // The library is loaded only here, so that --help and --version never pay for it.
  const { issuesToJson } = await import("../index.ts");
  const errors = state.issues.filter((i) => i.severity === "error");
  return {
    format: "gigasite-error",
    version: ERROR_JSON_VERSION,
    command,
    exit_code: exitCode,
    error: EXIT_NAMES[exitCode] ?? "error",
    message: message ?? (errors.length > 0 ? `${errors.length} input error${errors.length === 1 ? "" : "s"}` : `exit code ${exitCode}`),
    issues: issuesToJson(state.issues),
  };
}

/** In JSON mode, a command that failed without printing its result prints the error document instead. */
export async function printErrorJsonIfNeeded(command: string, exitCode: number, message: string | null = null): Promise<void> {
  if (!state.on || state.printed || exitCode === EXIT.ok) return;
  printJson(JSON.stringify(await errorJson(command, exitCode, message), null, 2));
}

/** The command's name from the command line: "run", "import gppd". */
export function commandName(argv: readonly string[] = process.argv): string {
  const words = argv.slice(2).filter((a) => !a.startsWith("-"));
  return words[0] === "import" && words[1] !== undefined ? `import ${words[1]}` : (words[0] ?? "");
}
