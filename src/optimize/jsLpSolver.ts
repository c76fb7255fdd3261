import solverModule from "javascript-lp-solver";
import type { Model, SolveOptions, SolverAPI } from "javascript-lp-solver";
import { programObjective, type LinearProgram } from "./program.ts";

/**
 * The only file that talks to javascript-lp-solver 1.0.3. Its result object mixes metadata
 * (`feasible`, `result`, `isIntegral`) with variable values, its timeout leaves no trace in the
 * result, and its "infeasible" can be a cycle-detection exit; this adapter turns all of that
 * into {@link MipOutcome} and never trusts the reported objective.
 */
export type MipOutcome =
  | { readonly kind: "integral"; readonly values: readonly number[]; readonly timedOut: boolean; readonly nodes: number | null; readonly solveMs: number }
  | { readonly kind: "no_integral"; readonly timedOut: boolean; readonly nodes: number | null; readonly solveMs: number }
  | { readonly kind: "infeasible"; readonly timedOut: boolean; readonly nodes: number | null; readonly solveMs: number }
  /** The simplex ran far past the time limit inside one LP (cycling) and was aborted. */
  | { readonly kind: "stalled"; readonly timedOut: true; readonly nodes: null; readonly solveMs: number };

export interface JsLpOptions {
  /** 0 = no limit. */
  readonly timeLimitMs: number;
  /** Default true; false (with `exitOnCycles: false`) is the slow, careful second opinion. */
  readonly presolve?: boolean;
  readonly exitOnCycles?: boolean;
}

// The package's types describe a CommonJS module while Node loads its ESM build: the default
// export is the solver itself at run time, whatever the checker thinks.
const solver = ((solverModule as unknown as { default?: SolverAPI }).default ?? solverModule) as SolverAPI;

/**
 * jsLPSolver checks its timeout only between branch-and-bound nodes, and its phase-1 simplex
 * can cycle forever under Bland's rule in floating point (seen on small infeasible models, with
 * or without presolve and cycle detection). Every simplex loop goes through `Tableau#pivot`, so
 * we wrap it once: when a deadline is armed and passed, it throws {@link Stalled} out of
 * `Solve`. The deadline is well past the time limit, so a normal timeout (which keeps the
 * incumbent) always happens first.
 */
class Stalled extends Error {}
let pivotDeadline = Infinity;
let pivotCount = 0;
const tableauPrototype = (solver as unknown as { Tableau?: { prototype: { pivot?: (r: number, c: number) => void } } }).Tableau?.prototype;
const originalPivot = tableauPrototype?.pivot;
if (tableauPrototype !== undefined && originalPivot !== undefined) {
  tableauPrototype.pivot = function guardedPivot(this: unknown, row: number, column: number): void {
    // Date.now() every 256 pivots keeps the guard's cost out of the profile.
    if ((++pivotCount & 255) === 0 && Date.now() > pivotDeadline) throw new Stalled("simplex stalled");
    originalPivot.call(this, row, column);
  };
}

/** How long past the time limit a single LP may run before it is treated as cycling. */
export function stallDeadlineMs(timeLimitMs: number): number {
  return timeLimitMs > 0 ? timeLimitMs * 1.5 + 2000 : Infinity;
}

function guarded<T>(timeLimitMs: number, run: () => T): T | Stalled {
  pivotDeadline = Date.now() + stallDeadlineMs(timeLimitMs);
  try {
    return run();
  } catch (error) {
    if (error instanceof Stalled) return error;
    throw error;
  } finally {
    pivotDeadline = Infinity;
  }
}

/** Values within this of 0 or 1 count as integral. */
export const INTEGRALITY_TOLERANCE = 1e-6;
const OBJECTIVE_KEY = "objective_value";

/** A row without terms is `0 sense rhs`: either always true (dropped) or the model is infeasible. */
function emptyRowBreaks(program: LinearProgram): boolean {
  return program.rows.some((row) => {
    if (row.terms.some((t) => t.coefficient !== 0)) return false;
    return row.sense === "<=" ? 0 > row.rhs : row.sense === ">=" ? 0 < row.rhs : row.rhs !== 0;
  });
}

/**
 * The jsLPSolver JSON model of a program; `relax` drops integrality and adds `v <= 1` rows.
 * @example toJsLpModel(program, false).binaries // { x_0: 1, ... }
 */
