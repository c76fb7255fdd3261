#!/usr/bin/env node
import { CommanderError } from "commander";
import { pc } from "./colors.ts";
import { CliFailure, EXIT, type ExitCode } from "./exitCodes.ts";
import { installInterruptHandlers } from "./interrupt.ts";
import { commandName, jsonRequested, printErrorJsonIfNeeded, setJsonMode } from "./jsonOutput.ts";
import { buildProgram } from "./program.ts";

const debug = process.argv.includes("--debug");
setJsonMode(jsonRequested());

// A reader that closes early (`gigasite validate bad.csv 2>&1 | head -1`) is not a failure of
// gigasite: the rest of the output has nowhere to go, so it is dropped, and the command ends with
// its own exit code. Any other stream error is still thrown.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}

/**
 * Runs a command body and turns every outcome into an exit code; only bugs show details, and only
 * with --debug. With --json, a failure is also the error document on stdout.
 */
async function act(fn: () => Promise<ExitCode>): Promise<void> {
  installInterruptHandlers();
  try {
    process.exitCode = await fn();
    await printErrorJsonIfNeeded(commandName(), process.exitCode);
  } catch (error) {
    // The library is loaded here, not above, so `--help` and `--version` never pay for it.
    const { cleanText, describeFsError, FsFailure, InternalError } = await import("../index.ts");
    const fail = async (message: string, code: ExitCode): Promise<void> => {
      process.stderr.write(`${pc.red("error:")} ${message}\n`);
      process.exitCode = code;
      await printErrorJsonIfNeeded(commandName(), code, message);
    };
    if (error instanceof CliFailure) return fail(cleanText(error.message), error.exitCode);
    // A file system that refuses is the environment's doing, not a bug: say which path and why.
    // An InternalError is a bug by its class, whatever its message or fields say.
    const fsProblem = error instanceof InternalError ? undefined : error instanceof FsFailure ? error.problem : describeFsError(error);
    if (fsProblem !== undefined) return fail(cleanText(fsProblem.message), EXIT.environment);
    const message = cleanText(error instanceof Error ? error.message : String(error));
    process.stderr.write(`${pc.red("internal error: this is a bug in gigasite.")} ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write("Run again with --debug for the details, and please report it.\n");
    process.exitCode = EXIT.bug;
    await printErrorJsonIfNeeded(commandName(), EXIT.bug, `internal error: this is a bug in gigasite. ${message}`);
  }
}

try {
  await buildProgram(act).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    await printErrorJsonIfNeeded(commandName(), process.exitCode, error.message.replace(/^error: /, ""));
  } else {
    await act(() => Promise.reject(error));
  }
}
