#!/usr/bin/env node
import { CommanderError } from "commander";
import { pc } from "./colors.ts";
import { CliFailure, EXIT, type ExitCode } from "./exitCodes.ts";
import { installInterruptHandlers } from "./interrupt.ts";
import { buildProgram } from "./program.ts";

const debug = process.argv.includes("--debug");

// A reader that closes early (`gigasite validate bad.csv 2>&1 | head -1`) is not a failure of
// gigasite: the rest of the output has nowhere to go, so it is dropped, and the command ends with
// its own exit code. Any other stream error is still thrown.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}

/** Runs a command body and turns every outcome into an exit code; only bugs show details, and only with --debug. */
async function act(fn: () => Promise<ExitCode>): Promise<void> {
  installInterruptHandlers();
  try {
    process.exitCode = await fn();
  } catch (error) {
    // The library is loaded here, not above, so `--help` and `--version` never pay for it.
    const { cleanText, describeFsError, FsFailure } = await import("../index.ts");
    if (error instanceof CliFailure) {
      process.stderr.write(`${pc.red("error:")} ${cleanText(error.message)}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // A file system that refuses is the environment's doing, not a bug: say which path and why.
    const fsProblem = error instanceof FsFailure ? error.problem : describeFsError(error);
    if (fsProblem !== undefined) {
      process.stderr.write(`${pc.red("error:")} ${cleanText(fsProblem.message)}\n`);
      process.exitCode = EXIT.environment;
      return;
    }
    process.stderr.write(`${pc.red("internal error: this is a bug in gigasite.")} ${cleanText(error instanceof Error ? error.message : String(error))}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write("Run again with --debug for the details, and please report it.\n");
    process.exitCode = EXIT.bug;
  }
}

try {
  await buildProgram(act).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else {
    await act(() => Promise.reject(error));
  }
}
