import { isoOfDay } from "../schedule/dates.ts";
import { assignSlots, cashAvailableBn } from "../schedule/cash.ts";
import type { SiteId } from "../sites/types.ts";
import { diagnose, infeasibilityReasons } from "./diagnose.ts";
import { DEFAULT_FORMULATION, formulate, type Formulation, type FormulationOptions } from "./formulate.ts";
import { highsRelaxationBound, loadedHighs, solveWithHighs, solveWithLoadedHighs } from "./highs.ts";
import { lpRelaxationBound, solveWithJsLpSolver, type MipOutcome } from "./jsLpSolver.ts";
import { toLpText } from "./lpText.ts";
import { mergeRuns, runAsync, runSync, type LoopResult } from "./loop.ts";
import type { LinearProgram } from "./program.ts";
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

/**
 * The schedule of a fixed selection: slots by the cheapest-eligible rule, with the cash figures
 * of each slot; null without slots, "unassignable" when the sites cannot fill them.
 * @example scheduleOf(problem, chosen) // [{ slot: 1, siteId: "S0435", cumulativeCapexBn: 8.01, ... }, ...]
 */
export function scheduleOf(problem: OptimizationProblem, chosen: readonly Candidate[]): readonly ScheduleEntry[] | null | "unassignable" {
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
  // On a timeout jsLPSolver may hand back its last node's values, whole but not a solution: reject them.
  const rejected = `no verified whole-site selection was found within the ${problem.timeLimitMs} ms time limit (the solver's last answer broke a rule and was rejected)`;
  if (schedule === "unassignable") {
    return { status: "no_solution", bound, message: outcome.timedOut ? rejected : "the solver's selection cannot be scheduled (this is a bug)", stats };
  }
  const selected: SiteId[] =
    schedule !== null
      ? schedule.map((e) => e.siteId)
      : [...chosen].sort((a, b) => b.score - a.score || (a.siteId < b.siteId ? -1 : 1)).map((c) => c.siteId);
  const verification = verifySelection(problem, selected, schedule);
  if (!verification.ok || verification.objective === undefined) {
    return { status: "no_solution", bound, message: outcome.timedOut ? rejected : `the solver's answer failed verification: ${verification.violations.join("; ")}`, stats };
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

function finish(problem: OptimizationProblem, f: Formulation, buildMs: number, run: LoopResult, bound: number | null, extra: Partial<SolveStats> = {}): OptimizeResult {
  const final = { ...f, program: run.program };
  const stats = { ...outcomeStats(problem, final, buildMs, run.outcomes), ...extra };
  const rounds = run.outcomes.length;
  const withRounds = rounds > 1 ? { ...stats, formulation: `${stats.formulation} (${rounds} solves)` } : stats;
  return interpret(problem, final, run.outcome, bound, withRounds);
}

/** The complete per-slot model after the cut rounds ran out, with the time that is left. */
function withPerSlot(problem: OptimizationProblem, options: OptimizeOptions, lazy: LoopResult, limitMs: number): { formulation: Formulation; limitMs: number } {
  const spentMs = lazy.outcomes.reduce((sum, o) => sum + o.solveMs, 0);
  const base = formulate(problem, { ...DEFAULT_FORMULATION, ...options, readiness: "perSlot" });
  const formulation = { ...base, description: `${base.description} (after ${lazy.outcomes.length} cash-cut rounds)` };
  return { formulation, limitMs: limitMs > 0 ? Math.max(1, limitMs - spentMs) : 0 };
}

const jsLp = (program: LinearProgram, timeLimitMs: number): MipOutcome => solveWithJsLpSolver(program, { timeLimitMs });

/**
 * Solves the site-selection MILP with jsLPSolver (synchronous). An "infeasible" answer is
 * confirmed by HiGHS when it has been loaded ({@link loadHighs}), else by jsLPSolver again with
 * presolve and cycle exits off. Use {@link optimizeAsync} for `solver: "highs"`.
 * @example const result = optimize(problem); if (result.status === "optimal") console.log(result.selected);
 */
export function optimize(problem: OptimizationProblem, options: OptimizeOptions = {}): OptimizeResult {
  if (options.staged === false) return optimizeDirect(problem, options);
  return runStagedSync(problem, (p) => optimizeDirect(p, options), options.staged);
}

/** One direct solve of the whole problem with jsLPSolver, no staging. */
function optimizeDirect(problem: OptimizationProblem, options: OptimizeOptions = {}): OptimizeResult {
  if (problem.solver !== "jsLPSolver") throw new Error(`optimize() runs jsLPSolver only; use optimizeAsync() for ${problem.solver}`);
  const prepared = prepare(problem, options);
  if (prepared.kind === "infeasible") return prepared.result;
  let { formulation: f } = prepared;
  const { buildMs } = prepared;
  const limit = Math.max(0, problem.timeLimitMs);
  const lazy = runSync(problem, f, limit, jsLp);
  const perSlot = lazy.cutsExhausted ? withPerSlot(problem, options, lazy, limit) : null;
  const run = perSlot === null ? lazy : mergeRuns(lazy, runSync(problem, perSlot.formulation, perSlot.limitMs, jsLp));
  if (perSlot !== null) f = perSlot.formulation;
  if (run.outcome.kind !== "infeasible") {
    return finish(problem, f, buildMs, run, needsBound(run.outcome) ? (run.relaxedBound ?? lpRelaxationBound(run.program, limit)) : null);
  }
  const highs = loadedHighs();
  // Cycle detection also reports "infeasible": ask HiGHS, or jsLPSolver without presolve and cycle exits.
  const second = highs !== null
    ? solveWithLoadedHighs(highs, run.program, { timeLimitMs: limit })
    : solveWithJsLpSolver(run.program, { timeLimitMs: limit, presolve: false, exitOnCycles: false });
  const confirmedBy = highs !== null ? "highs" : "jsLPSolver-no-presolve";
  if (second.kind === "infeasible") {
    return finish(problem, f, buildMs, { ...run, outcomes: [...run.outcomes, second] }, null, { infeasibleConfirmedBy: confirmedBy });
  }
  // The second opinion disagrees: redo the whole loop with it, so cash cuts are still honoured.
  const retry = highs !== null
    ? runSync(problem, f, limit, (program, ms) => solveWithLoadedHighs(highs, program, { timeLimitMs: ms }))
    : runSync(problem, f, limit, (program, ms) => solveWithJsLpSolver(program, { timeLimitMs: ms, presolve: false, exitOnCycles: false }));
  const bound = needsBound(retry.outcome) ? (retry.relaxedBound ?? lpRelaxationBound(retry.program, limit)) : null;
  return finish(problem, f, buildMs, { ...retry, outcomes: [...run.outcomes, ...retry.outcomes] }, bound,
    retry.outcome.kind === "infeasible" ? { infeasibleConfirmedBy: confirmedBy } : {});
}

const highsSolve = (program: LinearProgram, timeLimitMs: number): Promise<MipOutcome> => solveWithHighs(program, { timeLimitMs });

/**
 * Solves with the problem's solver. jsLPSolver's "infeasible" answers are confirmed by HiGHS,
 * and when jsLPSolver stalls inside an LP, HiGHS solves the model instead (stats say so).
 * @example const result = await optimizeAsync({ ...problem, solver: "highs" });
 */
export async function optimizeAsync(problem: OptimizationProblem, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  if (options.staged === false) return optimizeAsyncDirect(problem, options);
  return runStagedAsync(problem, (p) => optimizeAsyncDirect(p, options), options.staged);
}

/** One direct solve of the whole problem with the problem's solver, no staging. */
async function optimizeAsyncDirect(problem: OptimizationProblem, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const prepared = prepare(problem, options);
  if (prepared.kind === "infeasible") return prepared.result;
  let { formulation: f } = prepared;
  const { buildMs } = prepared;
  const limit = Math.max(0, problem.timeLimitMs);
  if (problem.solver === "highs") {
    const lazy = await runAsync(problem, f, limit, highsSolve);
    const perSlot = lazy.cutsExhausted ? withPerSlot(problem, options, lazy, limit) : null;
    const run = perSlot === null ? lazy : mergeRuns(lazy, await runAsync(problem, perSlot.formulation, perSlot.limitMs, highsSolve));
    if (perSlot !== null) f = perSlot.formulation;
    const bound = needsBound(run.outcome) ? (run.relaxedBound ?? (await highsRelaxationBound(run.program))) : null;
    return finish(problem, f, buildMs, run, bound, run.outcome.kind === "infeasible" ? { infeasibleConfirmedBy: "highs" } : {});
  }
  const lazy = runSync(problem, f, limit, jsLp);
  const perSlot = lazy.cutsExhausted ? withPerSlot(problem, options, lazy, limit) : null;
  const run = perSlot === null ? lazy : mergeRuns(lazy, runSync(problem, perSlot.formulation, perSlot.limitMs, jsLp));
  if (perSlot !== null) f = perSlot.formulation;
  if (run.outcome.kind !== "infeasible" && run.outcome.kind !== "stalled") {
    return finish(problem, f, buildMs, run, needsBound(run.outcome) ? (run.relaxedBound ?? lpRelaxationBound(run.program, limit)) : null);
  }
  const retry = await runAsync(problem, f, limit, highsSolve);
  const bound = needsBound(retry.outcome) ? (retry.relaxedBound ?? (await highsRelaxationBound(retry.program))) : null;
  const combined = { ...retry, outcomes: [...run.outcomes, ...retry.outcomes] };
  if (retry.outcome.kind === "infeasible") return finish(problem, f, buildMs, combined, null, { infeasibleConfirmedBy: "highs" });
  const stalled = run.outcome.kind === "stalled";
  return finish(problem, f, buildMs, combined, bound, stalled ? { solver: "highs", formulation: `${f.description} (jsLPSolver stalled; solved by HiGHS)` } : {});
}

/**
 * CPLEX LP text of the model for `--export-lp`, after reductions. With the cash rule on, the
 * solver works on the per-site model plus cash cuts found lazily, which no single file holds;
 * the export is then the complete per-(site, slot) model with explicit cash rows, which has the
 * same optimum (tested) and can be handed to any MILP solver.
 * @example writeFileSync("model.lp", exportLp(problem));
 */
export function exportLp(problem: OptimizationProblem, options: OptimizeOptions = {}): string {
  const complete: OptimizeOptions = problem.cash !== null && problem.slots !== null ? { readiness: "perSlot" } : {};
  return toLpText(formulate(problem, { ...DEFAULT_FORMULATION, ...complete, ...options }).program);
}

export { loadHighs } from "./highs.ts";
