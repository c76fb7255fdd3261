/**
 * The verifier re-checks a selection and its dated plan from the raw problem and shares no code
 * with the model builder or the ledger: its own distances (turf), counts, sums, draw shares,
 * tranche releases and objective. A bug in one is then unlikely to be mirrored in the other.
 * Its money formatting is its own on purpose, for the same reason.
 */
import { distance } from "@turf/distance";
import type { SiteId } from "../sites/types.ts";
import { scenariosMet } from "./verifyScenarios.ts";
import type { Candidate, ObjectivePart, OptimizationProblem, Verification } from "./types.ts";
import type { Plan, Timeline } from "../schedule/types.ts";

/** Money is compared with this absolute tolerance, $B ($1,000): a plan exactly on a limit is feasible. */
export const MONEY_TOLERANCE_BN = 1e-6;
/** A constraint within this share of its limit is reported as binding. */
const TIGHT_SHARE = 0.01;

// Deliberately not core/format.ts's money: the verifier shares no code with what it checks.
const money = (bn: number): string => `$${bn.toFixed(2)}B`;
const within = (value: number, limit: number): boolean => value <= limit + MONEY_TOLERANCE_BN;

function month(timeline: Timeline, m: number): string {
  const [y, mo] = timeline.calendar.startDate.split("-").map(Number) as [number, number];
  const index = y * 12 + mo - 1 + m;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function countBy(sites: readonly Candidate[], key: (c: Candidate) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sites) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return counts;
}

function checkCaps(label: string, counts: ReadonlyMap<string, number>, caps: ReadonlyMap<string, number>, violations: string[], binding: string[]): void {
  for (const [name, count] of counts) {
    const cap = caps.get(name);
    if (cap === undefined) continue;
    if (count > cap) violations.push(`${label} ${name}: ${count} sites selected, cap ${cap}`);
    else if (count === cap) binding.push(`${label} ${name}: ${count} of ${cap} sites`);
  }
}

/** Capex share drawn in each build month j = 1..B, recomputed here from the profile's definition. */
function shares(upfront: number, buildMonths: number): number[] {
  return Array.from({ length: buildMonths }, (_, j) => (j === 0 ? upfront : 0) + (1 - upfront) / buildMonths);
}

interface TimelineCheck {
  readonly earlyMonths: number;
  readonly gwMonths: number;
  readonly valueBn: number;
  readonly capexPvBn: number;
  readonly bridgeCost: number;
}

