import { assignSlots, cashAvailableBn } from "../schedule/cash.ts";
import type { LinearProgram, ProgramRow } from "./program.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";

/**
 * The cash rule by row generation on the per-site model (the default with the cash rule on).
 *
 * For a fixed set S, the cheapest-eligible-first order minimizes every prefix capex at once, so
 * S is cash-feasible iff for every k the cheapest k sites of S that can fill slots 1..k (call
 * them Q_k) cost at most the cash available by slot k, A_k.
 *
 * Lazy cut: if capex(Q_k) > A_k, every cash-feasible set contains a site of
 * B_k = { i ∉ Q_k : online by T_k, capex_i < max capex of Q_k }.
 * Proof: let S' contain no site of B_k and R ⊆ S' be the k sites filling slots 1..k. Each site
 * of R \ Q_k is online by T_k and not in B_k, so it costs at least max(Q_k) ≥ every site of
 * Q_k \ R, and |R \ Q_k| = |Q_k \ R|; hence capex(R) ≥ capex(Q_k) > A_k.
 * (A knapsack form with coefficients M − capex_i is stronger on paper but made jsLPSolver's
 * branch and bound far slower on 800 sites, so the 0/1 form is used.) When the cash rule binds
 * hard these cuts converge slowly, so solve.ts switches to the complete per-(site, slot) model
 * after a few rounds.
 *
 * Static cuts, added before the first solve: let E_k be the sites online by T_k, g_1 ≤ g_2 ≤ …
 * their capexes and G_m = g_1 + … + g_m. For j ≤ k put θ = (A_k − G_{j−1}) / (k − j + 1). If
 * g_{j−1} ≤ θ, every cash-feasible set has at least j sites in L = { i ∈ E_k : capex_i ≤ θ }.
 * Proof: with only m ≤ j − 1 of them, the k sites filling slots 1..k cost more than
 * G_m + (k − m)θ ≥ G_{j−1} + (k − j + 1)θ = A_k (each g_t with t < j is ≤ θ).
 *
 * The relaxation (no cash rule) plus valid cuts contains every cash-feasible set, so the first
 * optimum of it that passes the greedy check is optimal for the full problem, and an infeasible
 * relaxation proves the full problem infeasible.
 */
export type CashCheck = { readonly status: "feasible" } | { readonly status: "cuts"; readonly rows: readonly ProgramRow[] };

/**
 * Checks a selection against the cash rule; when it fails, returns the violated cuts as rows on
 * the program's per-site variables.
 * @example checkCash(problem, program, [3, 17, 42]) // { status: "feasible" } or { status: "cuts", rows }
 */
export function checkCash(problem: OptimizationProblem, program: LinearProgram, selected: readonly number[]): CashCheck {
  const slots = problem.slots;
  const cash = problem.cash;
  if (slots === null || cash === null) return { status: "feasible" };
  const sites = selected.map((i) => problem.candidates[i] as Candidate);
  const order = assignSlots(sites, slots, null);
  // Not schedulable at all cannot come out of the readiness rows; the verifier will say so.
  if (order.status !== "assigned") return { status: "feasible" };
  const variableOf = new Map<number, number>();
  program.variables.forEach((v, index) => {
    if (v.slot === null) variableOf.set(v.candidate, index);
  });
  const rows: ProgramRow[] = [];
  let cumulative = 0;
  const prefix: number[] = [];
  order.siteBySlot.forEach((position, k) => {
    const candidate = selected[position] as number;
    prefix.push(candidate);
    cumulative += (problem.candidates[candidate] as Candidate).capexBn;
    const available = cashAvailableBn(cash, k + 1);
    if (cumulative <= available + 1e-9 * Math.max(1, available)) return;
    const slotDay = (slots[k] as (typeof slots)[number]).day;
    const inPrefix = new Set(prefix);
    const maxCapex = Math.max(...prefix.map((i) => (problem.candidates[i] as Candidate).capexBn));
    const terms = [...variableOf]
      .filter(([i]) => {
        const c = problem.candidates[i] as Candidate;
        return !inPrefix.has(i) && c.onlineDay !== null && c.onlineDay <= slotDay && c.capexBn < maxCapex;
      })
      .map(([, variable]) => ({ variable, coefficient: 1 }));
    rows.push({ name: `cashcut_${k + 1}`, terms, sense: ">=", rhs: 1 });
  });
  return rows.length === 0 ? { status: "feasible" } : { status: "cuts", rows };
}

/**
 * The static cardinality cuts of the header comment, as rows on the per-site variables: "at
 * least j of the sites online by slot k must cost at most θ". Rows that only restate the
 * readiness rows (L = E_k) are left out.
 * @example staticCashRows(problem, program).length // e.g. 23
 */
export function staticCashRows(problem: OptimizationProblem, program: LinearProgram): ProgramRow[] {
  const slots = problem.slots;
  const cash = problem.cash;
  if (slots === null || cash === null) return [];
  const perSite = program.variables.map((v, index) => ({ index, site: problem.candidates[v.candidate] as Candidate, slot: v.slot }));
  if (perSite.some((v) => v.slot !== null)) return [];
  const rows: ProgramRow[] = [];
  slots.forEach((slot, k0) => {
    const k = k0 + 1;
    const available = cashAvailableBn(cash, k);
    const eligible = perSite.filter((v) => v.site.onlineDay !== null && v.site.onlineDay <= slot.day).sort((a, b) => a.site.capexBn - b.site.capexBn);
    let cheapest = 0; // G_{j-1}
    for (let j = 1; j <= k && j <= eligible.length; j++) {
      if (j > 1) cheapest += (eligible[j - 2] as (typeof eligible)[number]).site.capexBn;
      const theta = (available - cheapest) / (k - j + 1);
      const previous = eligible[j - 2];
      if (previous !== undefined && previous.site.capexBn > theta) break;
      const members = eligible.filter((v) => v.site.capexBn <= theta);
      if (members.length === eligible.length) continue;
      rows.push({ name: `cashcard_${k}_${j}`, terms: members.map((v) => ({ variable: v.index, coefficient: 1 })), sense: ">=", rhs: j });
    }
  });
  return rows;
}
