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
  if (buildMonths === 0) return [1];
  return Array.from({ length: buildMonths }, (_, j) => (j === 0 ? upfront : 0) + (1 - upfront) / buildMonths);
}

/** One site's spending by month of its build (relative month j), recomputed from the capital stack's definition. */
interface BuildSpend {
  readonly facility: number[];
  readonly contingency: number[];
  readonly fees: number[];
  readonly interest: number[];
  readonly it: number[];
  readonly debt: number[];
}

function buildSpend(timeline: Timeline, c: Candidate): BuildSpend {
  const { stack } = timeline;
  const facility = shares(timeline.draw.upfrontShare, c.buildMonths).map((share) => share * c.capexBn);
  const contingency = facility.map((f) => f * stack.contingencyShare);
  const debt = stack.debt;
  const loanToCost = debt?.loanToCost ?? 0;
  const fees = facility.map((_, j) => (j === 0 && debt !== null ? debt.arrangementFeeShare * loanToCost * c.capexBn * (1 + stack.contingencyShare) : 0));
  const it = facility.map(() => 0);
  if (stack.itCapex !== null) {
    const k = Math.min(it.length, stack.itCapex.deliveryMonths);
    for (let j = it.length - k; j < it.length; j++) it[j] = stack.itCapex.bnPerSite / k;
  }
  const simulate = (sponsorShare: number): { interest: number[]; debt: number[]; total: number } => {
    const interest: number[] = [];
    const drawn: number[] = [];
    let balance = 0;
    let sponsor = 0;
    let total = 0;
    for (let j = 0; j < facility.length; j++) {
      const accrued = debt === null ? 0 : balance * debt.monthlyRate;
      const cost = (facility[j] ?? 0) + (contingency[j] ?? 0) + (fees[j] ?? 0) + accrued;
      let fromLoan: number;
      if (debt === null || loanToCost === 0) fromLoan = 0;
      else if (debt.draw === "proRata") fromLoan = cost * loanToCost;
      else {
        const paid = Math.min(cost, Math.max(0, sponsorShare - sponsor));
        fromLoan = cost - paid;
      }
      sponsor += cost - fromLoan;
      balance += fromLoan;
      total += cost;
      interest.push(accrued);
      drawn.push(fromLoan);
    }
    return { interest, debt: drawn, total };
  };
  let result = simulate(0);
  if (debt !== null && debt.draw === "equityFirst" && loanToCost > 0) {
    let total = facility.reduce((a, f, j) => a + f + (contingency[j] ?? 0) + (fees[j] ?? 0), 0);
    for (let k = 0; k < 500; k++) {
      result = simulate((1 - loanToCost) * total);
      if (Math.abs(result.total - total) <= 1e-12 * Math.max(1, total)) break;
      total = result.total;
    }
  }
  return { facility, contingency, fees, interest: result.interest, it, debt: result.debt };
}

/** No contingency, debt, IT capex, carrying cost or bridge interest: the pool funds facility capex alone. */
function plainUses(timeline: Timeline): boolean {
  const s = timeline.stack;
  return (
    s.contingencyShare === 0 &&
    (s.debt?.loanToCost ?? 0) === 0 &&
    s.itCapex === null &&
    s.holdCostBnPerMonth === 0 &&
    (timeline.cash.bridge?.monthlyRate ?? 0) === 0
  );
}

interface TimelineCheck {
  readonly earlyMonths: number;
  readonly gwMonths: number;
  /** npv only: discounted value of GW-months, their energy and operating cost, each use, bridge interest ($B). */
  readonly valueBn: number;
  readonly runningCostBn: number;
  readonly usesPv: Readonly<Record<"facility" | "contingency" | "fees" | "interest" | "it" | "hold", number>>;
  readonly bridgeInterestPvBn: number;
}