function checkPlan(
  problem: OptimizationProblem,
  timeline: Timeline,
  chosen: readonly Candidate[],
  plan: Plan | null,
  violations: string[],
  binding: string[],
): TimelineCheck {
  const none: TimelineCheck = { earlyMonths: 0, gwMonths: 0, valueBn: 0, capexPvBn: 0, bridgeCost: 0 };
  if (plan === null) {
    violations.push("the model has milestones but no dated plan was given");
    return none;
  }
  const last = timeline.calendar.months - 1;
  const goLive = new Map<string, number>();
  for (const entry of plan.sites) {
    if (goLive.has(entry.siteId)) violations.push(`${entry.siteId} is planned twice`);
    goLive.set(entry.siteId, entry.goLiveMonth);
  }
  const ids = new Set(chosen.map((c) => c.siteId as string));
  for (const entry of plan.sites) if (!ids.has(entry.siteId)) violations.push(`the plan holds ${entry.siteId}, which is not selected`);
  for (const c of chosen) {
    const m = goLive.get(c.siteId);
    if (m === undefined) violations.push(`${c.siteId} is selected but has no go-live month`);
    else if (c.readyMonth === null || m < Math.max(0, c.readyMonth)) violations.push(`${c.siteId} goes live ${month(timeline, m)}, before it is ready`);
    else if (m > last) violations.push(`${c.siteId} goes live ${month(timeline, m)}, after the last milestone`);
  }
  // Slot k is the k-th to go live, ties by id.
  const order = [...plan.sites].sort((a, b) => a.goLiveMonth - b.goLiveMonth || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0));
  order.forEach((entry, k) => {
    if (entry.slot !== k + 1) violations.push(`${entry.siteId} is numbered slot ${entry.slot} but is the ${k + 1}th to go live`);
  });
  const rule = problem.scenarios;
  if (rule !== undefined) {
    const met = scenariosMet(timeline, chosen, goLive, rule.count);
    if (met < rule.required)
      violations.push(`robust plan: every milestone met in ${met} of ${rule.count} sampled scenarios, at least ${rule.required} required`);
    else if (met === rule.required) binding.push(`robust plan: every milestone met in ${met} of ${rule.count} sampled scenarios (${rule.required} required)`);
  }
  for (const m of timeline.milestones) {
    const live = chosen.filter((c) => (goLive.get(c.siteId) ?? Infinity) <= m.month).length;
    if (live < m.index) violations.push(`milestone ${m.index} (${m.date}): ${live} sites live, ${m.index} required`);
    else if (live === m.index) binding.push(`milestone ${m.index} (${m.date}): exactly ${live} live`);
  }
  for (const z of timeline.zoneLimits) {
    const live = chosen.filter((c) => c.gridZone === z.gridZone && (goLive.get(c.siteId) ?? Infinity) <= z.month).length;
    if (live > z.maxSites) violations.push(`zone limit ${z.gridZone} by ${z.date}: ${live} sites live, at most ${z.maxSites}`);
  }
  // The ledger, month by month.
  const drawn = new Array<number>(last + 1).fill(0);
  for (const c of chosen) {
    const m = goLive.get(c.siteId);
    if (m === undefined) continue;
    shares(timeline.draw.upfrontShare, c.buildMonths).forEach((share, j) => {
      const t = Math.max(0, m - c.buildMonths + j);
      if (t <= last) drawn[t] = (drawn[t] ?? 0) + share * c.capexBn;
    });
  }
  const cash = timeline.cash;
  const released = new Array<number>(last + 1).fill(0);
  const liveMonths = chosen.map((c) => goLive.get(c.siteId) ?? Infinity).sort((a, b) => a - b);
  liveMonths.slice(0, cash.trancheCount).forEach((m) => {
    if (m + cash.lagMonths <= last) released[m + cash.lagMonths] = (released[m + cash.lagMonths] ?? 0) + cash.trancheBn;
  });
  const delta = problem.objective.kind === "npv" ? (1 + problem.objective.discountRatePctPerYear / 100) ** (-1 / 12) : 1;
  let cumulativeDrawn = 0;
  let cumulativeReleased = 0;
  let bridgeCost = 0;
  let capexPv = 0;
  let reportedShortfall = false;
  for (let t = 0; t <= last; t++) {
    cumulativeDrawn += drawn[t] ?? 0;
    cumulativeReleased += released[t] ?? 0;
    capexPv += (drawn[t] ?? 0) * delta ** t;
    const gap = cumulativeDrawn - cumulativeReleased - cash.equityBn;
    const row = plan.ledger.months[t];
    if (
      row === undefined ||
      Math.abs(row.cumulativeDrawnBn - cumulativeDrawn) > MONEY_TOLERANCE_BN ||
      Math.abs(row.cumulativeReleasedBn - cumulativeReleased) > MONEY_TOLERANCE_BN
    ) {
      violations.push(`the plan's ledger for ${month(timeline, t)} does not match the recomputed draws and tranches`);
    }
    if (!timeline.cashRuleEnforced) continue;
    const limit = cash.bridge?.limitBn ?? 0;
    if (!within(gap, limit) && !reportedShortfall) {
      violations.push(
        `by ${month(timeline, t)} capex drawn is ${money(cumulativeDrawn)} but equity and tranches are ${money(cash.equityBn + cumulativeReleased)}${limit > 0 ? ` plus a ${money(limit)} bridge` : ""}: ${money(gap - limit)} short`,
      );
      reportedShortfall = true;
    } else if (gap > -TIGHT_SHARE * Math.max(1, cash.equityBn) && gap <= 0) {
      binding.push(`cash in ${month(timeline, t)}: headroom ${money(-gap)}`);
    }
    if (gap > 0 && cash.bridge !== null) bridgeCost += cash.bridge.costPerBnMonth * Math.min(gap, cash.bridge.limitBn) * delta ** t;
  }
  let earlyMonths = 0;
  let gwMonths = 0;
  let valueBn = 0;
  for (const c of chosen) {
    const m = goLive.get(c.siteId);
    if (m === undefined) continue;
    earlyMonths += last - m;
    gwMonths += problem.gwPerSite * (last - m + 1);
    if (problem.objective.kind === "npv") for (let t = m; t <= last; t++) valueBn += problem.objective.valueBnPerGwMonth * problem.gwPerSite * delta ** t;
  }
  return { earlyMonths, gwMonths, valueBn, capexPvBn: capexPv, bridgeCost };
}

