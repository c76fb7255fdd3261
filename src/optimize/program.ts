/**
 * A solver-neutral mixed 0/1 linear program. The model builder writes one of these; the
 * jsLPSolver and HiGHS adapters translate the very same object, so both engines (and
 * `--export-lp`) see one model.
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
  /** Solver-safe name, always prefixed (`x_S0435`, `w_S0435_202612`): never `result` or `feasible`. */
  readonly name: string;
  /** `binary` (0/1) or `continuous` in [0, upper]. */
  readonly kind: "binary" | "continuous";
  /** Upper bound (1 for binaries). */
  readonly upper: number;
  /** Index of the candidate this variable belongs to, null for a money variable (bridge). */
  readonly candidate: number | null;
  /** Calendar month of a time-indexed variable, null for a per-site one. */
  readonly month: number | null;
  readonly objective: number;
  /** What the variable means, in words, for the LP export's comment block. */
  readonly meaning: string;
}

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

  constructor(readonly sense: "max" | "min") {}

  addVariable(variable: ProgramVariable): number {
    this.variables.push(variable);
    return this.variables.length - 1;
  }

  /** Adds a row, merging repeated variables (solvers reject a variable twice in one row). */
  addRow(row: ProgramRow): void {
    const merged = new Map<number, number>();
    for (const t of row.terms) merged.set(t.variable, (merged.get(t.variable) ?? 0) + t.coefficient);
    const terms = [...merged].filter(([, c]) => c !== 0).map(([variable, coefficient]) => ({ variable, coefficient }));
    this.rows.push({ ...row, terms });
  }

  build(objectiveOffset: number): LinearProgram {
    return { sense: this.sense, variables: this.variables, rows: this.rows, objectiveOffset };
  }
}

/**
 * The objective of a point, offset included.
 * @example programObjective({ sense: "max", variables: [{ name: "x_0", kind: "binary", upper: 1, candidate: 0, month: null, objective: 2, meaning: "" }], rows: [], objectiveOffset: 1 }, [1]) // 3
 */
export function programObjective(program: LinearProgram, values: readonly number[]): number {
  let total = program.objectiveOffset;
  program.variables.forEach((v, i) => {
    total += v.objective * (values[i] ?? 0);
  });
  return total;
}

/**
 * A name the LP format and both engines accept, made from a site id: letters, digits and `_`
 * only, never starting with a digit.
 * @example lpSafe("S-04/35") // "S_04_35"
 */
export function lpSafe(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}
