/**
 * HiGHS (WebAssembly) adapter: the default engine. The program is passed as a sparse matrix
 * through HiGHS's model API (no text round trip), with a zero relative gap so "optimal" is
 * exact, a warm start when one is known, and progress from the MIP logging callback.
 */
import { wholeValues, type EngineOptions, type EngineOutcome } from "./engine.ts";
import { programObjective, type LinearProgram } from "./program.ts";

type HighsLoader = typeof import("highs")["default"];
type HighsModule = Awaited<ReturnType<HighsLoader>>;

let loading: Promise<HighsModule> | null = null;

/**
 * The HiGHS module, loaded once per process on first use.
 * @example const highs = await loadHighs();
 */
export function loadHighs(): Promise<HighsModule> {
  // The types say CommonJS while Node loads the ESM build: unwrap either way.
  loading ??= import("highs").then(async (m) => {
    const loader = ((m as unknown as { default: { default?: HighsLoader } }).default.default ?? m.default) as HighsLoader;
    return loader();
  });
  return loading;
}

type ModelData = Exclude<Parameters<HighsModule["createModel"]>[0], undefined | { readonly format: "lp" | "mps" }>;

function modelData(highs: HighsModule, program: LinearProgram): ModelData {
  const n = program.variables.length;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const row of program.rows) {
    for (const t of row.terms) {
      indices.push(t.variable);
      values.push(t.coefficient);
    }
    starts.push(indices.length);
    rowLower.push(row.sense === "<=" ? -highs.infinity : row.rhs);
    rowUpper.push(row.sense === ">=" ? highs.infinity : row.rhs);
  }
  return {
    numCols: n,
    numRows: program.rows.length,
    sense: program.sense === "max" ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    offset: program.objectiveOffset,
    colCost: program.variables.map((v) => v.objective),
    colLower: program.variables.map(() => 0),
    colUpper: program.variables.map((v) => v.upper),
    rowLower,
    rowUpper,
    matrix: { format: "csr", numRows: program.rows.length, numCols: n, starts, indices, values },
    integrality: program.variables.map((v) => (v.kind === "binary" ? highs.constants.variableType.integer : highs.constants.variableType.continuous)),
  };
}

function infoNumber(model: { info: { get(name: string): number | bigint } }, name: string): number | null {
  try {
    const value = Number(model.info.get(name));
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Solves the program with HiGHS.
 * @example (await solveWithHighs(program, { timeLimitMs: 5000 })).kind // "optimal"
 */
export async function solveWithHighs(program: LinearProgram, options: EngineOptions): Promise<EngineOutcome> {
  const highs = await loadHighs();
  const started = performance.now();
  const codes = highs.constants.modelStatus;
  try {
    return highs.withModel(modelData(highs, program), (model): EngineOutcome => {
      model.options.set({ mip_rel_gap: 0, mip_abs_gap: 0, output_flag: false, presolve: options.presolve === false ? "off" : "choose" });
      if (options.timeLimitMs > 0) model.options.set("time_limit", Math.max(0.001, options.timeLimitMs / 1000));
      if (options.start !== undefined) model.setSolution({ colValue: [...options.start] });
      const onProgress = options.onProgress;
      const callbacks =
        onProgress === undefined
          ? undefined
          : {
              [highs.constants.callbackType.mipLogging]: (event: { data: { mip_primal_bound?: number; mip_dual_bound?: number } }): undefined => {
                const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) && Math.abs(v) < 1e29 ? v : null);
                onProgress({
                  elapsedMs: performance.now() - started,
                  incumbent: finite(event.data.mip_primal_bound),
                  bound: finite(event.data.mip_dual_bound),
                });
                return undefined;
              },
            };
      const { modelStatus } = model.run(callbacks as Parameters<typeof model.run>[0]);
      const ms = performance.now() - started;
      const nodes = infoNumber(model, "mip_node_count");
      if (modelStatus === codes.infeasible) return { kind: "infeasible", nodes, ms };
      const hasPoint = infoNumber(model, "primal_solution_status") === 2;
      const values = hasPoint ? wholeValues(program, model.getSolution().colValue) : null;
      const bound = infoNumber(model, "mip_dual_bound");
      if (modelStatus === codes.optimal) {
        if (values === null) return { kind: "failed", message: "HiGHS reported optimal without a whole solution", ms };
        return { kind: "optimal", values, bound: programObjective(program, values), nodes, ms };
      }
      if (modelStatus === codes.timeLimit || modelStatus === codes.interrupted)
        return { kind: "time_limit", values, bound: bound !== null && Math.abs(bound) < 1e29 ? bound : null, nodes, ms };
      return { kind: "failed", message: `HiGHS ended with model status ${modelStatus}`, ms };
    });
  } catch (error) {
    return { kind: "failed", message: `HiGHS failed: ${error instanceof Error ? error.message : String(error)}`, ms: performance.now() - started };
  }
}
