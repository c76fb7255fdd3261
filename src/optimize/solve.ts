/**
 * The optimizer's one door: `optimize(problem, options)`. One search state (search.ts) and one
 * ordered list of phases, each of which may decide the problem:
 *
 * 1. **diagnose**: infeasibility that counting proves.
 * 2. **relaxation**: the selection model without cash rows, zone limits or dates; its optimum
 *    bounds every plan (each site at its best go-live month).
 * 3. **check** (branch and check): the relaxation's selection is scheduled exactly by the
 *    fixed-set scheduler (fixedSetSchedule.ts). Its best schedule is a plan; the selection is then
 *    excluded from the relaxation by a no-good row and the relaxation solved again. The relaxation
 *    bounds every selection not yet excluded, and every excluded one has a known exact value, so
 *    the search is optimal as soon as the relaxation's bound meets the best plan, and infeasible
 *    when the relaxation becomes infeasible with no plan found.
 * 4. **construct**: a plan built milestone by milestone without a solver, when none is known.
 * 5. **eliminate**, **restricted**, **full**: bound elimination and the dated MILP. A site whose
 *    best value plus the N − 1 best other values cannot beat the best plan is dropped (exact);
 *    the model on the best remaining candidates, then on all that remain, starts from the best plan.
 * 6. **least-equity**: for an infeasible cash rule, the least equity for which a plan exists.
 */
import { performance } from "node:perf_hooks";
import { planOf } from "../schedule/ledger.ts";
import type { SiteId } from "../sites/types.ts";
import { cashShortfallReason, combinationReason, diagnose } from "./diagnose.ts";
import type { EngineOutcome, EngineProgress, EngineSolve } from "./engine.ts";
import { formulate, goLiveDomain, relaxationBounds, siteValue, type Formulation } from "./formulate.ts";
import { solveWithHighs } from "./highs.ts";
import { solveWithJsLpSolver } from "./jsLpSolver.ts";
import { toLpText } from "./lpText.ts";
import type { Candidate, Engine, OptimizationProblem, OptimizeResult, SolveStats, SolveStep } from "./types.ts";
import type { Plan } from "../schedule/types.ts";
import { verifySelection } from "./verify.ts";
import { optimizeInStages, secondStageApplies } from "./lexicographic.ts";
import { constructivePlan, pullEarlier, warmPlan, type WarmPlan } from "./warmStart.ts";
import { scheduleFixedSet } from "./fixedSetSchedule.ts";
import { poolCashRule } from "./cashNeed.ts";
import { OBJECTIVE_TOLERANCE, SearchState, type Accepted } from "./search.ts";
import { greatCircleKm } from "../geo/sphere.ts";

/** The default engine, chosen by measurement (README, "Performance"). */
export const DEFAULT_ENGINE: Engine = "highs";

export interface SolveProgress extends EngineProgress {
  readonly step: SolveStep["step"];
}

export interface OptimizeOptions {
  /** Size of the restricted first model, default max(60, 6 × sites); 0 solves everything at once. */
  readonly restrictTo?: number;
  /** Called with the best objective and bound as the engine works (HiGHS only). */
  readonly onProgress?: (progress: SolveProgress) => void;
  /** Share of the time limit branch and check may use (default {@link CHECK_SHARE}); 0 skips it. */
  readonly checkShare?: number;
  /** Called with every model solved, in order (for `--export-lp`). */
  readonly onModel?: (step: SolveStep["step"], formulation: Formulation) => void;
}

const engineOf = (engine: Engine): EngineSolve => (engine === "highs" ? solveWithHighs : solveWithJsLpSolver);

/**
 * Above this many nonzeros a model is solved without HiGHS's presolve, which on such models
 * removes next to nothing, overruns the time limit and delays the search. Measured on the bench
 * instances (`npx tsx bench/run.ts --stress 3 --limit 20`, docs/performance.md): the generated
 * 20,000-site set's relaxation (1.2 million nonzeros) spent over 46 s in presolve, against 7.6 s
 * for the whole solve without it; the 3,000-site stress instance's full model (1.06 million
 * nonzeros) spent 16 s of a 6 s limit in presolve and removed 5 of 52,327 rows; the tight-cash
 * bundled model's full model is proven infeasible in 0.9 s without presolve, 3.4 s with it.
 */
