import { isoOfDay } from "../schedule/dates.ts";
import { assignSlots, cashAvailableBn } from "../schedule/cash.ts";
import type { SiteId } from "../sites/types.ts";
import { diagnose, infeasibilityReasons } from "./diagnose.ts";
import { DEFAULT_FORMULATION, formulate, type Formulation, type FormulationOptions } from "./formulate.ts";
import { highsRelaxationBound, loadedHighs, solveWithHighs, solveWithLoadedHighs } from "./highs.ts";
import { lpRelaxationBound, solveWithJsLpSolver, type MipOutcome } from "./jsLpSolver.ts";
import { toLpText } from "./lpText.ts";
import type { Candidate, OptimizationProblem, OptimizeResult, ScheduleEntry, SolveStats } from "./types.ts";
import { verifySelection } from "./verify.ts";
import { runStagedAsync, runStagedSync, type StagedOptions } from "./staged.ts";

export type OptimizeOptions = Partial<FormulationOptions> & {
  /** Staged solving (staged.ts): exact, on by default; `false` solves the whole model at once. */
  readonly staged?: StagedOptions | false;
};

const GAP_TOLERANCE = 1e-9;

type Prepared =
  | { readonly kind: "infeasible"; readonly result: OptimizeResult }
  | { readonly kind: "model"; readonly formulation: Formulation; readonly buildMs: number };

function statsOf(problem: OptimizationProblem, f: Formulation | null, buildMs: number, extra: Partial<SolveStats> = {}): SolveStats {
  return {
    solver: problem.solver,
    formulation: f?.description ?? "not built (infeasible before solving)",
    candidates: problem.candidates.length,
    candidatesAfterReduction: f?.reduction.kept.length ?? problem.candidates.length,
    variables: f?.program.variables.length ?? 0,
    constraints: f?.program.rows.length ?? 0,
    conflictEdges: f?.conflictEdges ?? 0,
    cliqueRows: f?.cliqueRows ?? 0,
    nodes: null,
    buildMs,
    solveMs: 0,
    ...extra,
  };
}

/** Cheap proofs of infeasibility first (no conflict graph), then the model. */
function prepare(problem: OptimizationProblem, options: OptimizeOptions): Prepared {
  const started = performance.now();
  const quick = diagnose(problem, true);
  if (quick.proven.length > 0) {
    const stats = statsOf(problem, null, performance.now() - started, { infeasibleConfirmedBy: "diagnosis" });
    return { kind: "infeasible", result: { status: "infeasible", reasons: quick.proven, stats } };
  }
  const formulation = formulate(problem, { ...DEFAULT_FORMULATION, ...options });
  return { kind: "model", formulation, buildMs: performance.now() - started };
}

function scheduleOf(problem: OptimizationProblem, chosen: readonly Candidate[]): readonly ScheduleEntry[] | null | "unassignable" {
  const slots = problem.slots;
  if (slots === null) return null;
  const assignment = assignSlots(chosen, slots, problem.cash);
  if (assignment.status !== "assigned") return "unassignable";
  let cumulative = 0;
  return assignment.siteBySlot.map((index, k) => {
    const site = chosen[index] as Candidate;
    const slot = slots[k] as (typeof slots)[number];
    cumulative += site.capexBn;
    const cash = problem.cash;
    // With the cash rule off the budget is the only money limit, so headroom is shown against it.
    const available = cash === null ? problem.budgetBn : cashAvailableBn(cash, k + 1);
    const released = cash !== null && k < cash.trancheCount ? cash.trancheBn : 0;
    return {
      slot: slot.slot,
      slotDate: slot.date,
      siteId: site.siteId,
      onlineDate: site.onlineDay === null ? "" : isoOfDay(site.onlineDay),
      capexBn: site.capexBn,
      cumulativeCapexBn: cumulative,
      cashAvailableBn: available,
      cashHeadroomBn: available - cumulative,
      trancheReleasedBn: released,
    };
  });
}

/** Turns a solver outcome into our result, accepting only integral answers that verify. */
function interpret(problem: OptimizationProblem, f: Formulation, outcome: MipOutcome, bound: number | null, stats: SolveStats): OptimizeResult {
  if (outcome.kind === "infeasible") {
    return { status: "infeasible", reasons: infeasibilityReasons(problem), stats };
  }
  if (outcome.kind === "stalled") {
    const message = `jsLPSolver stalled inside one LP (simplex cycling) and was stopped after ${Math.round(outcome.solveMs)} ms; try the HiGHS solver`;
    return { status: "no_solution", bound, message, stats };
  }
  if (outcome.kind === "no_integral") {
    const why = outcome.timedOut ? `no whole-site selection was found within the ${problem.timeLimitMs} ms time limit` : "the solver stopped without a whole-site selection";
    return { status: "no_solution", bound, message: why, stats };
  }
  const indices = [...new Set(f.program.variables.filter((_, v) => outcome.values[v] === 1).map((v) => v.candidate))];
  const chosen = indices.map((i) => problem.candidates[i] as Candidate);
  const schedule = scheduleOf(problem, chosen);
  if (schedule === "unassignable") {
    return { status: "no_solution", bound, message: "the solver's selection cannot be scheduled (this is a bug)", stats };
  }
  const selected: SiteId[] =
    schedule !== null
      ? schedule.map((e) => e.siteId)
      : [...chosen].sort((a, b) => b.score - a.score || (a.siteId < b.siteId ? -1 : 1)).map((c) => c.siteId);
  const verification = verifySelection(problem, selected, schedule);
  if (!verification.ok || verification.objective === undefined) {
    return { status: "no_solution", bound, message: `the solver's answer failed verification: ${verification.violations.join("; ")}`, stats };
  }
  const objective = verification.objective;
  if (!outcome.timedOut) return { status: "optimal", objective, bound: objective, gap: 0, selected, schedule, stats };
  const proven = bound ?? objective;
  const gap = Math.abs(proven - objective) / Math.max(1, Math.abs(objective));
  const status = gap <= GAP_TOLERANCE ? "optimal" : "time_limit";
  return { status, objective, bound: proven, gap, selected, schedule, stats };
}

