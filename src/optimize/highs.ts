import { toLpText } from "./lpText.ts";
import { programObjective, type LinearProgram } from "./program.ts";
import type { MipOutcome } from "./jsLpSolver.ts";
import { INTEGRALITY_TOLERANCE } from "./jsLpSolver.ts";

/**
 * HiGHS (WebAssembly) adapter: solves the same CPLEX LP text that `--export-lp` writes. The
 * module is loaded once per process; each `solve` builds a fresh native instance.
 */
type HighsLoader = (typeof import("highs"))["default"];
type HighsModule = Awaited<ReturnType<HighsLoader>>;

let loading: Promise<HighsModule> | null = null;
let loaded: HighsModule | null = null;

/**
 * The HiGHS module, loaded on first use. Once it has loaded, the synchronous `optimize` also
 * uses it to confirm jsLPSolver's "infeasible" answers: call this once at start-up.
 */
export function loadHighs(): Promise<HighsModule> {
  // As with jsLPSolver, the types say CommonJS while Node loads the ESM build: unwrap either way.
  loading ??= import("highs").then(async (m) => {
    const loader = ((m as unknown as { default: { default?: HighsLoader } }).default.default ?? m.default) as HighsLoader;
    loaded = await loader();
    return loaded;
  });
  return loading;
}

/** The HiGHS module if {@link loadHighs} has finished, else null. */
export function loadedHighs(): HighsModule | null {
  return loaded;
}

interface HighsColumn {
  readonly Primal?: number;
}

function columnValues(program: LinearProgram, columns: Record<string, HighsColumn>): number[] {
  return program.variables.map((v) => columns[v.name]?.Primal ?? 0);
}

/**
 * Solves the 0/1 program with HiGHS at a zero relative gap, so its "Optimal" is exact.
 * @example (await solveWithHighs(program, { timeLimitMs: 5000 })).kind // "integral"
 */
export async function solveWithHighs(program: LinearProgram, options: { readonly timeLimitMs: number }): Promise<MipOutcome> {
  return solveWithLoadedHighs(await loadHighs(), program, options);
}

/**
 * Synchronous solve with an already loaded HiGHS module.
 * @example solveWithLoadedHighs(loadedHighs()!, program, { timeLimitMs: 5000 }).kind // "infeasible"
 */
export function solveWithLoadedHighs(highs: HighsModule, program: LinearProgram, options: { readonly timeLimitMs: number }): MipOutcome {
  const started = performance.now();
  const solution = highs.solve(toLpText(program), {
    mip_rel_gap: 0,
    mip_abs_gap: 0,
    ...(options.timeLimitMs > 0 ? { time_limit: options.timeLimitMs / 1000 } : {}),
  });
  const solveMs = performance.now() - started;
  const status = solution.Status;
  const timedOut = status === "Time limit reached";
  if (status === "Infeasible") return { kind: "infeasible", timedOut: false, nodes: null, solveMs };
  if (status !== "Optimal" && !timedOut) {
    // Unbounded cannot happen with binaries; anything else is a solver failure, not a proof.
    return { kind: "no_integral", timedOut: false, nodes: null, solveMs };
  }
  const values = columnValues(program, solution.Columns as Record<string, HighsColumn>);
  const integral =
    values.length === program.variables.length &&
    values.every((v) => Math.abs(v) <= INTEGRALITY_TOLERANCE || Math.abs(v - 1) <= INTEGRALITY_TOLERANCE);
  if (!integral) return { kind: "no_integral", timedOut, nodes: null, solveMs };
  return { kind: "integral", values: values.map((v) => Math.round(v)), timedOut, nodes: null, solveMs };
}

/**
 * The LP relaxation's optimum by HiGHS (offset included), or null if it is infeasible.
 * @example await highsRelaxationBound(program) // e.g. 912.4
 */
export async function highsRelaxationBound(program: LinearProgram): Promise<number | null> {
  const highs = await loadHighs();
  const solution = highs.solve(toLpText(program, true), {});
  if (solution.Status !== "Optimal") return null;
  return programObjective(program, columnValues(program, solution.Columns as Record<string, HighsColumn>));
}