export const PRESOLVE_MAX_NONZEROS = 100_000;
const nonzerosOf = (f: Formulation): number => f.program.rows.reduce((n, r) => n + r.terms.length, 0);

/** Per-candidate best value over its go-live months, in "larger is better" terms. */
function bestValues(problem: OptimizationProblem, sign: number): number[] {
  return problem.candidates.map((c) => {
    if (problem.timeline === null) return sign * siteValue(problem, c, null);
    const domain = goLiveDomain(problem, c);
    return domain.length === 0 ? -Infinity : Math.max(...domain.map((m) => sign * siteValue(problem, c, m)));
  });
}

/** For each candidate, an upper bound (larger-is-better terms) on any plan that contains it. */
function upperBounds(values: readonly number[], n: number): number[] {
  const top = [...values].sort((a, b) => b - a).slice(0, n);
  const topSum = top.reduce((s, v) => s + v, 0);
  const cutoff = top[top.length - 1] ?? -Infinity;
  return values.map((v) => (v >= cutoff ? topSum : topSum - cutoff + v));
}

/** Decodes an engine's values into a plan and has the verifier check it. */
function accept(problem: OptimizationProblem, f: Formulation, values: readonly number[]): Accepted | null {
  const timeline = problem.timeline;
  const goLive = new Map<string, number>();
  const chosen: Candidate[] = [];
  f.sites.forEach((index, p) => {
    const vars = f.stepVariables[p] as ReadonlyMap<number, number>;
    const months = [...vars.keys()].sort((a, b) => a - b);
    const last = months[months.length - 1];
    if (last === undefined || values[vars.get(last) as number] !== 1) return;
    const c = problem.candidates[index] as Candidate;
    chosen.push(c);
    if (timeline !== null) goLive.set(c.siteId, months.find((m) => values[vars.get(m) as number] === 1) as number);
  });
  const settled = timeline === null ? goLive : pullEarlier(problem, timeline, chosen, goLive);
  const plan = timeline === null ? null : planOf(timeline, chosen, settled);
  const selected =
    plan !== null ? plan.sites.map((s) => s.siteId) : [...chosen].sort((a, b) => b.score - a.score || (a.siteId < b.siteId ? -1 : 1)).map((c) => c.siteId);
  const verification = verifySelection(problem, selected, plan);
  if (!verification.ok || verification.objective === undefined) return null;
  return { objective: verification.objective, selected, plan, verification, goLive: settled };
}

/** The incumbent as a start vector for a model built on other (or the same) candidates. */
function startFor(problem: OptimizationProblem, f: Formulation, incumbent: Accepted | null): number[] | undefined {
  if (incumbent === null) return undefined;
  const start = new Array<number>(f.program.variables.length).fill(0);
  const chosen = new Set(incumbent.selected as readonly string[]);
  f.sites.forEach((index, p) => {
    const id = (problem.candidates[index] as Candidate).siteId;
    if (!chosen.has(id)) return;
    const g = incumbent.goLive.get(id) ?? -Infinity;
    for (const [m, v] of f.stepVariables[p] as ReadonlyMap<number, number>) if (problem.timeline === null || m >= g) start[v] = 1;
  });
  f.program.variables.forEach((v, i) => {
    if (v.candidate === null && v.month !== null) start[i] = incumbent.plan?.ledger.months[v.month]?.bridgeBn ?? 0;
  });
  return start;
}

/** Share of the time limit the branch-and-check phase may use before the dated MILP takes over. */
export const CHECK_SHARE = 0.2;

/**
 * Most selections branch and check schedules before the dated MILP takes over: with a time limit,
 * and without one (where the phase has no clock of its own).
 */