export function toJsLpModel(program: LinearProgram, relax: boolean, options: SolveOptions = {}): Model {
  const variables: Record<string, Record<string, number>> = {};
  for (const v of program.variables) variables[v.name] = v.objective !== 0 ? { [OBJECTIVE_KEY]: v.objective } : {};
  const constraints: Model["constraints"] = {};
  for (const row of program.rows) {
    const terms = row.terms.filter((t) => t.coefficient !== 0);
    if (terms.length === 0) continue;
    // `{ min: k }` rather than `-x <= -k`: presolve drops objective terms of variables forced that way.
    constraints[row.name] = row.sense === "<=" ? { max: row.rhs } : row.sense === ">=" ? { min: row.rhs } : { equal: row.rhs };
    for (const t of terms) {
      const name = program.variables[t.variable]?.name;
      if (name === undefined) throw new Error(`row ${row.name} refers to unknown variable ${t.variable} (this is a bug)`);
      const coefficients = variables[name] as Record<string, number>;
      coefficients[row.name] = (coefficients[row.name] ?? 0) + t.coefficient;
    }
  }
  const model: Model = { optimize: OBJECTIVE_KEY, opType: program.sense, constraints, variables, options };
  if (relax) {
    for (const v of program.variables) {
      constraints[`ub_${v.name}`] = { max: 1 };
      (variables[v.name] as Record<string, number>)[`ub_${v.name}`] = 1;
    }
  } else {
    model.binaries = Object.fromEntries(program.variables.map((v) => [v.name, 1]));
  }
  return model;
}

interface FullSolution {
  readonly feasible: boolean;
  readonly solutionSet?: Record<string, number>;
  readonly iter?: number;
}

function valuesOf(program: LinearProgram, solutionSet: Record<string, number> | undefined): number[] {
  return program.variables.map((v) => solutionSet?.[v.name] ?? 0);
}

/**
 * Solves the 0/1 program with jsLPSolver. Accepts an answer only when every variable is within
 * {@link INTEGRALITY_TOLERANCE} of 0 or 1; whether the time limit cut the search short is
 * judged from the elapsed time, since the result does not say.
 * @example solveWithJsLpSolver(program, { timeLimitMs: 5000 }).kind // "integral"
 */
export function solveWithJsLpSolver(program: LinearProgram, options: JsLpOptions): MipOutcome {
  const started = performance.now();
  if (emptyRowBreaks(program)) return { kind: "infeasible", timedOut: false, nodes: 0, solveMs: 0 };
  const solveOptions: SolveOptions = {
    ...(options.timeLimitMs > 0 ? { timeout: options.timeLimitMs } : {}),
    ...(options.presolve === false ? { presolve: false } : {}),
    ...(options.exitOnCycles === false ? { exitOnCycles: false } : {}),
  };
  const model = toJsLpModel(program, false, solveOptions);
  const solution = guarded(options.timeLimitMs, () => solver.Solve(model, undefined, true) as FullSolution);
  const solveMs = performance.now() - started;
  if (solution instanceof Stalled) return { kind: "stalled", timedOut: true, nodes: null, solveMs };
  const timedOut = options.timeLimitMs > 0 && solveMs >= options.timeLimitMs;
  const nodes = typeof solution.iter === "number" ? solution.iter : null;
  if (!solution.feasible) return { kind: "infeasible", timedOut, nodes, solveMs };
  const values = valuesOf(program, solution.solutionSet);
  const integral = values.every((v) => Math.abs(v) <= INTEGRALITY_TOLERANCE || Math.abs(v - 1) <= INTEGRALITY_TOLERANCE);
  if (!integral) return { kind: "no_integral", timedOut, nodes, solveMs };
  return { kind: "integral", values: values.map((v) => Math.round(v)), timedOut, nodes, solveMs };
}

/**
 * The LP relaxation's optimum (offset included), a valid bound on the 0/1 optimum; null when
 * the relaxation is infeasible.
 * @example lpRelaxationBound(program) // e.g. 912.4 for a maxScore model
 */
export function lpRelaxationBound(program: LinearProgram, timeLimitMs: number): number | null {
  if (emptyRowBreaks(program)) return null;
  const solution = guarded(timeLimitMs, () => solver.Solve(toJsLpModel(program, true), undefined, true) as FullSolution);
  if (solution instanceof Stalled || !solution.feasible) return null;
  return programObjective(program, valuesOf(program, solution.solutionSet));
}
