import { isoOfDay } from "../schedule/dates.ts";
import { cashAvailableBn } from "../schedule/cash.ts";
import { cliquePartition, conflictEdges, greatCircleKm } from "./conflicts.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";

/**
 * Why a problem is infeasible, in words with figures from the data. `proven` reasons are each
 * enough on their own to make the problem infeasible; `hints` are evidence (e.g. a greedy lower
 * bound) shown only when no proof was found.
 */
export interface Diagnosis {
  readonly proven: readonly string[];
  readonly hints: readonly string[];
}

const money = (bn: number): string => `$${bn.toFixed(1)}B`;
const EPS = 1e-7;
const exceeds = (value: number, limit: number): boolean => value > limit + EPS * Math.max(1, Math.abs(limit));

function slotLabel(k: number): string {
  return k === 1 ? "slot 1 needs" : `slots 1–${k} need`;
}

/** Sites that can take part at all: online by the last slot when there are slots. */
function eligibleSites(problem: OptimizationProblem): Candidate[] {
  const slots = problem.slots;
  if (slots === null || slots.length === 0) return [...problem.candidates];
  const lastDay = Math.max(...slots.map((s) => s.day));
  return problem.candidates.filter((c) => c.onlineDay !== null && c.onlineDay <= lastDay);
}

function lockedInReasons(problem: OptimizationProblem, proven: string[]): void {
  const locked = problem.candidates.filter((c) => c.lockedIn);
  const n = problem.sitesToSelect;
  if (locked.length > n) proven.push(`${locked.length} sites are locked in, but only ${n} are to be selected`);
  const slots = problem.slots;
  if (slots !== null && slots.length > 0) {
    const last = slots[slots.length - 1];
    for (const c of locked) {
      if (c.onlineDay === null) proven.push(`locked-in site ${c.siteId} has no online date, so it cannot fill any slot`);
      else if (last !== undefined && c.onlineDay > last.day) {
        proven.push(`locked-in site ${c.siteId} is online ${isoOfDay(c.onlineDay)}, after the last slot (${last.date})`);
      }
    }
  }
  for (let a = 0; a < locked.length; a++) {
    for (let b = a + 1; b < locked.length; b++) {
      const p = locked[a] as Candidate;
      const q = locked[b] as Candidate;
      const km = greatCircleKm(p, q);
      if (km < problem.minSpacingKm) {
        proven.push(`locked-in sites ${p.siteId} and ${q.siteId} are ${km.toFixed(1)} km apart, closer than the ${problem.minSpacingKm} km minimum`);
      }
    }
  }
  const lockedCapex = locked.reduce((sum, c) => sum + c.capexBn, 0);
  if (exceeds(lockedCapex, problem.budgetBn)) proven.push(`the locked-in sites alone cost ${money(lockedCapex)}, above the ${money(problem.budgetBn)} budget`);
  for (const [label, caps, key] of [
    ["region", problem.regionCaps, (c: Candidate) => c.region],
    ["grid zone", problem.gridZoneCaps, (c: Candidate) => c.gridZone],
  ] as const) {
    const counts = new Map<string, number>();
    for (const c of locked) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
    for (const [name, count] of counts) {
      const cap = caps.get(name);
      if (cap !== undefined && count > cap) proven.push(`${count} locked-in sites are in ${label} ${name}, whose cap is ${cap}`);
    }
  }
}