export const CHECK_MAX_ROUNDS = { limited: 5, unlimited: 5 } as const;
/** Selections checked without any plan after which branch and check hands over to the dated MILP. */
export const CHECK_ROUNDS_WITHOUT_PLAN = 3;
/** Most nodes the fixed-set scheduler spends on one selection before the selection is left to the MILP. */
export const CHECK_NODE_LIMIT = 50_000;

/** What a phase returns: the answer, or null to go on to the next phase. */
type PhaseOutcome = OptimizeResult | null;

interface Context {
  readonly problem: OptimizationProblem;
  readonly options: OptimizeOptions;
  readonly state: SearchState;
  readonly engine: EngineSolve;
  /** Per-candidate best value over its go-live months, larger is better. */
  readonly values: readonly number[];
  /** Per candidate: an upper bound (larger is better) on any plan that contains it. */
  readonly upper: readonly number[];
  /** The relaxation's model (built once) and its latest selection, when it ran. */
  relaxation: Formulation | null;
  relaxedChoice: readonly number[];
  /** Selections excluded by branch and check, each with its exact best value known. */
  readonly checked: (readonly SiteId[])[];
  /** Candidates the dated MILP is to be built on. */
  pool: readonly number[];
}

/**
 * Solves the dated site-selection problem: which sites, and the month each goes live.
 * Expected endings are statuses (`optimal`, `time_limit`, `no_solution`, `infeasible`), never
 * exceptions. Every returned plan has passed the independent verifier.
 * @example const result = await optimize(problem); if (result.status === "optimal") console.log(result.selected);
 */
export async function optimize(problem: OptimizationProblem, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  return secondStageApplies(problem) ? optimizeInStages(problem, options, optimizeOnce) : optimizeOnce(problem, options);
}

/** One solve of one objective (maxScore's two stages each run one). */
async function optimizeOnce(problem: OptimizationProblem, options: OptimizeOptions): Promise<OptimizeResult> {
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  const values = bestValues(problem, sign);
  const upper = upperBounds(values, problem.sitesToSelect);
  const ceiling = sign * upper.reduce((best, v) => Math.max(best, v), Number.NEGATIVE_INFINITY);
  const state = new SearchState(problem, Number.isFinite(ceiling) ? ceiling : sign * Number.POSITIVE_INFINITY);
  const context: Context = {
    problem,
    options,
    state,
    engine: engineOf(problem.solver),
    values,
    upper,
    relaxation: null,
    relaxedChoice: [],
    checked: [],
    pool: problem.candidates.map((_, i) => i),
  };
  for (const phase of PHASES) {
    const outcome = await phase(context);
    if (outcome !== null) return outcome;
  }
  return finish(context);
}

/** The phases, in order. */
const PHASES: readonly ((c: Context) => Promise<PhaseOutcome>)[] = [diagnosePhase, relaxationPhase, checkPhase, constructPhase, restrictedPhase, fullPhase];

async function diagnosePhase({ problem, state }: Context): Promise<PhaseOutcome> {
  const t0 = performance.now();
  const quick = diagnose(problem, true);
  state.record({
    step: "diagnose",
    candidates: problem.candidates.length,
    variables: 0,
    rows: 0,
    status: quick.proven.length > 0 ? "proven_infeasible" : "done",
    objective: null,
    bound: null,
    ms: performance.now() - t0,
  });
  return quick.proven.length > 0 ? { status: "infeasible", reasons: quick.proven, stats: state.stats() } : null;
}