/**
 * Re-checks a selection and its plan against every rule of the problem, independently of the
 * solver, and recomputes the objective with its parts.
 * @example verifySelection(problem, result.selected, result.plan).ok // true for a solver answer
 */
export function verifySelection(problem: OptimizationProblem, selectedIds: readonly SiteId[], plan: Plan | null): Verification {
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
  if (selectedIds.length !== problem.sitesToSelect) violations.push(`${selectedIds.length} sites selected, ${problem.sitesToSelect} required`);
  const capex = chosen.reduce((sum, c) => sum + c.capexBn, 0);
  if (!within(capex, problem.budgetBn)) violations.push(`capex ${money(capex)} exceeds the ${money(problem.budgetBn)} budget`);
  else if (problem.budgetBn - capex <= TIGHT_SHARE * Math.max(1, problem.budgetBn)) binding.push(`budget: ${money(capex)} of ${money(problem.budgetBn)}`);
  checkCaps(
    "region",
    countBy(chosen, (c) => c.region),
    problem.regionCaps,
    violations,
    binding,
  );
  checkCaps(
    "grid zone",
    countBy(chosen, (c) => c.gridZone),
    problem.gridZoneCaps,
    violations,
    binding,
  );
  if (problem.minSpacingKm > 0) {
    let closest = Infinity;
    for (let a = 0; a < chosen.length; a++) {
      for (let b = a + 1; b < chosen.length; b++) {
        const p = chosen[a] as Candidate;
        const q = chosen[b] as Candidate;
        const km = distance([p.lon, p.lat], [q.lon, q.lat], { units: "kilometers" });
        closest = Math.min(closest, km);
        if (km < problem.minSpacingKm) violations.push(`${p.siteId} and ${q.siteId} are ${km.toFixed(1)} km apart, minimum ${problem.minSpacingKm} km`);
      }
    }
    if (closest >= problem.minSpacingKm && closest <= problem.minSpacingKm * (1 + TIGHT_SHARE))
      binding.push(`spacing: closest pair ${closest.toFixed(1)} km, minimum ${problem.minSpacingKm} km`);
  }
  for (const c of problem.candidates) if (c.lockedIn && !seen.has(c.siteId)) violations.push(`${c.siteId} is locked in but not selected`);
  for (const excluded of problem.excludedSelections ?? []) {
    if (excluded.length === seen.size && excluded.every((id) => seen.has(id))) violations.push("the selection is one the problem excludes");
  }
  const timeline = problem.timeline;
  const check = timeline === null ? null : checkPlan(problem, timeline, chosen, plan, violations, binding);
  const scoreSum = chosen.reduce((sum, c) => sum + c.score, 0);
  const parts: ObjectivePart[] = [];
  const bridge =
    check !== null && check.bridgeCost > 0
      ? [{ label: "bridge cost", value: problem.objective.kind === "minCost" ? check.bridgeCost : -check.bridgeCost }]
      : [];
  switch (problem.objective.kind) {
    case "maxScore":
      parts.push({ label: "score", value: scoreSum });
      if (problem.objective.earlyPowerPointsPerMonth > 0 && check !== null)
        parts.push({ label: "early-power bonus", value: problem.objective.earlyPowerPointsPerMonth * check.earlyMonths });
      break;
    case "maxGwMonths":
      parts.push({ label: "GW-months", value: check?.gwMonths ?? 0 });
      parts.push({ label: "score tie-break", value: (problem.gwPerSite / (200 * Math.max(1, problem.sitesToSelect))) * scoreSum });
      break;
    case "npv":
      parts.push({ label: "value of GW-months", value: check?.valueBn ?? 0 });
      parts.push({ label: "capex (discounted)", value: -(check?.capexPvBn ?? 0) });
      break;
    case "minCost": {
      parts.push({ label: "annualized cost", value: chosen.reduce((sum, c) => sum + c.annualCostBn, 0) });
      const required = problem.sitesToSelect * problem.objective.minAverageScore;
      const average = scoreSum / Math.max(1, chosen.length);
      if (scoreSum < required - 1e-7 * Math.max(1, required))
        violations.push(`average score ${average.toFixed(2)} is below the required ${problem.objective.minAverageScore}`);
      else if (scoreSum - required <= 0.1 * problem.sitesToSelect)
        binding.push(`average score: ${average.toFixed(2)}, required ${problem.objective.minAverageScore}`);
      break;
    }
  }
  parts.push(...bridge);
  const objective = parts.reduce((sum, p) => sum + p.value, 0);
  return { ok: violations.length === 0, violations, binding, objective, objectiveParts: parts };
}