function slotReasons(problem: OptimizationProblem, eligible: readonly Candidate[], proven: string[]): void {
  const slots = problem.slots;
  if (slots === null) return;
  const withDay = problem.candidates.filter((c) => c.onlineDay !== null).sort((a, b) => (a.onlineDay as number) - (b.onlineDay as number));
  let reported = false;
  slots.forEach((slot, k) => {
    const ready = withDay.filter((c) => (c.onlineDay as number) <= slot.day).length;
    // Report only the first slot that fails: later ones mostly follow from it.
    if (ready >= k + 1 || reported) return;
    reported = true;
    const earliest = withDay[0];
    if (ready === 0) {
      proven.push(
        earliest === undefined
          ? `no site can be online by slot ${slot.slot} (${slot.date}): no site has an online date`
          : `no site can be online by slot ${slot.slot} (${slot.date}): the earliest is ${isoOfDay(earliest.onlineDay as number)} (${earliest.siteId})`,
      );
    } else {
      proven.push(`only ${ready} sites can be online by slot ${slot.slot} (${slot.date}), but slots 1–${slot.slot} need ${k + 1}`);
    }
  });
  const cash = problem.cash;
  if (cash === null) return;
  // The cheapest-eligible-first order minimizes every prefix capex over all candidates at once,
  // so a prefix that is short of cash in this order is short in every schedule.
  const used = new Set<Candidate>();
  let cumulative = 0;
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k];
    if (slot === undefined) break;
    let best: Candidate | undefined;
    for (const c of eligible) {
      if (used.has(c) || c.onlineDay === null || c.onlineDay > slot.day) continue;
      if (best === undefined || c.capexBn < best.capexBn) best = c;
    }
    if (best === undefined) return;
    used.add(best);
    cumulative += best.capexBn;
    const available = cashAvailableBn(cash, k + 1);
    if (exceeds(cumulative, available)) {
      proven.push(`${slotLabel(k + 1)} at least ${money(cumulative)} of capex but only ${money(available)} of equity and tranches is available by then`);
      return;
    }
  }
}

function budgetReasons(problem: OptimizationProblem, eligible: readonly Candidate[], proven: string[]): void {
  const n = problem.sitesToSelect;
  const locked = eligible.filter((c) => c.lockedIn);
  const others = eligible.filter((c) => !c.lockedIn).sort((a, b) => a.capexBn - b.capexBn);
  if (locked.length + others.length < n) return;
  const chosen = [...locked, ...others.slice(0, Math.max(0, n - locked.length))];
  const total = chosen.reduce((sum, c) => sum + c.capexBn, 0);
  if (!exceeds(total, problem.budgetBn)) return;
  const what = locked.length > 0 ? `the ${locked.length} locked-in sites plus the ${n - locked.length} cheapest other eligible sites cost` : `the ${n} cheapest eligible sites cost`;
  proven.push(`${what} ${money(total)}, above the ${money(problem.budgetBn)} budget`);
}

function scoreReasons(problem: OptimizationProblem, eligible: readonly Candidate[], proven: string[]): void {
  if (problem.objective.kind !== "minCost") return;
  const n = problem.sitesToSelect;
  const required = problem.objective.minAverageScore;
  const locked = eligible.filter((c) => c.lockedIn);
  const others = eligible.filter((c) => !c.lockedIn).sort((a, b) => b.score - a.score);
  if (locked.length + others.length < n) return;
  const chosen = [...locked, ...others.slice(0, Math.max(0, n - locked.length))];
  const average = chosen.reduce((sum, c) => sum + c.score, 0) / n;
  if (average < required - EPS * Math.max(1, required)) {
    proven.push(`the ${n} best-scoring feasible sites average ${average.toFixed(1)}, below the required ${required}`);
  }
}