/** Solves one model with the engine, records the step, and offers any plan to the state. */
async function solveStep(
  c: Context,
  step: SolveStep["step"],
  f: Formulation,
  share: number,
  leastEquity = false,
  seed: readonly number[] = [],
): Promise<{ outcome: EngineOutcome; accepted: Accepted | null }> {
  const { problem, state, options } = c;
  options.onModel?.(step, f);
  const onProgress = options.onProgress;
  const outcome = await c.engine(f.program, {
    timeLimitMs: state.engineLimitMs(share),
    start: leastEquity ? leastEquityStart(problem, f, seed) : startFor(problem, f, state.incumbent),
    onProgress: onProgress === undefined ? undefined : (p) => onProgress({ ...p, step }),
    presolve: nonzerosOf(f) <= PRESOLVE_MAX_NONZEROS,
  });
  state.solveMs += outcome.ms;
  if (outcome.kind !== "failed" && outcome.kind !== "infeasible" && outcome.nodes !== null) state.nodes = (state.nodes ?? 0) + outcome.nodes;
  const point = outcome.kind === "optimal" || outcome.kind === "time_limit" ? outcome.values : null;
  const accepted = point !== null && !leastEquity ? accept(problem, f, point) : null;
  state.offer(accepted);
  const rawBound = outcome.kind === "optimal" || outcome.kind === "time_limit" ? outcome.bound : null;
  // A bound is reported within what its objective can take: the objective's for a plan model,
  // [0, total capex] for the least equity.
  const bound = rawBound === null ? null : leastEquity ? Math.max(0, rawBound) : state.clip(rawBound);
  state.record({
    step,
    candidates: f.sites.length,
    variables: f.program.variables.length,
    rows: f.program.rows.length,
    status: outcome.kind === "failed" ? "no_solution" : outcome.kind,
    objective: leastEquity ? (outcome.kind === "optimal" ? outcome.bound : null) : (accepted?.objective ?? null),
    bound,
    ms: outcome.ms,
    ...(outcome.kind === "failed" ? { note: outcome.message } : {}),
  });
  return { outcome, accepted };
}

function build(c: Context, sites: readonly number[], formulateOptions: Parameters<typeof formulate>[2] = {}, on: OptimizationProblem = c.problem): Formulation {
  const tb = performance.now();
  const f = formulate(on, sites, formulateOptions);
  c.state.noteModel(f, performance.now() - tb, formulateOptions.relaxTiming !== true);
  return f;
}

/** The timing relaxation: a bound, and often (when the cash rule does not bind) the answer. */
async function relaxationPhase(c: Context): Promise<PhaseOutcome> {
  const { problem, state } = c;
  if (!relaxationBounds(problem) || c.options.restrictTo === 0) return null;
  const f = build(c, c.pool, { relaxTiming: true });
  c.relaxation = f;
  const { outcome } = await solveStep(c, "relaxation", f, 1);
  if (outcome.kind === "infeasible") return { status: "infeasible", reasons: combinationReason(problem), stats: state.stats() };
  if (outcome.kind !== "optimal") return null;
  state.tighten(outcome.bound);
  c.relaxedChoice = chosenIndices(f, outcome.values);
  return state.decided() ? solved(state, "optimal") : null;
}

/**
 * Branch and check: schedules the relaxation's selection exactly, excludes it, and solves the
 * relaxation again, until its bound meets the best plan, it runs out of selections, or the phase's
 * share of the time is spent. Selections the scheduler cannot settle in time stop the phase (they
 * are not excluded, so every bound stays valid).
 */
