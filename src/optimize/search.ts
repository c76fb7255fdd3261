/**
 * The one search state of `optimize()`: the clock, the best verified plan (incumbent), the best
 * proven bound, and the record of every step. Every phase reads and updates it; nothing else
 * holds search state.
 */
import { performance } from "node:perf_hooks";
import type { SiteId } from "../sites/types.ts";
import type { Plan } from "../schedule/types.ts";
import type { Formulation } from "./formulate.ts";
import type { Engine, OptimizationProblem, SolveStats, SolveStep, Verification } from "./types.ts";

/** A plan the verifier accepted, with its go-live months. */
export interface Accepted {
  readonly objective: number;
  readonly selected: readonly SiteId[];
  readonly plan: Plan | null;
  readonly verification: Verification;
  readonly goLive: ReadonlyMap<string, number>;
}

/** Relative tolerance under which an incumbent meets a bound. */
export const OBJECTIVE_TOLERANCE = 1e-9;

/**
 * Time kept back from the engines for what follows the search (verification, outputs): 1 s, or
 * 5% of a limit under 20 s.
 */
export function reserveMs(limitMs: number): number {
  return limitMs <= 0 ? 0 : Math.min(1000, 0.05 * limitMs);
}

export class SearchState {
  readonly steps: SolveStep[] = [];
  /** +1 when larger is better, −1 for minCost. */
  readonly sign: number;
  readonly started = performance.now();
  readonly limitMs: number;
  incumbent: Accepted | null = null;
  /** Best proven bound on the objective (never beyond {@link ceiling}). */
  bound: number;
  largest: Formulation | null = null;
  buildMs = 0;
  solveMs = 0;
  nodes: number | null = null;
  /** Candidates the final model was built on. */
  kept: number;

  /**
   * @param ceiling the most (for minCost: the least) the objective can take: the best N per-site values.
   */
  constructor(
    readonly problem: OptimizationProblem,
    readonly ceiling: number,
  ) {
    this.sign = problem.objective.kind === "minCost" ? -1 : 1;
    this.limitMs = Math.max(0, problem.timeLimitMs);
    this.bound = ceiling;
    this.kept = problem.candidates.length;
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** Time left for search, ms, after the reserve (Infinity without a limit). */
  remainingMs(): number {
    if (this.limitMs === 0) return Number.POSITIVE_INFINITY;
    return Math.max(0, this.limitMs - reserveMs(this.limitMs) - this.elapsedMs());
  }

  outOfTime(): boolean {
    return this.remainingMs() <= 0;
  }

  /** `performance.now()` time at which a phase given `share` of the limit must stop. */
  deadline(share = 1): number {
    if (this.limitMs === 0) return Number.POSITIVE_INFINITY;
    return performance.now() + Math.min(this.remainingMs(), share * this.limitMs);
  }

  /** An engine time limit for a step given `share` of the whole limit: 0 = none, else at least 1 ms. */
  engineLimitMs(share = 1): number {
    if (this.limitMs === 0) return 0;
    return Math.max(1, Math.min(this.remainingMs(), share * this.limitMs));
  }

  /** Keeps the plan when it beats the incumbent; true when it did. */
  offer(accepted: Accepted | null): boolean {
    if (accepted === null) return false;
    const current = this.incumbent;
    if (current !== null && this.sign * accepted.objective <= this.sign * current.objective + OBJECTIVE_TOLERANCE * Math.max(1, Math.abs(current.objective)))
      return false;
    this.incumbent = accepted;
    return true;
  }

  /** Keeps a proven bound when it is tighter; clipped to the ceiling. */
  tighten(bound: number | null): void {
    if (bound === null || !Number.isFinite(bound)) return;
    const clipped = this.clip(bound);
    if (this.sign * clipped < this.sign * this.bound) this.bound = clipped;
  }

  /** A bound of this objective, clipped to the most the objective can take. */
  clip(bound: number): number {
    return this.sign * bound > this.sign * this.ceiling ? this.ceiling : bound;
  }

  /** True when the incumbent meets the bound: it is optimal. */
  decided(): boolean {
    const a = this.incumbent;
    return a !== null && this.sign * a.objective >= this.sign * this.bound - OBJECTIVE_TOLERANCE * Math.max(1, Math.abs(this.bound));
  }

  record(step: SolveStep): void {
    this.steps.push(step);
  }

  /** Build time per variable of the dated models built so far (null before the first). */
  datedMsPerVariable: number | null = null;

  noteModel(f: Formulation, buildMs: number, dated: boolean): void {
    this.buildMs += buildMs;
    if (dated) this.datedMsPerVariable = Math.max(this.datedMsPerVariable ?? 0, buildMs / Math.max(1, f.program.variables.length));
    if (this.largest === null || f.program.variables.length > this.largest.program.variables.length) this.largest = f;
  }

  stats(): SolveStats {
    const largest = this.largest;
    return {
      solver: this.problem.solver as Engine,
      formulation: largest?.description ?? "none (decided before solving)",
      candidates: this.problem.candidates.length,
      candidatesAfterReduction: this.kept,
      variables: largest?.program.variables.length ?? 0,
      constraints: largest?.program.rows.length ?? 0,
      conflictEdges: largest?.conflictEdges ?? 0,
      cliqueRows: largest?.cliqueRows ?? 0,
      nodes: this.nodes,
      buildMs: this.buildMs,
      solveMs: this.solveMs,
      steps: this.steps,
    };
  }
}
