import solverModule from "javascript-lp-solver";
import type { Model, SolveOptions, SolverAPI } from "javascript-lp-solver";
import { wholeValues, type EngineOptions, type EngineOutcome } from "./engine.ts";
import { programObjective, type LinearProgram } from "./program.ts";

/**
 * The only file that talks to javascript-lp-solver 1.0.3. Its result object mixes metadata
 * (`feasible`, `result`, `isIntegral`) with variable values, its timeout leaves no trace in the
 * result, and its "infeasible" can be a cycle-detection exit; this adapter turns all of that
 * into an {@link EngineOutcome}, confirms its own "infeasible" answers with presolve and cycle
 * exits off, and never trusts the reported objective.
 */
// The package's types describe a CommonJS module while Node loads its ESM build: the default
// export is the solver itself at run time, whatever the checker thinks.
const solver = ((solverModule as unknown as { default?: SolverAPI }).default ?? solverModule) as SolverAPI;

/**
 * jsLPSolver checks its timeout only between branch-and-bound nodes, and its phase-1 simplex
 * can cycle forever under Bland's rule in floating point (seen on small infeasible models, with
 * or without presolve and cycle detection). Every simplex loop goes through `Tableau#pivot`, so
 * we wrap it once and throw {@link Stalled} out of `Solve` when either guard trips:
 * - one LP (a phase-1, phase-2 or dual simplex run) takes more than {@link pivotCap} pivots,
 *   far more than a simplex needs on a tableau of that size, so the run is cycling;
 * - a deadline is armed and passed: one LP is still running when the time limit (plus 5% and
 *   250 ms) has passed. That is the time limit running out (reported as `time_limit`); a normal
 *   timeout between nodes, which keeps the incumbent, happens first whenever it can.
 */
class Stalled extends Error {
  constructor(readonly why: "cycling" | "deadline") {
    super(`simplex stalled (${why})`);
  }
}
let pivotDeadline = Infinity;
let pivotCount = 0;
let pivotsThisLp = 0;
interface TableauShape {
  readonly width: number;
  readonly height: number;
}
type TableauMethod = (this: TableauShape, ...args: unknown[]) => unknown;
const tableauPrototype = (solver as unknown as { Tableau?: { prototype: Record<string, TableauMethod | undefined> } }).Tableau?.prototype;

/**
 * Most pivots one LP may take on a tableau of this size before it counts as cycling: 50 times
 * its rows plus columns (a simplex that converges takes a small multiple of the row count).
 */
function pivotCap(width: number, height: number): number {
  return 50 * (width + height) + 1000;
}

const originalPivot = tableauPrototype?.pivot;
if (tableauPrototype !== undefined && originalPivot !== undefined) {
  tableauPrototype.pivot = function guardedPivot(this: TableauShape, ...args: unknown[]): unknown {
    if (++pivotsThisLp > pivotCap(this.width, this.height)) throw new Stalled("cycling");
    // Date.now() every 256 pivots keeps the guard's cost out of the profile.
    if ((++pivotCount & 255) === 0 && Date.now() > pivotDeadline) throw new Stalled("deadline");
    return originalPivot.apply(this, args);
  };
  for (const name of ["phase1", "phase2", "dualSimplex"]) {
    const original = tableauPrototype[name];
    if (original === undefined) continue;
    tableauPrototype[name] = function countedLp(this: TableauShape, ...args: unknown[]): unknown {
      pivotsThisLp = 0;
      return original.apply(this, args);
    };
  }
}

