import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";

/**
 * Brute-force reference optimizer for tiny instances, written without any code from
 * src/optimize: every N-subset is checked against every rule, and the cash rule by trying
 * every assignment of the subset's sites to the slots (a depth-first search over permutations
 * that stops a branch as soon as a prefix is late or short of cash, which is still exhaustive).
 */
export type Enumerated = { readonly status: "optimal"; readonly objective: number; readonly ids: readonly string[] } | { readonly status: "infeasible" };

const EARTH_RADIUS_KM = 6371.0088;

function haversineKm(a: Candidate, b: Candidate): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(a.lat * rad) * Math.cos(b.lat * rad);
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * EARTH_RADIUS_KM;
}

function schedulable(problem: OptimizationProblem, subset: readonly Candidate[]): boolean {
  const slots = problem.slots;
  if (slots === null) return true;
  if (slots.length !== subset.length) return false;
  const used = new Array<boolean>(subset.length).fill(false);
  const cash = problem.cash;
  const search = (k: number, spent: number): boolean => {
    if (k === slots.length) return true;
    const slot = slots[k];
    if (slot === undefined) return false;
    for (let i = 0; i < subset.length; i++) {
      const site = subset[i] as Candidate;
      if (used[i] || site.onlineDay === null || site.onlineDay > slot.day) continue;
      const total = spent + site.capexBn;
      if (cash !== null && total > cash.equityBn + Math.min(k, cash.trancheCount) * cash.trancheBn + 1e-9) continue;
      used[i] = true;
      const ok = search(k + 1, total);
      used[i] = false;
      if (ok) return true;
    }
    return false;
  };
  return search(0, 0);
}

function objectiveOf(problem: OptimizationProblem, subset: readonly Candidate[]): number {
  if (problem.objective.kind === "minCost") return subset.reduce((s, c) => s + c.annualCostBn, 0);
  let total = subset.reduce((s, c) => s + c.score, 0);
  const slots = problem.slots;
  if (slots !== null) {
    // Every slot is filled, so Σ_k (T_k − online of slot k's site) does not depend on the order.
    const early = slots.reduce((s, slot) => s + slot.day, 0) - subset.reduce((s, c) => s + (c.onlineDay ?? 0), 0);
    total += (problem.objective.earlyPowerPointsPerMonth * early) / 30.436875;
  }
  return total;
}

/** Best N-subset by brute force. */
export function enumerateOptimum(problem: OptimizationProblem): Enumerated {
  const sites = problem.candidates;
  const n = problem.sitesToSelect;
  const conflict = sites.map((a) => sites.map((b) => problem.minSpacingKm > 0 && a !== b && haversineKm(a, b) < problem.minSpacingKm));
  const maximize = problem.objective.kind === "maxScore";
  let best: Enumerated = { status: "infeasible" };
  const chosen: number[] = [];
  const consider = (): void => {
    const subset = chosen.map((i) => sites[i] as Candidate);
    if (sites.some((c, i) => c.lockedIn && !chosen.includes(i))) return;
    if (subset.reduce((s, c) => s + c.capexBn, 0) > problem.budgetBn + 1e-9) return;
    for (const [caps, key] of [
      [problem.regionCaps, (c: Candidate) => c.region],
      [problem.gridZoneCaps, (c: Candidate) => c.gridZone],
    ] as const) {
      const counts = new Map<string, number>();
      for (const c of subset) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
      for (const [name, count] of counts) if (count > (caps.get(name) ?? Infinity)) return;
    }
    if (problem.objective.kind === "minCost" && subset.reduce((s, c) => s + c.score, 0) < n * problem.objective.minAverageScore - 1e-9) return;
    if (!schedulable(problem, subset)) return;
    const objective = objectiveOf(problem, subset);
    if (best.status === "infeasible" || (maximize ? objective > best.objective : objective < best.objective)) {
      best = { status: "optimal", objective, ids: subset.map((c) => c.siteId) };
    }
  };
  const walk = (start: number): void => {
    if (chosen.length === n) {
      consider();
      return;
    }
    for (let i = start; i <= sites.length - (n - chosen.length); i++) {
      if (chosen.some((j) => conflict[i]?.[j])) continue;
      chosen.push(i);
      walk(i + 1);
      chosen.pop();
    }
  };
  walk(0);
  return best;
}
