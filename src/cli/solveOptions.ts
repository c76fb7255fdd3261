import type { ProblemOptions } from "../index.ts";
import type { SolverName } from "./options.ts";

/**
 * The one place the CLI turns its solve options (`--solver`, `--time-limit`) into the library's
 * problem options, for every command that solves.
 * @example problemOptionsOf({ timeLimit: 30 }) // { timeLimitSeconds: 30 }
 */
export function problemOptionsOf(options: { readonly solver?: SolverName | undefined; readonly timeLimit?: number | undefined }): ProblemOptions {
  return {
    ...(options.solver ? { solver: options.solver } : {}),
    ...(options.timeLimit !== undefined ? { timeLimitSeconds: options.timeLimit } : {}),
  };
}