/** How long past the time limit a single LP may run before it is treated as cycling. */
export function stallDeadlineMs(timeLimitMs: number): number {
  return timeLimitMs > 0 ? timeLimitMs * 1.05 + 250 : Infinity;
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

const OBJECTIVE_KEY = "objective_value";
/** Largest dense tableau jsLPSolver is given: 50 million doubles (400 MB). */
export const MAX_TABLEAU_CELLS = 50_000_000;

/** A row without terms is `0 sense rhs`: either always true (dropped) or the model is infeasible. */
function emptyRowBreaks(program: LinearProgram): boolean {
  return program.rows.some((row) => {
    if (row.terms.some((t) => t.coefficient !== 0)) return false;
    return row.sense === "<=" ? 0 > row.rhs : row.sense === ">=" ? 0 < row.rhs : row.rhs !== 0;
  });
}

/**
 * The jsLPSolver JSON model of a program; `relax` drops integrality. Every variable gets an
 * upper-bound row (jsLPSolver has no column bounds).
 * @example toJsLpModel(program, false).binaries // { x_S0001: 1, ... }
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
  for (const v of program.variables) {
    if (!relax && v.kind === "binary") continue; // binaries carry their own 0/1 bound
    constraints[`ub_${v.name}`] = { max: v.upper };
    (variables[v.name] as Record<string, number>)[`ub_${v.name}`] = 1;
  }
  if (!relax) {
    const binaries = program.variables.filter((v) => v.kind === "binary");
    if (binaries.length > 0) model.binaries = Object.fromEntries(binaries.map((v) => [v.name, 1]));
  }
  return model;
}

interface FullSolution {
  readonly feasible: boolean;
  readonly isIntegral?: boolean;
  readonly solutionSet?: Record<string, number>;
  readonly iter?: number;
}

function valuesOf(program: LinearProgram, solutionSet: Record<string, number> | undefined): number[] {
  return program.variables.map((v) => solutionSet?.[v.name] ?? 0);
}

function runOnce(program: LinearProgram, timeLimitMs: number, careful: boolean): FullSolution | Stalled {
  const solveOptions: SolveOptions = {
    ...(timeLimitMs > 0 ? { timeout: timeLimitMs } : {}),
    ...(careful ? { presolve: false, exitOnCycles: false } : {}),
  };
  return guarded(timeLimitMs, () => solver.Solve(toJsLpModel(program, false, solveOptions), undefined, true) as FullSolution);
}

/**
 * Solves the program with jsLPSolver. Accepts an answer only when every binary is within
 * {@link INTEGRALITY_TOLERANCE} of 0 or 1; whether the time limit cut the search short is
 * judged from the elapsed time, since the result does not say. Its bound on a time limit is
 * the LP relaxation's.
 * @example (await solveWithJsLpSolver(program, { timeLimitMs: 5000 })).kind // "optimal"
 */
export async function solveWithJsLpSolver(program: LinearProgram, options: EngineOptions): Promise<EngineOutcome> {
  const started = performance.now();
  if (emptyRowBreaks(program)) return { kind: "infeasible", nodes: 0, ms: 0 };
  // Its tableau is dense: (rows + 1) × (columns + 1) doubles, every binary adding a row of its own.
  const rows = program.rows.reduce((n, r) => n + (r.sense === "=" ? 2 : 1), 0) + program.variables.length;
  const cells = (rows + 1) * (program.variables.length + 1);
  if (cells > MAX_TABLEAU_CELLS) {
    return {
      kind: "failed",
      message: `the model (${program.variables.length} variables, ${rows} rows) is too large for jsLPSolver's dense tableau (${Math.round((cells * 8) / 2 ** 20)} MB, limit ${Math.round((MAX_TABLEAU_CELLS * 8) / 2 ** 20)} MB); use --solver highs`,
      ms: 0,
    };
  }
  let solution = runOnce(program, options.timeLimitMs, false);
  const elapsed = (): number => performance.now() - started;
  const remaining = (): number => (options.timeLimitMs > 0 ? Math.max(1, options.timeLimitMs - elapsed()) : 0);
  const cycled = (x: FullSolution | Stalled): boolean => x instanceof Stalled && x.why === "cycling";
  let retried = false;
  if ((cycled(solution) || (!(solution instanceof Stalled) && !solution.feasible)) && (options.timeLimitMs === 0 || elapsed() < options.timeLimitMs)) {
    // Cycle detection also says "infeasible", and cycling may not recur without presolve: ask
    // again, carefully, before believing either.
    solution = runOnce(program, remaining(), true);
    retried = true;
  }
  const ms = elapsed();
  if (solution instanceof Stalled) {
    // Past the deadline inside one LP: the time limit ran out (jsLPSolver checks it only between nodes).
    if (solution.why === "deadline") return { kind: "time_limit", values: null, bound: null, nodes: null, ms };
    return {
      kind: "failed",
      message: `jsLPSolver stalled inside one LP (simplex cycling: over 50 pivots per tableau row and column${retried ? ", with presolve and without" : ""}) and was stopped after ${Math.round(ms)} ms`,
      ms,
    };
  }
  const timedOut = options.timeLimitMs > 0 && ms >= options.timeLimitMs;
  const nodes = typeof solution.iter === "number" ? solution.iter : null;
  if (!solution.feasible) {
    return timedOut ? { kind: "time_limit", values: null, bound: null, nodes, ms } : { kind: "infeasible", nodes, ms };
  }
  const values = wholeValues(program, valuesOf(program, solution.solutionSet));
  if (!timedOut) {
    if (values === null) return { kind: "failed", message: "jsLPSolver ended without a whole solution", ms };
    return { kind: "optimal", values, bound: programObjective(program, values), nodes, ms };
  }
  return { kind: "time_limit", values, bound: lpRelaxationBound(program, remaining()), nodes, ms };
}

/**
 * The LP relaxation's optimum (offset included), a valid bound on the MILP optimum; null when
 * the relaxation is infeasible or stalls.
 * @example lpRelaxationBound(program, 1000) // e.g. 912.4 for a maxScore model
 */
export function lpRelaxationBound(program: LinearProgram, timeLimitMs: number): number | null {
  if (emptyRowBreaks(program)) return null;
  const solution = guarded(timeLimitMs, () => solver.Solve(toJsLpModel(program, true), undefined, true) as FullSolution);
  if (solution instanceof Stalled || !solution.feasible) return null;
  return programObjective(program, valuesOf(program, solution.solutionSet));
}
