import { distance } from "@turf/turf";
import type { SiteId } from "../sites/types.ts";
import type { Candidate, OptimizationProblem, ScheduleEntry, Verification } from "./types.ts";

/**
 * The verifier re-checks a selection from the raw problem and shares no code with the model
 * builder: its own distances (turf), counts, sums and dates. A bug in one is then unlikely to
 * be mirrored in the other.
 */

const DAYS_PER_MONTH = 30.436875;
const EPS = 1e-7;
/** A constraint within this share of its limit is reported as binding. */
const TIGHT_SHARE = 0.01;

const money = (bn: number): string => `$${bn.toFixed(1)}B`;

function withinEps(value: number, limit: number): boolean {
  return value <= limit + EPS * Math.max(1, Math.abs(limit));
}

function countBy(sites: readonly Candidate[], key: (c: Candidate) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sites) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return counts;
}

function checkCaps(
  label: string,
  counts: ReadonlyMap<string, number>,
  caps: ReadonlyMap<string, number>,
  violations: string[],
  binding: string[],
): void {
  for (const [name, count] of counts) {
    const cap = caps.get(name);
    if (cap === undefined) continue;
    if (count > cap) violations.push(`${label} ${name}: ${count} sites selected, cap ${cap}`);
    else if (count === cap) binding.push(`${label} ${name}: ${count} of ${cap} sites`);
  }
}

function checkSchedule(
  problem: OptimizationProblem,
  chosen: readonly Candidate[],
  schedule: readonly ScheduleEntry[] | null,
  violations: string[],
  binding: string[],
): number {
  const slots = problem.slots;
  if (slots === null) return 0;
  if (schedule === null) {
    violations.push("the model has deployment slots but no schedule was given");
    return 0;
  }
  if (schedule.length !== slots.length) violations.push(`schedule has ${schedule.length} entries for ${slots.length} slots`);
  const byId = new Map(chosen.map((c) => [c.siteId as string, c]));
  const seenSlots = new Set<number>();
  const seenSites = new Set<string>();
  let earlyMonths = 0;
  let cumulative = 0;
  const ordered = [...schedule].sort((a, b) => a.slot - b.slot);
  for (const entry of ordered) {
    const slot = slots.find((s) => s.slot === entry.slot);
    if (slot === undefined) {
      violations.push(`schedule names slot ${entry.slot}, which does not exist`);
      continue;
    }
    if (seenSlots.has(entry.slot)) violations.push(`slot ${entry.slot} is filled twice`);
    seenSlots.add(entry.slot);
    if (seenSites.has(entry.siteId)) violations.push(`${entry.siteId} fills two slots`);
    seenSites.add(entry.siteId);
    const site = byId.get(entry.siteId);
    if (site === undefined) {
      violations.push(`slot ${entry.slot} holds ${entry.siteId}, which is not in the selection`);
      continue;
    }
    if (site.onlineDay === null) violations.push(`${site.siteId} has no online date but fills slot ${entry.slot}`);
    else if (site.onlineDay > slot.day) {
      violations.push(`${site.siteId} is online ${site.onlineDay - slot.day} days after slot ${entry.slot} (${slot.date})`);
    } else earlyMonths += (slot.day - site.onlineDay) / DAYS_PER_MONTH;
    cumulative += site.capexBn;
    const cash = problem.cash;
    if (cash !== null) {
      const available = cash.equityBn + Math.min(entry.slot - 1, cash.trancheCount) * cash.trancheBn;
      if (!withinEps(cumulative, available)) {
        violations.push(`slots 1–${entry.slot} need ${money(cumulative)} of capex but only ${money(available)} is available by then`);
      } else if (available - cumulative <= TIGHT_SHARE * Math.max(1, available)) {
        binding.push(`cash by slot ${entry.slot}: ${money(cumulative)} of ${money(available)}`);
      }
    }
  }
  for (const c of chosen) if (!seenSites.has(c.siteId)) violations.push(`${c.siteId} is selected but fills no slot`);
  return earlyMonths;
}