function checkPlan(
  problem: OptimizationProblem,
  timeline: Timeline,
  chosen: readonly Candidate[],
  plan: Plan | null,
  violations: string[],
  binding: string[],
): TimelineCheck {
  const usesPv = { facility: 0, contingency: 0, fees: 0, interest: 0, it: 0, hold: 0 };
  const none: TimelineCheck = { earlyMonths: 0, gwMonths: 0, valueBn: 0, runningCostBn: 0, usesPv, bridgeInterestPvBn: 0 };
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
  const npv = problem.objective.kind === "npv" ? problem.objective : null;
  const delta = npv === null ? 1 : (1 + npv.discountRatePctPerYear / 100) ** (-1 / 12);
  // Every site's spending, month by month (what a build would have spent before month 0 counts in month 0).
  const drawn = new Array<number>(last + 1).fill(0);
  const pool = new Array<number>(last + 1).fill(0);
  const itSpend = new Array<number>(last + 1).fill(0);
  const debtDrawn = new Array<number>(last + 1).fill(0);
  const itOnly = timeline.cash.trancheUses === "itSystems";
  for (const c of chosen) {
    const m = goLive.get(c.siteId);
    if (m === undefined) continue;
    const spend = buildSpend(timeline, c);
    const first = c.buildMonths === 0 ? m : m - c.buildMonths;
    spend.facility.forEach((_, j) => {
      const t = Math.max(0, first + j);
      if (t > last) return;
      const f = spend.facility[j] ?? 0;
      const cont = spend.contingency[j] ?? 0;
      const fee = spend.fees[j] ?? 0;
      const interest = spend.interest[j] ?? 0;
      const it = spend.it[j] ?? 0;
      const loan = spend.debt[j] ?? 0;
      drawn[t] = (drawn[t] ?? 0) + f;
      debtDrawn[t] = (debtDrawn[t] ?? 0) + loan;
      pool[t] = (pool[t] ?? 0) + f + cont + fee + interest - loan + (itOnly ? 0 : it);
      itSpend[t] = (itSpend[t] ?? 0) + it;
      const d = delta ** t;
      usesPv.facility += f * d;
      usesPv.contingency += cont * d;
      usesPv.fees += fee * d;
      usesPv.interest += interest * d;
      usesPv.it += it * d;
    });
    const hold = timeline.stack.holdCostBnPerMonth;
    if (hold > 0 && c.readyMonth !== null) {
      for (let t = Math.max(0, c.readyMonth); t < m && t <= last; t++) {
        pool[t] = (pool[t] ?? 0) + hold;
        usesPv.hold += hold * delta ** t;
      }
    }
  }
  const cash = timeline.cash;
  const released = new Array<number>(last + 1).fill(0);
  const liveMonths = chosen.map((c) => goLive.get(c.siteId) ?? Infinity).sort((a, b) => a - b);
  for (let k = 0; k < cash.trancheCount; k++) {
    const at = k === 0 && cash.signingMonth !== null ? cash.signingMonth : (liveMonths[k] ?? Infinity) + cash.lagMonths;
    if (at <= last) released[at] = (released[at] ?? 0) + cash.trancheBn;
  }
  let cumulativeDrawn = 0;
  let cumulativeReleased = 0;
  let cumulativeDebt = 0;
  let cumulativePool = 0;
  let cumulativeIt = 0;
  let itGap = 0;
  let bridgeBefore = 0;
  let bridgeInterestPv = 0;
  let reportedShortfall = false;
  const limit = cash.bridge?.limitBn ?? 0;
  for (let t = 0; t <= last; t++) {
    const bridgeInterest = bridgeBefore * (cash.bridge?.monthlyRate ?? 0);
    bridgeInterestPv += bridgeInterest * delta ** t;
    cumulativeDrawn += drawn[t] ?? 0;
    cumulativeReleased += released[t] ?? 0;
    cumulativeDebt += debtDrawn[t] ?? 0;
    cumulativePool += (pool[t] ?? 0) + bridgeInterest;
    cumulativeIt += itSpend[t] ?? 0;
    itGap = Math.max(itGap, cumulativeIt - cumulativeReleased);
    const need = itOnly ? cumulativePool + itGap : cumulativePool - cumulativeReleased;
    const gap = need - cash.equityBn;
    bridgeBefore = timeline.cashRuleEnforced && cash.bridge !== null ? Math.min(limit, Math.max(0, gap)) : 0;
    const row = plan.ledger.months[t];
    if (
      row === undefined ||
      Math.abs(row.cumulativeDrawnBn - cumulativeDrawn) > MONEY_TOLERANCE_BN ||
      Math.abs(row.cumulativeReleasedBn - cumulativeReleased) > MONEY_TOLERANCE_BN ||
      Math.abs(row.cumulativeDebtBn - cumulativeDebt) > MONEY_TOLERANCE_BN ||
      (timeline.cashRuleEnforced && Math.abs(row.headroomBn - (cash.equityBn + bridgeBefore - need)) > MONEY_TOLERANCE_BN)
    ) {
      violations.push(`the plan's ledger for ${month(timeline, t)} does not match the recomputed sources and uses`);
    }
    if (!timeline.cashRuleEnforced) continue;
    if (!within(gap, limit) && !reportedShortfall) {
      const what = plainUses(timeline) ? "capex drawn is" : "the uses debt does not fund come to";
      violations.push(
        `by ${month(timeline, t)} ${what} ${money(need + (itOnly ? 0 : cumulativeReleased))} but equity and tranches are ${money(cash.equityBn + (itOnly ? 0 : cumulativeReleased))}${limit > 0 ? ` plus a ${money(limit)} bridge` : ""}: ${money(gap - limit)} short`,
      );
      reportedShortfall = true;
    } else if (gap > -TIGHT_SHARE * Math.max(1, cash.equityBn) && gap <= 0) {
      binding.push(`cash in ${month(timeline, t)}: headroom ${money(-gap)}`);
    }
  }
  let earlyMonths = 0;
  let gwMonths = 0;
  let valueBn = 0;
  let runningCostBn = 0;
  for (const c of chosen) {
    const m = goLive.get(c.siteId);
    if (m === undefined) continue;
    earlyMonths += last - m;
    gwMonths += problem.gwPerSite * (last - m + 1);
    if (npv === null) continue;
    for (let t = m; t <= last; t++) {
      valueBn += npv.valueBnPerGwMonth * problem.gwPerSite * delta ** t;
      runningCostBn += (npv.opexBnPerGwMonth * problem.gwPerSite + c.energyBnPerYear / 12) * delta ** t;
    }
  }
  return { earlyMonths, gwMonths, valueBn, runningCostBn, usesPv, bridgeInterestPvBn: bridgeInterestPv };
}

