/**
 * Why a problem is infeasible, in words with figures from the data. `proven` reasons are each
 * enough on their own to make the problem infeasible; `hints` are evidence shown only when no
 * proof was found. The cash rule's own reason, with the least equity for which a plan exists,
 * comes from a solve (see solve.ts) and {@link cashShortfallReason}.
 */
import { money } from "../core/format.ts";
import { lastMonth, monthLabel } from "../schedule/calendar.ts";
import { greatCircleKm } from "../geo/sphere.ts";
import { cliquePartition, conflictEdges } from "./conflicts.ts";
import type { Candidate, OptimizationProblem } from "./types.ts";
import type { Ledger, Timeline } from "../schedule/types.ts";
import { MONEY_TOLERANCE_BN } from "./verify.ts";

export interface Diagnosis {
  readonly proven: readonly string[];
  readonly hints: readonly string[];
}

const exceeds = (value: number, limit: number): boolean => value > limit + MONEY_TOLERANCE_BN;

/** Sites that can take part at all: ready by the last milestone when there is a timeline. */
function eligibleSites(problem: OptimizationProblem): Candidate[] {
  const t = problem.timeline;
  if (t === null) return [...problem.candidates];
  return problem.candidates.filter((c) => c.readyMonth !== null && c.readyMonth <= lastMonth(t.calendar));
}