function outcomeStats(problem: OptimizationProblem, f: Formulation, buildMs: number, outcomes: readonly MipOutcome[]): SolveStats {
  const solveMs = outcomes.reduce((sum, o) => sum + o.solveMs, 0);
  return statsOf(problem, f, buildMs, { nodes: outcomes[0]?.nodes ?? null, solveMs });
}

/** The bound is only needed when the search did not finish. */
function needsBound(outcome: MipOutcome): boolean {
  // A stalled simplex would most likely stall again on the relaxation.
  return outcome.kind !== "stalled" && (outcome.timedOut || outcome.kind === "no_integral");
}

/** Result once a second solver has looked at a model jsLPSolver called infeasible (or stalled on). */
function afterSecondOpinion(
  problem: OptimizationProblem,
  f: Formulation,
  second: MipOutcome,
  bound: number | null,
  stats: SolveStats,
  confirmedBy: NonNullable<SolveStats["infeasibleConfirmedBy"]>,
): OptimizeResult {
  if (second.kind === "infeasible") return interpret(problem, f, second, null, { ...stats, infeasibleConfirmedBy: confirmedBy });
  return interpret(problem, f, second, bound, stats);
}

/**
 * Solves the site-selection MILP with jsLPSolver (synchronous). An "infeasible" answer is
 * confirmed by HiGHS when it has been loaded ({@link loadHighs}), else by jsLPSolver again with
 * presolve and cycle exits off. Use {@link optimizeAsync} for `solver: "highs"`.
 * @example const result = optimize(problem); if (result.status === "optimal") console.log(result.selected);
 */
export function optimize(problem: OptimizationProblem, options: OptimizeOptions = {}): OptimizeResult {
  if (problem.solver !== "jsLPSolver") throw new Error(`optimize() runs jsLPSolver only; use optimizeAsync() for ${problem.solver}`);
  const prepared = prepare(problem, options);
  if (prepared.kind === "infeasible") return prepared.result;
  const { formulation: f, buildMs } = prepared;
  const limit = Math.max(0, problem.timeLimitMs);
  const first = solveWithJsLpSolver(f.program, { timeLimitMs: limit });
  if (first.kind !== "infeasible") {
    return interpret(problem, f, first, needsBound(first) ? lpRelaxationBound(f.program, limit) : null, outcomeStats(problem, f, buildMs, [first]));
  }
  const highs = loadedHighs();
  if (highs !== null) {
    const second = solveWithLoadedHighs(highs, f.program, { timeLimitMs: limit });
    return afterSecondOpinion(problem, f, second, null, outcomeStats(problem, f, buildMs, [first, second]), "highs");
  }
  // Cycle detection also reports "infeasible": ask again without presolve and cycle exits.
  const second = solveWithJsLpSolver(f.program, { timeLimitMs: limit, presolve: false, exitOnCycles: false });
  const bound = needsBound(second) ? lpRelaxationBound(f.program, limit) : null;
  return afterSecondOpinion(problem, f, second, bound, outcomeStats(problem, f, buildMs, [first, second]), "jsLPSolver-no-presolve");
}

/**
 * Solves with the problem's solver. jsLPSolver's "infeasible" answers are confirmed by HiGHS,
 * and when jsLPSolver stalls inside an LP, HiGHS solves the model instead (stats say so).
 * @example const result = await optimizeAsync({ ...problem, solver: "highs" });
 */
export async function optimizeAsync(problem: OptimizationProblem, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const prepared = prepare(problem, options);
  if (prepared.kind === "infeasible") return prepared.result;
  const { formulation: f, buildMs } = prepared;
  const limit = Math.max(0, problem.timeLimitMs);
  if (problem.solver === "highs") {
    const outcome = await solveWithHighs(f.program, { timeLimitMs: limit });
    const bound = needsBound(outcome) ? await highsRelaxationBound(f.program) : null;
    const stats = outcomeStats(problem, f, buildMs, [outcome]);
    return interpret(problem, f, outcome, bound, outcome.kind === "infeasible" ? { ...stats, infeasibleConfirmedBy: "highs" } : stats);
  }
  const first = solveWithJsLpSolver(f.program, { timeLimitMs: limit });
  if (first.kind !== "infeasible" && first.kind !== "stalled") {
    return interpret(problem, f, first, needsBound(first) ? lpRelaxationBound(f.program, limit) : null, outcomeStats(problem, f, buildMs, [first]));
  }
  const second = await solveWithHighs(f.program, { timeLimitMs: limit });
  const bound = needsBound(second) ? await highsRelaxationBound(f.program) : null;
  const stats = outcomeStats(problem, f, buildMs, [first, second]);
  const solvedBy = first.kind === "stalled" ? { ...stats, solver: "highs" as const, formulation: `${stats.formulation} (jsLPSolver stalled; solved by HiGHS)` } : stats;
  return afterSecondOpinion(problem, f, second, bound, solvedBy, "highs");
}

/**
 * CPLEX LP text of exactly the model `optimize` solves (after reductions), for `--export-lp`.
 * @example writeFileSync("model.lp", exportLp(problem));
 */
export function exportLp(problem: OptimizationProblem, options: OptimizeOptions = {}): string {
  return toLpText(formulate(problem, { ...DEFAULT_FORMULATION, ...options }).program);
}

export { loadHighs } from "./highs.ts";
