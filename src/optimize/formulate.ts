import { cliqueCover, conflictEdges } from "./conflicts.ts";
import { ProgramBuilder, type LinearProgram, type LinearTerm } from "./program.ts";
import { reduceCandidates, type Reduction } from "./reduce.ts";
import { cashAvailableBn } from "../schedule/cash.ts";
import type { Candidate, OptimizationProblem, Slot } from "./types.ts";

export interface FormulationOptions {
  /** `clique`: one row per clique of a greedy clique cover (default); `pairwise`: one row per conflict. */
  readonly conflicts: "clique" | "pairwise";
  /**
   * `aggregated` (default): per-site variables with Hall rows "at least k sites ready by slot k";
   * with the cash rule on, solve.ts then adds cash cuts lazily (see cashCuts.ts).
   * `perSlot`: per-(site, slot) variables with explicit cash rows, the complete one-shot model.
   */
  readonly readiness: "aggregated" | "perSlot";
  /** Apply the provably safe reductions of reduce.ts (default true). */
  readonly reductions: boolean;
}

export const DEFAULT_FORMULATION: FormulationOptions = { conflicts: "clique", readiness: "aggregated", reductions: true };

/** Mean Gregorian month in days: the early-power bonus is counted in these months. */
export const DAYS_PER_MONTH = 30.436875;

export interface Formulation {
  readonly program: LinearProgram;
  readonly reduction: Reduction;
  readonly conflictEdges: number;
  readonly cliqueRows: number;
  /** Short description for the stats, e.g. `per-site x, clique rows, aggregated readiness`. */
  readonly description: string;
}

/** Per-site objective coefficient; with slots the early-power bonus is measured against the last slot. */
function siteObjective(problem: OptimizationProblem, site: Candidate, lastDay: number): number {
  if (problem.objective.kind === "minCost") return site.annualCostBn;
  if (problem.slots === null || site.onlineDay === null) return site.score;
  return site.score + (problem.objective.earlyPowerPointsPerMonth * (lastDay - site.onlineDay)) / DAYS_PER_MONTH;
}

/** Σ_k (T_k − T_K) × λ / month: with every slot filled, Σ_k (T_k − online_k) = this + Σ_i (T_K − online_i). */
function objectiveOffset(problem: OptimizationProblem, slots: readonly Slot[], lastDay: number): number {
  if (problem.objective.kind !== "maxScore" || problem.slots === null) return 0;
  const lambda = problem.objective.earlyPowerPointsPerMonth;
  return slots.reduce((sum, s) => sum + (lambda * (s.day - lastDay)) / DAYS_PER_MONTH, 0);
}

function capRows(
  builder: ProgramBuilder,
  prefix: string,
  caps: ReadonlyMap<string, number>,
  keyOf: (c: Candidate) => string,
  sites: readonly Candidate[],
  termsOf: (position: number, coefficient: number) => LinearTerm[],
): void {
  const groups = new Map<string, number[]>();
  sites.forEach((s, p) => {
    const key = keyOf(s);
    if (caps.has(key)) groups.set(key, [...(groups.get(key) ?? []), p]);
  });
  let n = 0;
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cap = caps.get(key) ?? Infinity;
    // A cap at least as large as the group can never bind.
    if (members.length <= cap) continue;
    builder.addRow({ name: `${prefix}_${n++}`, terms: members.flatMap((p) => termsOf(p, 1)), sense: "<=", rhs: cap });
  }
}

/**
 * Builds the 0/1 program for a problem: reductions, conflict graph, clique (or pairwise) rows,
 * readiness as Hall rows on per-site variables, or per-(site, slot) variables when the cash rule
 * needs the assignment. Variables are named `x_<candidate>` or `y_<candidate>_<slot>`.
 * @example formulate(problem).program.rows.length // rows of the model we solve
 */
