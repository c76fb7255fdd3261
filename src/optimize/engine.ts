/**
 * What every engine adapter returns for one solve of a {@link LinearProgram}: whole values,
 * a proven bound where the engine has one, and how the search ended. Nothing else of an
 * engine's result object leaves its adapter.
 */
import type { LinearProgram } from "./program.ts";

export type EngineOutcome =
  /** Proven optimal (zero gap). */
  | { readonly kind: "optimal"; readonly values: readonly number[]; readonly bound: number; readonly nodes: number | null; readonly ms: number }
  /** Stopped by the time limit; `values` is the best incumbent, if any. */
  | {
      readonly kind: "time_limit";
      readonly values: readonly number[] | null;
      readonly bound: number | null;
      readonly nodes: number | null;
      readonly ms: number;
    }
  | { readonly kind: "infeasible"; readonly nodes: number | null; readonly ms: number }
  /** The engine failed without a proof either way. */
  | { readonly kind: "failed"; readonly message: string; readonly ms: number };

export interface EngineProgress {
  readonly elapsedMs: number;
  readonly incumbent: number | null;
  readonly bound: number | null;
}

export interface EngineOptions {
  /** 0 = no limit. */
  readonly timeLimitMs: number;
  /** A feasible point to start from (values per variable), when one is known. */
  readonly start?: readonly number[] | undefined;
  readonly onProgress?: ((progress: EngineProgress) => void) | undefined;
  /** False: skip the engine's presolve (HiGHS only; default true). */
  readonly presolve?: boolean;
}

export type EngineSolve = (program: LinearProgram, options: EngineOptions) => Promise<EngineOutcome>;

/** Values within this of an integer count as whole. */
export const INTEGRALITY_TOLERANCE = 1e-6;

/** Rounds binaries; keeps continuous values. Null when a binary is not whole. */
export function wholeValues(program: LinearProgram, values: ArrayLike<number>): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < program.variables.length; i++) {
    const v = values[i] ?? 0;
    if (program.variables[i]?.kind === "binary") {
      const r = Math.round(v);
      if (Math.abs(v - r) > INTEGRALITY_TOLERANCE) return null;
      out.push(r);
    } else out.push(Math.max(0, v));
  }
  return out;
}
