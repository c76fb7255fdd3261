/**
 * A solver-neutral 0/1 linear program. The model builder writes one of these; the jsLPSolver and
 * HiGHS adapters translate the very same object, so both solvers (and `--export-lp`) see one model.
 */

export type RowSense = "<=" | ">=" | "=";

export interface LinearTerm {
  /** Index into {@link LinearProgram.variables}. */
  readonly variable: number;
  readonly coefficient: number;
}

export interface ProgramRow {
  /** Solver-safe name: letters, digits and `_` only. */
  readonly name: string;
  readonly terms: readonly LinearTerm[];
  readonly sense: RowSense;
  readonly rhs: number;
}

export interface ProgramVariable {
  /** Solver-safe name, always prefixed (`x_12`, `y_12_3`): never `result` or `feasible`. */
  readonly name: string;
  /** Index of the candidate (in the problem's candidate list) this variable selects. */
  readonly candidate: number;
  /** 1-based slot for per-(site, slot) variables, null for per-site variables. */
  readonly slot: number | null;
  readonly objective: number;
}

/** Every variable is binary. */
export interface LinearProgram {
  readonly sense: "max" | "min";
  readonly variables: readonly ProgramVariable[];
  readonly rows: readonly ProgramRow[];
  /** Constant added to the objective (kept out of the solver model). */
  readonly objectiveOffset: number;
}

/** Mutable builder used while formulating; frozen into a {@link LinearProgram} at the end. */
export class ProgramBuilder {
  private readonly variables: ProgramVariable[] = [];
  private readonly rows: ProgramRow[] = [];

  constructor(private readonly sense: "max" | "min") {}

  addVariable(variable: ProgramVariable): number {
    this.variables.push(variable);
    return this.variables.length - 1;
  }

  /** The slot of a variable, null for per-site variables. */
  slotOf(variable: number): number | null {
    return this.variables[variable]?.slot ?? null;
  }

  addRow(row: ProgramRow): void {
    this.rows.push(row);
  }

  build(objectiveOffset: number): LinearProgram {
    return { sense: this.sense, variables: this.variables, rows: this.rows, objectiveOffset };
  }
}

/**
 * The objective of a 0/1 point, offset included.
 * @example programObjective({ sense: "max", variables: [{ name: "x_0", candidate: 0, slot: null, objective: 2 }], rows: [], objectiveOffset: 1 }, [1]) // 3
 */
export function programObjective(program: LinearProgram, values: readonly number[]): number {
  let total = program.objectiveOffset;
  program.variables.forEach((v, i) => {
    total += v.objective * (values[i] ?? 0);
  });
  return total;
}
