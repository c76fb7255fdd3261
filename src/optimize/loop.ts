import { checkCash, staticCashRows } from "./cashCuts.ts";
import type { Formulation } from "./formulate.ts";
import type { MipOutcome } from "./jsLpSolver.ts";
import { programObjective, type LinearProgram } from "./program.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";

/**
 * Cut rounds before the lazy cash rule gives way to the complete per-(site, slot) model: a few
 * rounds settle the common case (the cash rule holds or barely binds); a hard-binding rule
 * converges slowly with cuts and is better solved in one go.
 */
const MAX_CASH_ROUNDS = 6;
/**
 * jsLPSolver's tableau is dense, every binary adds a bound row, and the per-slot LP is highly
 * degenerate: measured, 4,325 (site, slot) variables on 800 sites and even 504 on 60 sites
 * stalled in its simplex, while more cut rounds on the same 60 sites finished in 0.4 s. So with
 * jsLPSolver only tiny per-slot models are used; larger ones keep cutting until the time limit.
 */
const MAX_PER_SLOT_VARIABLES = 400;

export interface LoopResult {
  readonly outcome: MipOutcome;
  /** The last program solved: the formulation plus any cash cuts. */
  readonly program: LinearProgram;
  readonly outcomes: readonly MipOutcome[];
  /** Objective of the last fully solved relaxation whose answer broke the cash rule: a valid bound. */
  readonly relaxedBound: number | null;
  /** The cut rounds ran out (not the time): solve the complete per-slot model instead. */
  readonly cutsExhausted: boolean;
}

/**
 * One solve, or with the cash rule on the per-site model, the cut loop of cashCuts.ts. Written
 * as a generator that yields programs to solve, so the synchronous and asynchronous drivers
 * share it.
 */
export function* solveLoop(problem: OptimizationProblem, f: Formulation, limitMs: number): Generator<{ program: LinearProgram; timeLimitMs: number }, LoopResult, MipOutcome> {
  const started = performance.now();
  const lazyCash = problem.cash !== null && problem.slots !== null && f.program.variables.every((v) => v.slot === null);
  const outcomes: MipOutcome[] = [];
  let program = lazyCash ? { ...f.program, rows: [...f.program.rows, ...staticCashRows(problem, f.program)] } : f.program;
  let relaxedBound: number | null = null;
  let cutCount = 0;
  const lastDay = Math.max(...(problem.slots ?? []).map((slot) => slot.day));
  // (site, slot) pairs the complete model would need: a site online by T_k can fill slots k..K.
  const perSlotVariables = lazyCash
    ? f.program.variables.reduce((sum, v) => {
        const day = (problem.candidates[v.candidate] as Candidate).onlineDay;
        return day === null || day > lastDay ? sum : sum + (problem.slots ?? []).filter((slot) => slot.day >= day).length;
      }, 0)
    : 0;
  for (let round = 0; ; round++) {
    const elapsed = performance.now() - started;
    const outcome = yield { program, timeLimitMs: limitMs > 0 ? Math.max(1, limitMs - elapsed) : 0 };
    outcomes.push(outcome);
    if (!lazyCash || outcome.kind !== "integral") return { outcome, program, outcomes, relaxedBound, cutsExhausted: false };
    const selected = [...new Set(program.variables.filter((_, v) => outcome.values[v] === 1).map((v) => v.candidate))];
    const check = checkCash(problem, program, selected);
    if (check.status === "feasible") return { outcome, program, outcomes, relaxedBound, cutsExhausted: false };
    if (!outcome.timedOut) relaxedBound = programObjective(program, outcome.values);
    const outOfTime = outcome.timedOut || (limitMs > 0 && performance.now() - started >= limitMs);
    // HiGHS handles the sparse per-slot model at any size; jsLPSolver only when it is small.
    const perSlotAffordable = problem.solver === "highs" || perSlotVariables <= MAX_PER_SLOT_VARIABLES;
    const cutsExhausted = !outOfTime && round + 1 >= MAX_CASH_ROUNDS && perSlotAffordable;
    if (outOfTime || cutsExhausted) {
      return { outcome: { kind: "no_integral", timedOut: true, nodes: outcome.nodes, solveMs: outcome.solveMs }, program, outcomes, relaxedBound, cutsExhausted };
    }
    const cuts = check.rows.map((row) => ({ ...row, name: `cashcut_${cutCount++}` }));
    program = { ...program, rows: [...program.rows, ...cuts] };
  }
}

/**
 * Drives {@link solveLoop} with a synchronous solver.
 * @example runSync(problem, formulation, 10_000, (program, ms) => solveWithJsLpSolver(program, { timeLimitMs: ms })).outcome.kind
 */
export function runSync(problem: OptimizationProblem, f: Formulation, limitMs: number, solve: (program: LinearProgram, timeLimitMs: number) => MipOutcome): LoopResult {
  const loop = solveLoop(problem, f, limitMs);
  let step = loop.next();
  while (!step.done) step = loop.next(solve(step.value.program, step.value.timeLimitMs));
  return step.value;
}

/**
 * Drives {@link solveLoop} with an asynchronous solver (HiGHS).
 * @example (await runAsync(problem, formulation, 10_000, (program, ms) => solveWithHighs(program, { timeLimitMs: ms }))).outcome.kind
 */
export async function runAsync(problem: OptimizationProblem, f: Formulation, limitMs: number, solve: (program: LinearProgram, timeLimitMs: number) => Promise<MipOutcome>): Promise<LoopResult> {
  const loop = solveLoop(problem, f, limitMs);
  let step = loop.next();
  while (!step.done) step = loop.next(await solve(step.value.program, step.value.timeLimitMs));
  return step.value;
}

/** A run after an earlier one: keeps every solve in the record for the stats. */
export function mergeRuns(earlier: LoopResult, later: LoopResult): LoopResult {
  return { ...later, outcomes: [...earlier.outcomes, ...later.outcomes] };
}