async function checkPhase(c: Context): Promise<PhaseOutcome> {
  const { problem, state } = c;
  const relaxed = c.relaxation;
  const share = c.options.checkShare ?? CHECK_SHARE;
  if (relaxed === null || c.relaxedChoice.length === 0 || problem.timeline === null || problem.scenarios !== undefined || share <= 0) return null;
  if (!poolCashRule(problem.timeline)) return null;
  const phaseEnd = state.deadline(share);
  let choice = c.relaxedChoice;
  const rounds = state.limitMs > 0 ? CHECK_MAX_ROUNDS.limited : CHECK_MAX_ROUNDS.unlimited;
  for (let round = 0; round < rounds && performance.now() < phaseEnd; round++) {
    const sites = choice.map((i) => problem.candidates[i] as Candidate);
    const t0 = performance.now();
    const cutoff = state.incumbent === null ? undefined : state.sign * state.incumbent.objective;
    const scheduled = scheduleFixedSet(problem, sites, { deadline: phaseEnd, nodeLimit: CHECK_NODE_LIMIT, ...(cutoff === undefined ? {} : { cutoff }) });
    let offered: Accepted | null = null;
    if (scheduled.kind === "optimal") offered = acceptSchedule(problem, sites, scheduled.goLive);
    else if (scheduled.kind === "stopped" && scheduled.best !== null) offered = acceptSchedule(problem, sites, scheduled.best.goLive);
    else if (scheduled.kind === "stopped") {
      const warm = warmPlan(problem, sites);
      if (warm !== null) offered = acceptWarm(problem, warm);
    }
    state.offer(offered);
    // A schedule the verifier rejects is a disagreement: stop excluding rather than trust it.
    let settled = scheduled.kind === "infeasible" || (scheduled.kind === "optimal" && offered !== null);
    state.record({
      step: "schedule",
      candidates: sites.length,
      variables: 0,
      rows: 0,
      status: scheduled.kind === "stopped" ? "time_limit" : scheduled.kind,
      objective: offered?.objective ?? null,
      bound: null,
      ms: performance.now() - t0,
      note: `fixed-set branch and bound, ${scheduled.nodes} nodes${scheduled.kind === "infeasible" && cutoff !== undefined ? ", none better than the best plan" : ""}`,
    });
    if (!settled && scheduled.kind === "stopped" && performance.now() < phaseEnd) {
      // The node budget ran out (weak value bounds when time has a price): the dated MILP on the selection.
      const share = (phaseEnd - performance.now()) / Math.max(1, state.limitMs);
      const { outcome, accepted } = await solveStep(c, "schedule", build(c, choice), state.limitMs > 0 ? share : 1);
      settled = outcome.kind === "infeasible" || (outcome.kind === "optimal" && accepted !== null);
    }
    if (!settled) break;
    c.checked.push(sites.map((s) => s.siteId));
    // The relaxation's best selections cannot be scheduled: the cash rule binds hard, where the
    // dated MILP proves infeasibility or finds plans faster than one selection at a time.
    if (c.checked.length >= CHECK_ROUNDS_WITHOUT_PLAN && state.incumbent === null) break;
    if (state.decided()) return solved(state, "optimal");
    if (performance.now() >= phaseEnd) break;
    const f = withNoGoods(relaxed, problem, c.checked);
    const { outcome } = await solveStep(c, "relaxation", f, Math.max(0, (phaseEnd - performance.now()) / Math.max(1, state.limitMs)));
    if (outcome.kind === "infeasible") {
      // Every selection is excluded, each with its exact value known.
      if (state.incumbent !== null) {
        state.tighten(state.incumbent.objective);
        return solved(state, "optimal");
      }
      return finish(c);
    }
    if (outcome.kind !== "optimal") break;
    state.tighten(outcome.bound);
    if (state.decided()) return solved(state, "optimal");
    choice = chosenIndices(f, outcome.values);
  }
  return null;
}

/** Without a plan yet, one built without a solver: the engine then starts from it. */
async function constructPhase(c: Context): Promise<PhaseOutcome> {
  const { problem, state } = c;
  if (state.incumbent !== null || problem.timeline === null || state.outOfTime()) return null;
  const tc = performance.now();
  const valueById = new Map(problem.candidates.map((s, i) => [s.siteId as string, c.values[i] as number]));
  const spacing = problem.minSpacingKm;
  const built = constructivePlan(problem, problem.candidates, valueById, (a, b) => spacing <= 0 || greatCircleKm(a, b) >= spacing);
  if (built !== null) state.offer(acceptWarm(problem, built));
  state.record({
    step: "construct",
    candidates: problem.candidates.length,
    variables: 0,
    rows: 0,
    status: built === null ? "no_solution" : "done",
    objective: built?.objective ?? null,
    bound: null,
    ms: performance.now() - tc,
  });
  return state.decided() ? solved(state, "optimal") : null;
}

