/**
 * The optimizer's one door: `optimize(problem, options)`. One formulation (formulate.ts), one
 * engine per problem (HiGHS by default, jsLPSolver supported), and one exact speed-up:
 *
 * **Bound elimination.** Solve the model on the candidates with the best per-site values first.
 * Its optimum is a plan of the full problem, so its objective I is a lower bound (for a
 * maximum). A site whose value plus the N − 1 best other values is below I cannot be in any
 * optimal plan and is dropped. When every site left was in the restricted model, its optimum
 * is the global optimum; otherwise the model is solved again on what is left (which holds every
 * optimal plan), starting from the incumbent.
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
import type { Candidate, Engine, OptimizationProblem, OptimizeResult, SolveStats, SolveStep, Verification } from "./types.ts";
import type { Plan } from "../schedule/types.ts";
import { verifySelection } from "./verify.ts";
import { constructivePlan, pullEarlier, warmPlan, type WarmPlan } from "./warmStart.ts";
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
  /** Called with every model solved, in order (for `--export-lp`). */
  readonly onModel?: (step: SolveStep["step"], formulation: Formulation) => void;
}

interface Accepted {
  readonly objective: number;
  readonly selected: readonly SiteId[];
  readonly plan: Plan | null;
  readonly verification: Verification;
  readonly goLive: ReadonlyMap<string, number>;
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
const TOLERANCE = 1e-9;

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

/**
 * Solves the dated site-selection problem: which sites, and the month each goes live.
 * Expected endings are statuses (`optimal`, `time_limit`, `no_solution`, `infeasible`), never
 * exceptions. Every returned plan has passed the independent verifier.
 * @example const result = await optimize(problem); if (result.status === "optimal") console.log(result.selected);
 */
export async function optimize(problem: OptimizationProblem, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const started = performance.now();
  const limitMs = Math.max(0, problem.timeLimitMs);
  const remaining = (): number => (limitMs > 0 ? Math.max(1, limitMs - (performance.now() - started)) : 0);
  const outOfTime = (): boolean => limitMs > 0 && performance.now() - started >= limitMs;
  const engine = engineOf(problem.solver);
  const steps: SolveStep[] = [];
  let largest: Formulation | null = null;
  let buildMs = 0;
  let solveMs = 0;
  let nodes: number | null = null;
  const stats = (kept: number): SolveStats => ({
    solver: problem.solver,
    formulation: largest?.description ?? "none (decided before solving)",
    candidates: problem.candidates.length,
    candidatesAfterReduction: kept,
    variables: largest?.program.variables.length ?? 0,
    constraints: largest?.program.rows.length ?? 0,
    conflictEdges: largest?.conflictEdges ?? 0,
    cliqueRows: largest?.cliqueRows ?? 0,
    nodes,
    buildMs,
    solveMs,
    steps,
  });

  const t0 = performance.now();
  const quick = diagnose(problem, true);
  steps.push({
    step: "diagnose",
    candidates: problem.candidates.length,
    variables: 0,
    rows: 0,
    status: quick.proven.length > 0 ? "proven_infeasible" : "done",
    objective: null,
    bound: null,
    ms: performance.now() - t0,
  });
  if (quick.proven.length > 0) return { status: "infeasible", reasons: quick.proven, stats: stats(problem.candidates.length) };

  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  const values = bestValues(problem, sign);
  const ub = upperBounds(values, problem.sitesToSelect);
  const n = problem.sitesToSelect;
  const crudeBound = sign * ub.reduce((best, v) => Math.max(best, v), -Infinity);
  let best: Accepted | null = null;

  const solveOn = async (
    step: SolveStep["step"],
    sites: readonly number[],
    leastEquity = false,
    seed: readonly number[] = [],
    on: OptimizationProblem = problem,
    shareOfLimit = 1,
  ): Promise<{ f: Formulation; outcome: EngineOutcome; accepted: Accepted | null }> => {
    const tb = performance.now();
    const f = formulate(on, sites, { leastEquity, relaxTiming: step === "relaxation" });
    buildMs += performance.now() - tb;
    if (largest === null || f.program.variables.length > largest.program.variables.length) largest = f;
    options.onModel?.(step, f);
    const onProgress = options.onProgress;
    const outcome = await engine(f.program, {
      // The least-equity solve only explains an infeasible answer: it gets at most half the limit.
      timeLimitMs: limitMs > 0 ? Math.min(remaining(), limitMs * (leastEquity ? 0.5 : shareOfLimit)) : 0,
      start: leastEquity ? leastEquityStart(problem, f, seed) : startFor(problem, f, best),
      onProgress: onProgress === undefined ? undefined : (p) => onProgress({ ...p, step }),
      presolve: nonzerosOf(f) <= PRESOLVE_MAX_NONZEROS,
    });
    solveMs += outcome.ms;
    if (outcome.kind !== "failed" && outcome.kind !== "infeasible" && outcome.nodes !== null) nodes = (nodes ?? 0) + outcome.nodes;
    const point = outcome.kind === "optimal" ? outcome.values : outcome.kind === "time_limit" ? outcome.values : null;
    const accepted = point !== null && !leastEquity ? accept(problem, f, point) : null;
    if (accepted !== null && (best === null || sign * accepted.objective > sign * best.objective + TOLERANCE)) best = accepted;
    steps.push({
      step,
      candidates: sites.length,
      variables: f.program.variables.length,
      rows: f.program.rows.length,
      status: outcome.kind === "failed" ? "no_solution" : outcome.kind,
      objective: leastEquity ? (outcome.kind === "optimal" ? outcome.bound : null) : (accepted?.objective ?? null),
      bound: outcome.kind === "optimal" || outcome.kind === "time_limit" ? outcome.bound : null,
      ms: outcome.ms,
      ...(outcome.kind === "failed" ? { note: outcome.message } : {}),
    });
    return { f, outcome, accepted };
  };

  const eliminate = (incumbent: Accepted): number[] => {
    const te = performance.now();
    const threshold = sign * incumbent.objective - TOLERANCE * Math.max(1, Math.abs(incumbent.objective));
    const kept = problem.candidates.map((_, i) => i).filter((i) => (ub[i] as number) >= threshold);
    steps.push({
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
  };
  const consider = (warm: WarmPlan): void => {
    const selected = warm.plan.sites.map((p) => p.siteId);
    const verification = verifySelection(problem, selected, warm.plan);
    if (!verification.ok || verification.objective === undefined) return;
    const accepted: Accepted = { objective: verification.objective, selected, plan: warm.plan, verification, goLive: warm.goLive };
    if (best === null || sign * accepted.objective > sign * (best as Accepted).objective + TOLERANCE) best = accepted;
  };
  const all = problem.candidates.map((_, i) => i);
  const byValue = [...all].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const locked = all.filter((i) => (problem.candidates[i] as Candidate).lockedIn);
  const size = options.restrictTo ?? Math.max(60, 6 * n);
  const reached = (bound: number): boolean => best !== null && sign * (best as Accepted).objective >= sign * bound - TOLERANCE * Math.max(1, Math.abs(bound));
  // The timing relaxation: a bound, and often (when the cash rule does not bind) the answer.
  let relaxedBound: number | null = null;
  let relaxedChoice: readonly number[] = [];
  if (relaxationBounds(problem) && size !== 0) {
    const relaxed = await solveOn("relaxation", all);
    if (relaxed.outcome.kind === "infeasible") return { status: "infeasible", reasons: combinationReason(problem), stats: stats(all.length) };
    if (relaxed.outcome.kind === "optimal") {
      relaxedBound = relaxed.outcome.bound;
      if (reached(relaxedBound)) return solvedResult("optimal", best as unknown as Accepted, relaxedBound, stats(all.length));
      const chosen = chosenIndices(relaxed.f, relaxed.outcome.values);
      relaxedChoice = chosen;
      const tw = performance.now();
      const warm = warmPlan(
        problem,
        chosen.map((i) => problem.candidates[i] as Candidate),
        relaxedBound,
      );
      if (warm !== null) consider(warm);
      steps.push({
        step: "warm-start",
        candidates: chosen.length,
        variables: 0,
        rows: 0,
        status: warm === null ? "no_solution" : "done",
        objective: warm?.objective ?? null,
        bound: null,
        ms: performance.now() - tw,
      });
      if (reached(relaxedBound)) return solvedResult("optimal", best as unknown as Accepted, relaxedBound, stats(all.length));
      // The next-best relaxed selections, while none can be planned by hand: a good plan fast
      // (their bound is not used: the first relaxation's stays the bound).
      const rejected: (readonly SiteId[])[] = [];
      let previous = chosen;
      for (let round = 0; round < 4 && best === null && !outOfTime(); round++) {
        rejected.push(previous.map((i) => (problem.candidates[i] as Candidate).siteId));
        const next = await solveOn("relaxation", all, false, [], { ...problem, excludedSelections: [...(problem.excludedSelections ?? []), ...rejected] }, 0.1);
        if (next.outcome.kind !== "optimal") break;
        previous = chosenIndices(next.f, next.outcome.values);
        const plan = warmPlan(
          problem,
          previous.map((i) => problem.candidates[i] as Candidate),
        );
        if (plan !== null) consider(plan);
      }
      if (reached(relaxedBound)) return solvedResult("optimal", best as unknown as Accepted, relaxedBound, stats(all.length));
      if (!outOfTime()) await solveOn("schedule", chosen, false, [], problem, 0.25);
      if (reached(relaxedBound)) return solvedResult("optimal", best as unknown as Accepted, (best as unknown as Accepted).objective, stats(chosen.length));
    }
  }
  // Without a plan yet, build one without a solver: the engine then starts from it.
  if (best === null && problem.timeline !== null && !outOfTime()) {
    const tc = performance.now();
    const valueById = new Map(problem.candidates.map((c, i) => [c.siteId as string, values[i] as number]));
    const spacing = problem.minSpacingKm;
    const built = constructivePlan(problem, problem.candidates, valueById, (a, b) => spacing <= 0 || greatCircleKm(a, b) >= spacing);
    if (built !== null) consider(built);
    steps.push({
      step: "construct",
      candidates: problem.candidates.length,
      variables: 0,
      rows: 0,
      status: built === null ? "no_solution" : "done",
      objective: built?.objective ?? null,
      bound: null,
      ms: performance.now() - tc,
    });
    if (relaxedBound !== null && reached(relaxedBound)) return solvedResult("optimal", best as unknown as Accepted, relaxedBound, stats(all.length));
  }
  let final: readonly number[] = all;
  if (best !== null) {
    const incumbent: Accepted = best;
    const kept = eliminate(incumbent);
    final = kept;
  }
  if (size > 0 && final.length > size) {
    const pool = final;
    const poolByValue = byValue.filter((i) => pool.includes(i));
    let restricted = [...new Set([...poolByValue.slice(0, size), ...locked])].sort((a, b) => a - b);
    for (let round = 0; round < 4 && !outOfTime(); round++) {
      const { outcome } = await solveOn("restricted", restricted, false, [], problem, 0.4);
      if (outcome.kind !== "optimal" || best === null) break;
      const incumbent: Accepted = best;
      if (relaxedBound !== null && reached(relaxedBound)) return solvedResult("optimal", incumbent, incumbent.objective, stats(restricted.length));
      const kept = eliminate(incumbent);
      const inside = new Set(restricted);
      if (kept.every((i) => inside.has(i))) return solvedResult("optimal", incumbent, incumbent.objective, stats(kept.length));
      final = kept;
      if (kept.length <= 3 * restricted.length) break;
      const grown = new Set(byValue.filter((i) => kept.includes(i)).slice(0, 2 * restricted.length));
      restricted = [...new Set([...kept.filter((i) => inside.has(i) || grown.has(i)), ...locked])].sort((a, b) => a - b);
    }
  }
  const keptCount = final.length;
  const globalBound = relaxedBound ?? crudeBound;
  if (outOfTime()) return timedOut(problem, best, globalBound, stats(keptCount));
  const { outcome } = await solveOn("full", final);
  const incumbent = best as Accepted | null;
  if (outcome.kind === "optimal") {
    if (incumbent === null)
      return {
        status: "no_solution",
        bound: outcome.bound,
        message: "the engine's optimal answer failed verification (this is a bug)",
        stats: stats(keptCount),
      };
    return solvedResult("optimal", incumbent, incumbent.objective, stats(keptCount));
  }
  if (outcome.kind === "time_limit") {
    const engineBound = outcome.bound;
    // Both bounds are valid; the tighter one counts.
    const bound = engineBound === null ? globalBound : sign * engineBound < sign * globalBound ? engineBound : globalBound;
    return timedOut(problem, incumbent, bound, stats(keptCount));
  }
  if (outcome.kind === "failed") {
    if (incumbent !== null) {
      const stopped = timedOut(problem, incumbent, globalBound, stats(keptCount));
      return stopped.status === "time_limit" ? { ...stopped, stoppedBy: outcome.message } : stopped;
    }
    return { status: "no_solution", bound: null, message: outcome.message, stats: stats(keptCount) };
  }
  // Infeasible on every candidate (a restricted set that held an incumbent cannot be infeasible).
  const timeline = problem.timeline;
  if (timeline?.cashRuleEnforced && !outOfTime()) {
    const least = await solveOn("least-equity", all, true, relaxedChoice);
    const point = least.outcome.kind === "optimal" || least.outcome.kind === "time_limit" ? least.outcome.values : null;
    const plan = point === null ? null : planFromValues(problem, least.f, point);
    if (plan !== null) {
      const found = plan.ledger.peakEquityBn - (timeline.cash.bridge?.limitBn ?? 0);
      const proven = least.outcome.kind === "optimal";
      const lower = least.outcome.kind === "time_limit" ? least.outcome.bound : found;
      if (found > timeline.cash.equityBn + 1e-6) {
        return {
          status: "infeasible",
          reasons: [cashShortfallReason(timeline, plan.ledger, found, proven ? null : lower)],
          leastEquityBn: proven ? found : null,
          stats: stats(keptCount),
        };
      }
    }
  }
  return { status: "infeasible", reasons: combinationReason(problem), stats: stats(keptCount) };
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

function timedOut(problem: OptimizationProblem, best: Accepted | null, bound: number, stats: SolveStats): OptimizeResult {
  const seconds = problem.timeLimitMs / 1000;
  if (best === null) return { status: "no_solution", bound, message: `no verified plan was found within the ${seconds} s time limit`, stats };
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  // A bound can never be worse than a verified plan.
  const safeBound = sign * bound < sign * best.objective ? best.objective : bound;
  const gap = Math.abs(safeBound - best.objective) / Math.max(1, Math.abs(best.objective));
  return solvedResult(gap <= TOLERANCE ? "optimal" : "time_limit", best, safeBound, stats);
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