function lockedInReasons(problem: OptimizationProblem, proven: string[]): void {
  const locked = problem.candidates.filter((c) => c.lockedIn);
  const n = problem.sitesToSelect;
  if (locked.length > n) proven.push(`${locked.length} sites are locked in, but only ${n} are to be selected`);
  const t = problem.timeline;
  if (t !== null) {
    for (const c of locked) {
      if (c.readyMonth === null) proven.push(`locked-in site ${c.siteId} has no online date, so it cannot be in the plan`);
      else if (c.readyMonth > lastMonth(t.calendar))
        proven.push(
          `locked-in site ${c.siteId} is ready ${monthLabel(t.calendar, c.readyMonth)}, after the last milestone (${t.milestones.at(-1)?.date ?? ""})`,
        );
    }
  }
  for (let a = 0; a < locked.length; a++) {
    for (let b = a + 1; b < locked.length; b++) {
      const p = locked[a] as Candidate;
      const q = locked[b] as Candidate;
      const km = greatCircleKm(p, q);
      if (km < problem.minSpacingKm)
        proven.push(`locked-in sites ${p.siteId} and ${q.siteId} are ${km.toFixed(1)} km apart, closer than the ${problem.minSpacingKm} km minimum`);
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

function milestoneReasons(problem: OptimizationProblem, timeline: Timeline, proven: string[]): void {
  const ready = problem.candidates.filter((c) => c.readyMonth !== null).sort((a, b) => (a.readyMonth as number) - (b.readyMonth as number));
  for (const m of timeline.milestones) {
    const count = ready.filter((c) => Math.max(0, c.readyMonth as number) <= m.month).length;
    if (count >= m.index) continue;
    const earliest = ready[0];
    proven.push(
      count === 0
        ? `no site can be live by milestone ${m.index} (${m.date}): ${earliest === undefined ? "no site has an online date" : `the earliest is ready ${monthLabel(timeline.calendar, earliest.readyMonth as number)} (${earliest.siteId})`}`
        : `only ${count} sites can be live by milestone ${m.index} (${m.date}), but it needs ${m.index}`,
    );
    return; // later milestones mostly follow from the first that fails
  }
}

/** The first site to go live is paid in full before any tranche: the cheapest must fit in equity (+ bridge). */
function firstSiteCashReason(timeline: Timeline, eligible: readonly Candidate[], proven: string[]): void {
  if (!timeline.cashRuleEnforced || eligible.length === 0) return;
  // A site live in month 0 gets its tranche in the month its (pre-start) draws are counted: no proof then.
  if (timeline.cash.lagMonths === 0 && eligible.some((c) => (c.readyMonth ?? Infinity) <= 0)) return;
  const cheapest = [...eligible].sort((a, b) => a.capexBn - b.capexBn)[0] as Candidate;
  const available = timeline.cash.equityBn + (timeline.cash.bridge?.limitBn ?? 0);
  if (!exceeds(cheapest.capexBn, available)) return;
  const bridge = timeline.cash.bridge !== null ? ` and a ${money(timeline.cash.bridge.limitBn)} bridge` : "";
  proven.push(
    `the first site to go live is paid for in full before any tranche is released: the cheapest eligible site (${cheapest.siteId}) costs ${money(cheapest.capexBn)}, but equity is ${money(timeline.cash.equityBn)}${bridge}`,
  );
}

function budgetReasons(problem: OptimizationProblem, eligible: readonly Candidate[], proven: string[]): void {
  const n = problem.sitesToSelect;
  const locked = eligible.filter((c) => c.lockedIn);
  const others = eligible.filter((c) => !c.lockedIn).sort((a, b) => a.capexBn - b.capexBn);
  if (locked.length + others.length < n) return;
  const chosen = [...locked, ...others.slice(0, Math.max(0, n - locked.length))];
  const total = chosen.reduce((sum, c) => sum + c.capexBn, 0);
  if (!exceeds(total, problem.budgetBn)) return;
  const what =
    locked.length > 0
      ? `the ${locked.length} locked-in sites plus the ${n - locked.length} cheapest other eligible sites cost`
      : `the ${n} cheapest eligible sites cost`;
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
  if (average < required - 1e-7 * Math.max(1, required))
    proven.push(`the ${n} best-scoring feasible sites average ${average.toFixed(1)}, below the required ${required}`);
}

function capacityReasons(problem: OptimizationProblem, eligible: readonly Candidate[], proven: string[], hints: string[], withSpacing: boolean): void {
  const n = problem.sitesToSelect;
  if (eligible.length < n) {
    proven.push(
      `only ${eligible.length} candidate sites are eligible${problem.timeline !== null ? " (ready by the last milestone)" : ""}, but ${n} are needed`,
    );
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
  const d = problem.minSpacingKm;
  const parts = cliquePartition(eligible.length, conflictEdges(eligible, d));
  if (parts.length < n) {
    proven.push(
      `only ${parts.length} sites can be selected under the spacing (the eligible sites fall into ${parts.length} groups whose members are all closer than ${d} km to each other)`,
    );
    return;
  }
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
  if (picked.length < n)
    hints.push(
      `a greedy pick (cheapest first) finds only ${picked.length} sites pairwise ${d} km apart within the caps (a lower bound on what is possible, not a proof)`,
    );
}

/**
 * Reasons a problem cannot be solved that need no solve. With `quick`, skips the spacing
 * analysis (the only part that builds a conflict graph).
 * @example diagnose(problem).proven // ["the 10 cheapest eligible sites cost $112.3B, above the $100.0B budget"]
 */
export function diagnose(problem: OptimizationProblem, quick = false): Diagnosis {
  const proven: string[] = [];
  const hints: string[] = [];
  const n = problem.sitesToSelect;
  if (!Number.isInteger(n) || n < 1) proven.push(`the number of sites to select must be a whole number >= 1, found ${n}`);
  const timeline = problem.timeline;
  if (timeline !== null && timeline.milestones.length !== n)
    proven.push(`the model has ${timeline.milestones.length} milestones for ${n} sites: milestone k asks for k sites live`);
  if (proven.length > 0) return { proven, hints };
  const eligible = eligibleSites(problem);
  lockedInReasons(problem, proven);
  if (timeline !== null) milestoneReasons(problem, timeline, proven);
  budgetReasons(problem, eligible, proven);
  scoreReasons(problem, eligible, proven);
  if (timeline !== null) firstSiteCashReason(timeline, eligible, proven);
  capacityReasons(problem, eligible, proven, hints, !quick);
  return { proven, hints };
}

/**
 * The cash rule's reason in words, from the least-equity plan: its tightest month, what builds
 * in progress have drawn by then, what equity and tranches cover, and the least equity needed.
 * With `lowerBoundBn` (the least-equity search stopped at its time limit), only what is proven is
 * stated as a fact: the plan found shows a shortfall, and the least equity is "at least" the proven
 * lower bound, which is the figure the bridge advice uses.
 * @example cashShortfallReason(timeline, ledger, 40.6) // "by 2026-06 builds in progress have drawn $40.6B; ..."
 */
export function cashShortfallReason(timeline: Timeline, ledger: Ledger, leastEquityBn: number, lowerBoundBn: number | null = null): string {
  const t = ledger.peakEquityMonth;
  const row = ledger.months[t];
  const drawn = row?.cumulativeDrawnBn ?? 0;
  const released = row?.cumulativeReleasedBn ?? 0;
  const live = row?.sitesLive ?? 0;
  const equity = timeline.cash.equityBn;
  const bridge = timeline.cash.bridge?.limitBn ?? 0;
  const short = drawn - released - equity - bridge;
  const liveText = live === 0 ? "no gigawatt is live yet" : `${live} GW are live and ${money(released)} of tranches released`;
  const bridgeText = bridge > 0 ? ` and the bridge ${money(bridge)}` : "";
  const situation = `by ${monthLabel(timeline.calendar, t)} builds in progress have drawn ${money(drawn)}; equity is ${money(equity)}${bridgeText} and ${liveText}: ${money(short)} short`;
  if (lowerBoundBn === null) {
    return `${situation}, in the plan that needs the least equity. A plan exists from ${money(leastEquityBn)} of equity: raise equity, allow a bridge of at least ${money(Math.max(0, leastEquityBn + bridge - equity))}, or move milestones later`;
  }
  const found = `${situation}, in the plan needing the least equity found within the time limit. A plan exists with ${money(leastEquityBn)} of equity`;
  const suffices = `a bridge of ${money(Math.max(0, leastEquityBn + bridge - equity))} would carry the plan found`;
  if (lowerBoundBn <= equity + MONEY_TOLERANCE_BN) {
    return `${found}; how much less would do was not proven within the time limit (no plan exists with ${money(equity)}): raise equity, allow a bridge (${suffices}), or move milestones later`;
  }
  return `${found}; none exists below ${money(lowerBoundBn)} (proven): raise equity by at least ${money(lowerBoundBn - equity)}, allow a bridge of at least ${money(lowerBoundBn + bridge - equity)} (${suffices}), or move milestones later`;
}

/**
 * The reasons shown for an infeasible problem when no single proof was found.
 * @example combinationReason(problem) // "no single constraint explains it; ..."
 */
export function combinationReason(problem: OptimizationProblem): string[] {
  const { proven, hints } = diagnose(problem);
  if (proven.length > 0) return [...proven];
  const groups = [`${problem.sitesToSelect} sites`, `budget ${money(problem.budgetBn)}`];
  if (problem.regionCaps.size > 0) groups.push("region caps");
  if (problem.gridZoneCaps.size > 0) groups.push("grid-zone caps");
  if (problem.minSpacingKm > 0) groups.push(`spacing ${problem.minSpacingKm} km`);
  if (problem.candidates.some((c) => c.lockedIn)) groups.push("locked-in sites");
  if (problem.timeline !== null) groups.push("milestones");
  if (problem.timeline?.cashRuleEnforced) groups.push("monthly cash rule");
  if ((problem.timeline?.zoneLimits.length ?? 0) > 0) groups.push("zone limits by date");
  if (problem.objective.kind === "minCost") groups.push(`minimum average score ${problem.objective.minAverageScore}`);
  return [`no single constraint explains it; the combination of constraints is infeasible (active: ${groups.join(", ")})`, ...hints];
}