function checkScoreFloor(problem: OptimizationProblem, scoreSum: number, chosen: number, minAverage: number, violations: string[], binding: string[]): void {
  if (minAverage <= 0) return;
  const required = problem.sitesToSelect * minAverage;
  const average = scoreSum / Math.max(1, chosen);
  if (scoreSum < required - 1e-7 * Math.max(1, required)) violations.push(`average score ${average.toFixed(2)} is below the required ${minAverage}`);
  else if (scoreSum - required <= 0.1 * problem.sitesToSelect) binding.push(`average score: ${average.toFixed(2)}, required ${minAverage}`);
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
    case "npv": {
      parts.push({ label: "value of GW-months", value: check?.valueBn ?? 0 });
      parts.push({ label: "energy and operating cost", value: -(check?.runningCostBn ?? 0) });
      parts.push({ label: "capex (discounted)", value: -(check?.usesPv.facility ?? 0) });
      const more: [string, number][] = [
        ["contingency", check?.usesPv.contingency ?? 0],
        ["fees", check?.usesPv.fees ?? 0],
        ["interest during construction", check?.usesPv.interest ?? 0],
        ["IT capex", check?.usesPv.it ?? 0],
        ["carrying cost", check?.usesPv.hold ?? 0],
        ["bridge interest", check?.bridgeInterestPvBn ?? 0],
      ];
      for (const [label, value] of more) if (value > 0) parts.push({ label, value: -value });
      checkScoreFloor(problem, scoreSum, chosen.length, problem.objective.minAverageScore, violations, binding);
      break;
    }
    case "minCost":
      parts.push({ label: "annualized cost", value: chosen.reduce((sum, c) => sum + c.annualCostBn, 0) });
      checkScoreFloor(problem, scoreSum, chosen.length, problem.objective.minAverageScore, violations, binding);
      break;
  }
  if (problem.scoreFloor !== undefined) {
    if (scoreSum < problem.scoreFloor - 1e-7 * Math.max(1, problem.scoreFloor))
      violations.push(`total score ${scoreSum.toFixed(3)} is below the required ${problem.scoreFloor.toFixed(3)}`);
    else if (scoreSum - problem.scoreFloor <= 0.01) binding.push(`total score: ${scoreSum.toFixed(3)}, at least ${problem.scoreFloor.toFixed(3)} required`);
  }
  const objective = parts.reduce((sum, p) => sum + p.value, 0);
  return { ok: violations.length === 0, violations, binding, objective, objectiveParts: parts };
}