/** Upper bound on sites selectable under caps alone, and under spacing (clique partition). */
function capacityReasons(problem: OptimizationProblem, eligible: readonly Candidate[], proven: string[], hints: string[], withSpacing: boolean): void {
  const n = problem.sitesToSelect;
  if (eligible.length < n) {
    proven.push(`only ${eligible.length} candidate sites are eligible${problem.slots !== null ? " (online by the last slot)" : ""}, but ${n} are needed`);
    return;
  }
  for (const [label, caps, key] of [
    ["region", problem.regionCaps, (c: Candidate) => c.region],
    ["grid zone", problem.gridZoneCaps, (c: Candidate) => c.gridZone],
  ] as const) {
    const counts = new Map<string, number>();
    for (const c of eligible) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
    let most = 0;
    for (const [name, count] of counts) most += Math.min(count, caps.get(name) ?? Infinity);
    if (most < n) proven.push(`the ${label} caps allow at most ${most} of the eligible sites, but ${n} are needed`);
  }
  if (!withSpacing || problem.minSpacingKm <= 0) return;
  const edges = conflictEdges(eligible, problem.minSpacingKm);
  const parts = cliquePartition(eligible.length, edges);
  const d = problem.minSpacingKm;
  if (parts.length < n) {
    proven.push(`only ${parts.length} sites can be selected under the spacing (at most ${parts.length} sites pairwise ${d} km apart: the eligible sites fall into ${parts.length} groups whose members are all closer than ${d} km)`);
    return;
  }
  // A greedy pick is a lower bound on what is possible: evidence, not proof.
  const picked: Candidate[] = [];
  const counts = new Map<string, number>();
  for (const c of [...eligible].sort((a, b) => a.capexBn - b.capexBn)) {
    const r = `r:${c.region}`;
    const z = `z:${c.gridZone}`;
    if ((counts.get(r) ?? 0) >= (problem.regionCaps.get(c.region) ?? Infinity)) continue;
    if ((counts.get(z) ?? 0) >= (problem.gridZoneCaps.get(c.gridZone) ?? Infinity)) continue;
    if (picked.some((p) => greatCircleKm(p, c) < d)) continue;
    picked.push(c);
    counts.set(r, (counts.get(r) ?? 0) + 1);
    counts.set(z, (counts.get(z) ?? 0) + 1);
  }
  if (picked.length < n) {
    hints.push(`a greedy pick (cheapest first) finds only ${picked.length} sites pairwise ${d} km apart within the caps (a lower bound on what is possible, not a proof)`);
  }
}

/**
 * Reasons a problem cannot be solved. With `quick`, skips the spacing analysis (the only part
 * that builds a conflict graph), for a cheap check before solving.
 * @example diagnose(problem).proven // ["the 10 cheapest eligible sites cost $112.3B, above the $100.0B budget"]
 */
export function diagnose(problem: OptimizationProblem, quick = false): Diagnosis {
  const proven: string[] = [];
  const hints: string[] = [];
  const n = problem.sitesToSelect;
  if (!Number.isInteger(n) || n < 1) proven.push(`the number of sites to select must be a whole number >= 1, found ${n}`);
  if (problem.slots !== null && problem.slots.length !== n) {
    proven.push(`the model has ${problem.slots.length} deployment slots for ${n} sites: each selected site needs exactly one slot`);
  }
  if (proven.length > 0) return { proven, hints };
  const eligible = eligibleSites(problem);
  lockedInReasons(problem, proven);
  slotReasons(problem, eligible, proven);
  budgetReasons(problem, eligible, proven);
  scoreReasons(problem, eligible, proven);
  capacityReasons(problem, eligible, proven, hints, !quick);
  return { proven, hints };
}

/**
 * The reasons shown to the user for an infeasible problem: the proofs, or else the active
 * constraint groups and any evidence found.
 * @example infeasibilityReasons(problem) // ["the combination of constraints is infeasible: ..."]
 */
export function infeasibilityReasons(problem: OptimizationProblem): string[] {
  const { proven, hints } = diagnose(problem);
  if (proven.length > 0) return [...proven];
  const groups = [`${problem.sitesToSelect} sites`, `budget ${money(problem.budgetBn)}`];
  if (problem.regionCaps.size > 0) groups.push("region caps");
  if (problem.gridZoneCaps.size > 0) groups.push("grid-zone caps");
  if (problem.minSpacingKm > 0) groups.push(`spacing ${problem.minSpacingKm} km`);
  if (problem.candidates.some((c) => c.lockedIn)) groups.push("locked-in sites");
  if (problem.slots !== null) groups.push("slot readiness");
  if (problem.cash !== null) groups.push("cash rule");
  if (problem.objective.kind === "minCost") groups.push(`minimum average score ${problem.objective.minAverageScore}`);
  return [`no single constraint explains it; the combination of constraints is infeasible (active: ${groups.join(", ")})`, ...hints];
}