/** Bound elimination around the best plan: the candidates that can still be in an optimal plan. */
function eliminate(c: Context): number[] {
  const { problem, state } = c;
  const incumbent = state.incumbent as Accepted;
  const te = performance.now();
  const threshold = state.sign * incumbent.objective - OBJECTIVE_TOLERANCE * Math.max(1, Math.abs(incumbent.objective));
  const kept = problem.candidates.map((_, i) => i).filter((i) => (c.upper[i] as number) >= threshold);
  state.record({
    step: "eliminate",
    candidates: kept.length,
    variables: 0,
    rows: 0,
    status: "done",
    objective: incumbent.objective,
    bound: null,
    ms: performance.now() - te,
    note: `${problem.candidates.length - kept.length} of ${problem.candidates.length} candidates cannot beat ${incumbent.objective.toFixed(4)}`,
  });
  return kept;
}

/** The dated MILP on the best remaining candidates first, growing while elimination allows. */
async function restrictedPhase(c: Context): Promise<PhaseOutcome> {
  const { problem, state } = c;
  if (state.incumbent !== null) c.pool = eliminate(c);
  const n = problem.sitesToSelect;
  const size = c.options.restrictTo ?? Math.max(60, 6 * n);
  if (size <= 0 || c.pool.length <= size) return null;
  const byValue = [...c.pool].sort((a, b) => (c.values[b] as number) - (c.values[a] as number) || a - b);
  const locked = c.pool.filter((i) => (problem.candidates[i] as Candidate).lockedIn);
  let restricted = [...new Set([...byValue.slice(0, size), ...locked])].sort((a, b) => a - b);
  for (let round = 0; round < 4 && !state.outOfTime(); round++) {
    if (!fitsInTime(c, restricted)) break;
    const { outcome } = await solveStep(c, "restricted", build(c, restricted), 0.4);
    if (outcome.kind !== "optimal" || state.incumbent === null) break;
    if (state.decided()) {
      state.kept = restricted.length;
      return solved(state, "optimal");
    }
    const kept = eliminate(c);
    const inside = new Set(restricted);
    c.pool = kept;
    if (kept.every((i) => inside.has(i))) {
      state.kept = kept.length;
      state.tighten(state.incumbent.objective);
      return solved(state, "optimal");
    }
    if (kept.length <= 3 * restricted.length) break;
    const grown = new Set(byValue.filter((i) => kept.includes(i)).slice(0, 2 * restricted.length));
    restricted = [...new Set([...kept.filter((i) => inside.has(i) || grown.has(i)), ...locked])].sort((a, b) => a - b);
  }
  return null;
}

/** The dated MILP on every candidate left. */
async function fullPhase(c: Context): Promise<PhaseOutcome> {
  const { problem, state } = c;
  state.kept = c.pool.length;
  if (state.outOfTime() || !fitsInTime(c, c.pool)) return timedOut(state);
  const { outcome } = await solveStep(c, "full", build(c, c.pool), 1);
  if (outcome.kind === "optimal") {
    if (state.incumbent === null)
      return { status: "no_solution", bound: outcome.bound, message: "the engine's optimal answer failed verification (this is a bug)", stats: state.stats() };
    state.tighten(state.incumbent.objective);
    return solved(state, "optimal");
  }
  if (outcome.kind === "time_limit") {
    state.tighten(outcome.bound);
    return timedOut(state);
  }
  if (outcome.kind === "failed") {
    const stopped = timedOut(state);
    return stopped.status === "time_limit"
      ? { ...stopped, stoppedBy: outcome.message }
      : stopped.status === "no_solution"
        ? { ...stopped, message: outcome.message, bound: null }
        : stopped;
  }
  // Infeasible on every candidate left. A pool holding a verified plan cannot be: keep the plan, say so.
  if (state.incumbent !== null) {
    const stopped = timedOut(state);
    return stopped.status === "time_limit" ? { ...stopped, stoppedBy: "the engine called a model holding a verified plan infeasible" } : stopped;
  }
  return null;
}

/** After every phase: the problem is infeasible; say why, with the least equity when cash is the cause. */
async function finish(c: Context): Promise<OptimizeResult> {
  return { status: "infeasible", ...(await leastEquityReasons(c)), stats: c.state.stats() };
}

function infeasibleReasons(c: Context): string[] {
  return combinationReason(c.problem);
}