export function formulate(problem: OptimizationProblem, options: FormulationOptions = DEFAULT_FORMULATION): Formulation {
  const reduction: Reduction = options.reductions
    ? reduceCandidates(problem)
    : { kept: problem.candidates.map((_, i) => i), removedLate: 0, removedOverBudget: 0, removedDominated: 0 };
  const kept = reduction.kept;
  const sites = kept.map((i) => problem.candidates[i] as Candidate);
  const slots = problem.slots ?? [];
  const lastDay = slots.length > 0 ? Math.max(...slots.map((s) => s.day)) : 0;
  const perSlot = problem.slots !== null && options.readiness === "perSlot";
  const builder = new ProgramBuilder(problem.objective.kind === "maxScore" ? "max" : "min");

  // Variables: per site, or per (site, slot) for the slots the site can fill.
  const variablesOf: number[][] = sites.map((site, p) => {
    const candidate = kept[p] as number;
    const objective = siteObjective(problem, site, lastDay);
    if (!perSlot) return [builder.addVariable({ name: `x_${candidate}`, candidate, slot: null, objective })];
    const vars: number[] = [];
    slots.forEach((slot, k) => {
      if (site.onlineDay !== null && site.onlineDay <= slot.day) {
        vars.push(builder.addVariable({ name: `y_${candidate}_${k + 1}`, candidate, slot: k + 1, objective }));
      }
    });
    return vars;
  });
  const termsOf = (p: number, coefficient: number): LinearTerm[] =>
    (variablesOf[p] ?? []).map((variable) => ({ variable, coefficient }));
  const allTerms = (coefficientOf: (s: Candidate) => number): LinearTerm[] =>
    sites.flatMap((s, p) => termsOf(p, coefficientOf(s)));

  const n = problem.sitesToSelect;
  // With slots, the last readiness (or slot) rows force at least N, so "<=" suffices and saves
  // jsLPSolver the second row an equality costs.
  builder.addRow({ name: "count", terms: allTerms(() => 1), sense: problem.slots === null ? "=" : "<=", rhs: n });
  builder.addRow({ name: "budget", terms: allTerms((s) => s.capexBn), sense: "<=", rhs: problem.budgetBn });
  capRows(builder, "region", problem.regionCaps, (c) => c.region, sites, termsOf);
  capRows(builder, "zone", problem.gridZoneCaps, (c) => c.gridZone, sites, termsOf);

  const edges = conflictEdges(sites, problem.minSpacingKm);
  const groups = options.conflicts === "clique" ? cliqueCover(sites.length, edges) : edges.map(([a, b]) => [a, b]);
  const covered = new Set<number>();
  groups.forEach((group, g) => {
    for (const p of group) covered.add(p);
    builder.addRow({ name: `${options.conflicts === "clique" ? "clique" : "pair"}_${g}`, terms: group.flatMap((p) => termsOf(p, 1)), sense: "<=", rhs: 1 });
  });

  // No-good cuts: a selection whose sites were not all kept is already impossible, so no row.
  const positionOf = new Map(sites.map((s, p) => [s.siteId as string, p]));
  (problem.excludedSelections ?? []).forEach((selection, c) => {
    const positions = selection.map((id) => positionOf.get(id));
    if (selection.length === 0 || positions.some((p) => p === undefined)) return;
    builder.addRow({ name: `nogood_${c}`, terms: positions.flatMap((p) => termsOf(p as number, 1)), sense: "<=", rhs: selection.length - 1 });
  });

  sites.forEach((s, p) => {
    if (s.lockedIn) builder.addRow({ name: `lock_${kept[p]}`, terms: termsOf(p, 1), sense: ">=", rhs: 1 });
    // A site in a conflict row already has Σ_k y ≤ 1 from it; others need their own row.
    if (perSlot && !covered.has(p) && (variablesOf[p]?.length ?? 0) > 1) {
      builder.addRow({ name: `one_${kept[p]}`, terms: termsOf(p, 1), sense: "<=", rhs: 1 });
    }
  });

  if (problem.slots !== null && !perSlot) {
    // Hall's condition for nested eligibility sets; a row whose set equals the next slot's is implied.
    slots.forEach((slot, k) => {
      const next = slots[k + 1];
      const eligible = (day: number): number => sites.filter((s) => s.onlineDay !== null && s.onlineDay <= day).length;
      if (next !== undefined && eligible(next.day) === eligible(slot.day)) return;
      const terms = sites.flatMap((s, p) => (s.onlineDay !== null && s.onlineDay <= slot.day ? termsOf(p, 1) : []));
      builder.addRow({ name: `ready_${k + 1}`, terms, sense: ">=", rhs: k + 1 });
    });
  }
  if (perSlot) {
    slots.forEach((_, k) => {
      const terms = sites.flatMap((_s, p) => (variablesOf[p] ?? []).filter((v) => builder.slotOf(v) === k + 1).map((variable) => ({ variable, coefficient: 1 })));
      builder.addRow({ name: `slot_${k + 1}`, terms, sense: ">=", rhs: 1 });
    });
  }
  const cash = problem.cash;
  if (perSlot && cash !== null) {
    slots.forEach((_, k) => {
      const availableBn = cashAvailableBn(cash, k + 1);
      if (availableBn >= problem.budgetBn) return; // implied by the budget row
      const terms = sites.flatMap((s, p) =>
        (variablesOf[p] ?? []).filter((v) => (builder.slotOf(v) ?? Infinity) <= k + 1).map((variable) => ({ variable, coefficient: s.capexBn })),
      );
      builder.addRow({ name: `cash_${k + 1}`, terms, sense: "<=", rhs: availableBn });
    });
  }
  if (problem.objective.kind === "minCost") {
    builder.addRow({ name: "score", terms: allTerms((s) => s.score), sense: ">=", rhs: n * problem.objective.minAverageScore });
  }

  const description = [
    perSlot ? "per-(site, slot) y" : "per-site x",
    options.conflicts === "clique" ? "clique rows" : "pairwise rows",
    problem.slots === null ? "no slots" : perSlot ? "slot rows" : "aggregated readiness",
    ...(problem.cash !== null && problem.slots !== null ? [perSlot ? "cash rows" : "cash cuts"] : []),
    options.reductions ? "reduced" : "unreduced",
  ].join(", ");
  return {
    program: builder.build(objectiveOffset(problem, slots, lastDay)),
    reduction,
    conflictEdges: edges.length,
    cliqueRows: options.conflicts === "clique" ? groups.length : 0,
    description,
  };
}
