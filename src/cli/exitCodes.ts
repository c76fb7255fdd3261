/** Process exit codes, documented in README.md ("Exit codes"). */
export const EXIT = {
  /** Solved to proven optimality (or the command did its job). */
  ok: 0,
  /** An internal error: a bug in gigasite. */
  bug: 1,
  /** Bad input: the sites CSV, a model file, a layer or a command-line option. */
  badInput: 2,
  /** The model has no feasible selection; the reasons are printed. */
  infeasible: 3,
  /** The solver hit its time limit or stopped early (an engine failure): the best selection found is written with its gap, or none was found. */
  timeLimit: 4,
  /** The environment: the file system refused (permission, full disk, a file where a folder must be). */
  environment: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports as a message and an exit code, never as a stack trace. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/**
 * Turns a writer's outcome into a failure unless it wrote: a refusal is bad input (exit 2), a
 * file-system failure the environment's (exit 5).
 * @example ensureWritten(await writeOutputs(dir, files))
 */
export function ensureWritten<T extends { readonly status: "written" } | { readonly status: "refused" | "failed"; readonly message: string }>(
  outcome: T,
): asserts outcome is Extract<T, { readonly status: "written" }> {
  if (outcome.status === "written") return;
  throw new CliFailure(outcome.message, outcome.status === "refused" ? EXIT.badInput : EXIT.environment);
}