async function leastEquityReasons(c: Context): Promise<{ reasons: string[]; leastEquityBn?: number | null }> {
  const { problem, state } = c;
  const timeline = problem.timeline;
  if (!timeline?.cashRuleEnforced || state.outOfTime()) return { reasons: infeasibleReasons(c) };
  const all = problem.candidates.map((_, i) => i);
  if (!fitsInTime(c, all)) return { reasons: infeasibleReasons(c) };
  const f = build(c, all, { leastEquity: true });
  const least = await solveStep(c, "least-equity", f, 1, true, c.relaxedChoice);
  const point = least.outcome.kind === "optimal" || least.outcome.kind === "time_limit" ? least.outcome.values : null;
  const plan = point === null ? null : planFromValues(problem, f, point);
  if (plan === null) return { reasons: infeasibleReasons(c) };
  const found = plan.ledger.peakEquityBn - (timeline.cash.bridge?.limitBn ?? 0);
  if (found <= timeline.cash.equityBn + 1e-6) return { reasons: infeasibleReasons(c) };
  const proven = least.outcome.kind === "optimal";
  const lower = least.outcome.kind === "time_limit" ? Math.max(0, least.outcome.bound ?? 0) : found;
  return { reasons: [cashShortfallReason(timeline, plan.ledger, found, proven ? null : lower)], leastEquityBn: proven ? found : null };
}

/** Whether a dated model on these sites can be built and loaded in the time left (measured rate of earlier dated builds). */
function fitsInTime(c: Context, sites: readonly number[]): boolean {
  const { state, problem } = c;
  const perVariable = state.datedMsPerVariable;
  if (state.limitMs === 0 || perVariable === null) return true;
  const variables = sites.reduce((sum, i) => sum + Math.max(1, goLiveDomain(problem, problem.candidates[i] as Candidate).length), 0);
  // Building, then handing the model to the engine, takes about twice the build alone.
  return 2 * perVariable * variables < state.remainingMs();
}

/** The relaxation's model with one no-good row per checked selection. */
function withNoGoods(f: Formulation, problem: OptimizationProblem, selections: readonly (readonly SiteId[])[]): Formulation {
  const position = new Map(f.sites.map((index, p) => [(problem.candidates[index] as Candidate).siteId as string, p]));
  const rows = [...f.program.rows];
  selections.forEach((selection, k) => {
    const terms = selection.flatMap((id) => {
      const p = position.get(id);
      const variable = p === undefined ? undefined : [...(f.stepVariables[p] as ReadonlyMap<number, number>).values()].at(-1);
      return variable === undefined ? [] : [{ variable, coefficient: 1 }];
    });
    if (terms.length === selection.length) rows.push({ name: `checked_${k}`, terms, sense: "<=", rhs: selection.length - 1 });
  });
  return { ...f, program: { ...f.program, rows } };
}

/** A fixed-set schedule as a verified plan (sites pulled earlier where nothing is lost). */
function acceptSchedule(problem: OptimizationProblem, sites: readonly Candidate[], goLive: ReadonlyMap<string, number>): Accepted | null {
  const timeline = problem.timeline;
  if (timeline === null) return null;
  const settled = pullEarlier(problem, timeline, sites, goLive);
  const plan = planOf(timeline, sites, settled);
  const selected = plan.sites.map((s) => s.siteId);
  const verification = verifySelection(problem, selected, plan);
  if (!verification.ok || verification.objective === undefined) return null;
  return { objective: verification.objective, selected, plan, verification, goLive: settled };
}

function acceptWarm(problem: OptimizationProblem, warm: WarmPlan): Accepted | null {
  const selected = warm.plan.sites.map((p) => p.siteId);
  const verification = verifySelection(problem, selected, warm.plan);
  if (!verification.ok || verification.objective === undefined) return null;
  return { objective: verification.objective, selected, plan: warm.plan, verification, goLive: warm.goLive };
}

function solved(state: SearchState, status: "optimal" | "time_limit"): OptimizeResult {
  const a = state.incumbent as Accepted;
  const bound = status === "optimal" ? a.objective : state.bound;
  return solvedResult(status, a, bound, state.stats());
}