/**
 * Re-checks a selection and its schedule against every rule of the problem, independently of
 * the solver, and recomputes the objective (score plus early-power bonus, or annual cost).
 * @example verifySelection(problem, result.selected, result.schedule).ok // true for a solver answer
 */
export function verifySelection(
  problem: OptimizationProblem,
  selectedIds: readonly SiteId[],
  schedule: readonly ScheduleEntry[] | null,
): Verification {
  const violations: string[] = [];
  const binding: string[] = [];
  const byId = new Map(problem.candidates.map((c) => [c.siteId as string, c]));
  const chosen: Candidate[] = [];
  const seen = new Set<string>();
  for (const id of selectedIds) {
    const site = byId.get(id);
    if (seen.has(id)) violations.push(`${id} is selected twice`);
    else if (site === undefined) violations.push(`${id} is not a candidate`);
    else chosen.push(site);
    seen.add(id);
  }
  if (selectedIds.length !== problem.sitesToSelect) {
    violations.push(`${selectedIds.length} sites selected, ${problem.sitesToSelect} required`);
  }
  const capex = chosen.reduce((sum, c) => sum + c.capexBn, 0);
  if (!withinEps(capex, problem.budgetBn)) violations.push(`capex ${money(capex)} exceeds the ${money(problem.budgetBn)} budget`);
  else if (problem.budgetBn - capex <= TIGHT_SHARE * Math.max(1, problem.budgetBn)) {
    binding.push(`budget: ${money(capex)} of ${money(problem.budgetBn)}`);
  }
  checkCaps("region", countBy(chosen, (c) => c.region), problem.regionCaps, violations, binding);
  checkCaps("grid zone", countBy(chosen, (c) => c.gridZone), problem.gridZoneCaps, violations, binding);
  if (problem.minSpacingKm > 0) {
    let closest = Infinity;
    for (let a = 0; a < chosen.length; a++) {
      for (let b = a + 1; b < chosen.length; b++) {
        const p = chosen[a] as Candidate;
        const q = chosen[b] as Candidate;
        const km = distance([p.lon, p.lat], [q.lon, q.lat], { units: "kilometers" });
        closest = Math.min(closest, km);
        if (km < problem.minSpacingKm) {
          violations.push(`${p.siteId} and ${q.siteId} are ${km.toFixed(1)} km apart, minimum ${problem.minSpacingKm} km`);
        }
      }
    }
    if (closest >= problem.minSpacingKm && closest <= problem.minSpacingKm * (1 + TIGHT_SHARE)) {
      binding.push(`spacing: closest pair ${closest.toFixed(1)} km, minimum ${problem.minSpacingKm} km`);
    }
  }
  for (const c of problem.candidates) {
    if (c.lockedIn && !seen.has(c.siteId)) violations.push(`${c.siteId} is locked in but not selected`);
  }
  const earlyMonths = checkSchedule(problem, chosen, schedule, violations, binding);
  const scoreSum = chosen.reduce((sum, c) => sum + c.score, 0);
  let objective: number;
  if (problem.objective.kind === "maxScore") {
    objective = scoreSum + problem.objective.earlyPowerPointsPerMonth * earlyMonths;
  } else {
    objective = chosen.reduce((sum, c) => sum + c.annualCostBn, 0);
    const required = problem.sitesToSelect * problem.objective.minAverageScore;
    if (scoreSum < required - EPS * Math.max(1, required)) {
      violations.push(`average score ${(scoreSum / Math.max(1, chosen.length)).toFixed(2)} is below the required ${problem.objective.minAverageScore}`);
    } else if (scoreSum - required <= 0.1 * problem.sitesToSelect) {
      binding.push(`average score: ${(scoreSum / Math.max(1, chosen.length)).toFixed(2)}, required ${problem.objective.minAverageScore}`);
    }
  }
  return { ok: violations.length === 0, violations, binding, objective };
}