/** A start for the least-equity model: the given sites at their ready months, equity = their peak need. */
function leastEquityStart(problem: OptimizationProblem, f: Formulation, seed: readonly number[]): number[] | undefined {
  const timeline = problem.timeline;
  if (timeline === null || seed.length !== problem.sitesToSelect) return undefined;
  const chosen = seed.map((i) => problem.candidates[i] as Candidate);
  const goLive = new Map(chosen.map((c) => [c.siteId as string, Math.max(0, c.readyMonth ?? 0)]));
  const plan = planOf(timeline, chosen, goLive);
  const start = new Array<number>(f.program.variables.length).fill(0);
  const inSeed = new Set(seed);
  f.sites.forEach((index, p) => {
    if (!inSeed.has(index)) return;
    const g = goLive.get((problem.candidates[index] as Candidate).siteId) ?? 0;
    for (const [m, v] of f.stepVariables[p] as ReadonlyMap<number, number>) if (m >= g) start[v] = 1;
  });
  f.program.variables.forEach((v, i) => {
    if (v.name === "equity") start[i] = plan.ledger.peakEquityBn;
  });
  return start;
}

/** Candidate indices a solution selects. */
function chosenIndices(f: Formulation, values: readonly number[]): number[] {
  return f.sites.filter((_, p) => {
    const vars = f.stepVariables[p] as ReadonlyMap<number, number>;
    return [...vars.values()].some((v) => values[v] === 1);
  });
}

function planFromValues(problem: OptimizationProblem, f: Formulation, values: readonly number[]): Plan | null {
  const timeline = problem.timeline;
  if (timeline === null) return null;
  const goLive = new Map<string, number>();
  const chosen: Candidate[] = [];
  f.sites.forEach((index, p) => {
    const vars = f.stepVariables[p] as ReadonlyMap<number, number>;
    const months = [...vars.keys()].sort((a, b) => a - b);
    const first = months.find((m) => values[vars.get(m) as number] === 1);
    if (first === undefined) return;
    const c = problem.candidates[index] as Candidate;
    chosen.push(c);
    goLive.set(c.siteId, first);
  });
  return planOf(timeline, chosen, goLive);
}

function solvedResult(status: "optimal" | "time_limit", a: Accepted, bound: number, stats: SolveStats): OptimizeResult {
  const gap = Math.abs(bound - a.objective) / Math.max(1, Math.abs(a.objective));
  return { status, objective: a.objective, objectiveParts: a.verification.objectiveParts ?? [], bound, gap, selected: a.selected, plan: a.plan, stats };
}

function timedOut(state: SearchState): OptimizeResult {
  const best = state.incumbent;
  const seconds = state.problem.timeLimitMs / 1000;
  if (best === null)
    return { status: "no_solution", bound: state.bound, message: `no verified plan was found within the ${seconds} s time limit`, stats: state.stats() };
  // A bound can never be worse than a verified plan.
  const safeBound = state.sign * state.bound < state.sign * best.objective ? best.objective : state.bound;
  const gap = Math.abs(safeBound - best.objective) / Math.max(1, Math.abs(best.objective));
  return solvedResult(gap <= OBJECTIVE_TOLERANCE ? "optimal" : "time_limit", best, safeBound, state.stats());
}

/**
 * CPLEX LP text of the models a solve would build, with variables named after site ids and
 * months and a comment block mapping them: every model of `onModel`, or the full model.
 * @example writeFileSync("model.lp", exportLp(problem));
 */
export function exportLp(
  problem: OptimizationProblem,
  formulations: readonly { readonly step: string; readonly formulation: Formulation }[] = [{ step: "full", formulation: formulate(problem) }],
): string {
  return formulations
    .map(({ step, formulation }, k) =>
      toLpText(formulation.program, false, [
        `model ${k + 1} of ${formulations.length} (${step}): ${formulation.description}`,
        `${formulation.sites.length} candidate sites`,
      ]),
    )
    .join("\n");
}

export { loadHighs } from "./highs.ts";
