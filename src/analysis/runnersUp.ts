/**
 * Why a site is not in the selection, in words with figures: the report's runners-up table and
 * the `explain` command share this one explanation.
 *
 * The checks mirror a swap an analyst would try by hand: take the weakest selected site (lowest
 * score, or the costliest under a minCost objective), put this site in its place in the plan (at
 * the weakest site's go-live month, or at its own readiness if that is later; every other site
 * keeps its month), and see which rule breaks first: schedule (milestones), spacing, caps,
 * budget, then the monthly cash rule. Else it is simply worse than every selected site. A full
 * re-plan might do better than this one swap; `gigasite explain` re-solves with the site forced in.
 */
import { greatCircleKm } from "../geo/sphere.ts";
import { isSolved, type Candidate, type ProblemObjective } from "../optimize/types.ts";
import type { Plan, Timeline } from "../schedule/types.ts";
import { selectedIds, type RunOutcome } from "../pipeline/run.ts";
import { lastMonth, monthLabel, monthStartDate } from "../schedule/calendar.ts";
import { planOf } from "../schedule/ledger.ts";
import type { ScoredSite } from "../score/score.ts";
import type { SiteId } from "../sites/types.ts";
import { money } from "../core/format.ts";

export type NotSelectedKind =
  | "selected"
  | "not_found"
  | "screened_out"
  | "no_selection"
  | "schedule"
  | "spacing"
  | "cap"
  | "budget"
  | "cash"
  | "score"
  | "cost"
  | "other";

export interface NotSelected {
  readonly kind: NotSelectedKind;
  /** One sentence with the figures behind it. */
  readonly message: string;
}

export interface RunnerUp {
  /** Rank among screened-in sites by overall score, 1 = best. */
  readonly rank: number;
  readonly scored: ScoredSite;
  readonly reason: NotSelected;
}

/** Money and score tolerance: below this a difference is rounding, not a reason. */
const EPS = 1e-9;

const one = (v: number): string => v.toFixed(1);

/**
 * Why `siteId` is not selected, as a sentence with figures (see {@link explainNotSelected}).
 * @example whyNotSelected(outcome, "S0412") // "within 64 km of S0123, selected (minimum spacing 100 km)"
 */
export function whyNotSelected(outcome: RunOutcome, siteId: string): string {
  return explainNotSelected(outcome, siteId).message;
}

/**
 * The reason a site is out, with its kind, checked in order: schedule, spacing, cap, budget
 * (then the cash rule), else score (or cost under a minCost objective). Selected, screened-out
 * and unknown sites get a kind of their own.
 * @example explainNotSelected(outcome, "S0412").kind // "spacing"
 */
export function explainNotSelected(outcome: RunOutcome, siteId: string): NotSelected {
  const { result, problem } = outcome;
  const excluded = outcome.screen.excluded.find((e) => e.site.siteId === siteId);
  if (excluded) return { kind: "screened_out", message: `screened out: ${excluded.reasons.join("; ")}` };
  const candidate = problem.candidates.find((c) => c.siteId === siteId);
  if (!candidate) return { kind: "not_found", message: `${siteId} is not in the sites file` };
  if (!isSolved(result)) {
    return { kind: "no_selection", message: `no selection to compare with: the run is ${result.status.replace("_", " ")}` };
  }
  const timeline = problem.timeline;
  const plan = timeline !== null ? result.plan : null;
  const slotIndex = result.selected.indexOf(siteId as SiteId);
  if (slotIndex >= 0) {
    const planned = plan?.sites.find((s) => s.siteId === siteId);
    return {
      kind: "selected",
      message:
        planned && timeline
          ? `selected for slot ${planned.slot} (go-live ${monthStartDate(timeline.calendar, planned.goLiveMonth)})`
          : `selected (#${slotIndex + 1})`,
    };
  }
  const chosen = result.selected.map((id) => problem.candidates.find((c) => c.siteId === id)).filter((c): c is Candidate => c !== undefined);
  if (chosen.length === 0) return { kind: "no_selection", message: "the selection is empty" };
  // A locked-in site cannot make way, so the swap is tried against the weakest of the others.
  const weakest = weakestOf(
    chosen.filter((c) => !c.lockedIn),
    problem.objective.kind,
  );
  if (!weakest) return { kind: "other", message: "every selected site is locked in by the model" };
  const rest = chosen.filter((c) => c !== weakest);
  const swapped = [...rest, candidate];
  const weakestName = `${weakest.siteId}, the ${problem.objective.kind === "minCost" ? "costliest" : "lowest-scoring"} selected site`;

  const swappedPlan = timeline !== null && plan !== null ? swapPlan(timeline, plan, rest, candidate, weakest) : null;
  if (timeline !== null) {
    const reason = scheduleReason(timeline, candidate, weakestName, swappedPlan);
    if (reason) return reason;
  }

  if (problem.minSpacingKm > 0) {
    let nearest: { readonly id: string; readonly km: number } | null = null;
    for (const other of rest) {
      const km = greatCircleKm(candidate, other);
      if (km < problem.minSpacingKm && (nearest === null || km < nearest.km)) nearest = { id: other.siteId, km };
    }
    if (nearest) {
      return {
        kind: "spacing",
        message: `within ${Math.round(nearest.km)} km of ${nearest.id}, selected (minimum spacing ${one(problem.minSpacingKm).replace(/\.0$/, "")} km)`,
      };
    }
  }

  const regionCap = problem.regionCaps.get(candidate.region);
  const inRegion = rest.filter((c) => c.region === candidate.region).length;
  if (regionCap !== undefined && inRegion >= regionCap) {
    return { kind: "cap", message: `${candidate.region} already has ${inRegion} of ${regionCap}` };
  }
  const zoneCap = problem.gridZoneCaps.get(candidate.gridZone);
  const inZone = rest.filter((c) => c.gridZone === candidate.gridZone).length;
  if (zoneCap !== undefined && inZone >= zoneCap) {
    return { kind: "cap", message: `grid zone ${candidate.gridZone} already has ${inZone} of ${zoneCap}` };
  }
  if (timeline !== null && swappedPlan !== null) {
    for (const limit of timeline.zoneLimits) {
      if (limit.gridZone !== candidate.gridZone) continue;
      const live = swappedPlan.sites.filter(
        (s) => s.goLiveMonth <= limit.month && swapped.some((c) => c.siteId === s.siteId && c.gridZone === limit.gridZone),
      ).length;
      if (live > limit.maxSites) {
        return {
          kind: "cap",
          message: `swapping it for ${weakestName}, would put ${live} sites live in grid zone ${limit.gridZone} by ${limit.date}, limit ${limit.maxSites}`,
        };
      }
    }
  }

  const swappedCapexBn = swapped.reduce((sum, c) => sum + c.capexBn, 0);
  const overBn = swappedCapexBn - problem.budgetBn;
  if (overBn > EPS * Math.max(1, problem.budgetBn)) {
    return {
      kind: "budget",
      message: `swapping it for ${weakestName}, would exceed the budget by ${money(overBn, 2)} (${money(swappedCapexBn)} of ${money(problem.budgetBn)})`,
    };
  }
  if (timeline?.cashRuleEnforced && swappedPlan !== null) {
    const ledger = swappedPlan.ledger;
    if (ledger.minHeadroomBn < -1e-6) {
      const tight = ledger.months[ledger.tightestMonth];
      const drawn = tight?.cumulativeDrawnBn ?? 0;
      return {
        kind: "cash",
        message:
          `swapping it for ${weakestName}, would run the plan ${money(-ledger.minHeadroomBn)} short in ${monthLabel(timeline.calendar, ledger.tightestMonth)}: ` +
          `${money(drawn)} drawn against ${money(drawn + ledger.minHeadroomBn)} of equity, tranches released${timeline.cash.bridge ? " and bridge" : ""}`,
      };
    }
  }

  if (problem.objective.kind === "minCost") {
    if (candidate.annualCostBn > weakest.annualCostBn - EPS) {
      return {
        kind: "cost",
        message: `costs ${money(candidate.annualCostBn, 2)}/yr, above the costliest selected ${money(weakest.annualCostBn, 2)}/yr`,
      };
    }
  } else if (problem.objective.kind === "maxScore" && candidate.score < weakest.score + EPS) {
    const lowest = chosen.some((c) => c.lockedIn && c.score < weakest.score) ? "the lowest selected site not locked in" : "the lowest selected";
    return { kind: "score", message: `scores ${one(candidate.score)}, below ${lowest} ${one(weakest.score)}` };
  }
  return {
    kind: "other",
    message:
      `a swap for ${weakestName}, passes each rule on its own, but the plan as a whole is better without it` +
      (result.status === "time_limit" ? ` (the solver stopped at its time limit, gap ${(100 * result.gap).toFixed(2)}%)` : ""),
  };
}

/** The plan with `candidate` in the weakest site's place: at its go-live month, or at its own readiness if later. */
function swapPlan(timeline: Timeline, plan: Plan, rest: readonly Candidate[], candidate: Candidate, weakest: Candidate): Plan | null {
  if (candidate.readyMonth === null || candidate.readyMonth > lastMonth(timeline.calendar)) return null;
  const goLive = new Map(plan.sites.map((s) => [s.siteId as string, s.goLiveMonth]));
  const weakestMonth = goLive.get(weakest.siteId) ?? candidate.readyMonth;
  goLive.set(candidate.siteId, Math.max(candidate.readyMonth, weakestMonth));
  return planOf(timeline, [...rest, candidate], goLive);
}

/** Why the site cannot take the weakest site's place in time: no date, too late, or a milestone missed. */
function scheduleReason(timeline: Timeline, candidate: Candidate, weakestName: string, swapped: Plan | null): NotSelected | null {
  const last = timeline.milestones.at(-1);
  if (candidate.readyMonth === null) return { kind: "schedule", message: "cannot go live by any milestone: its online date is unknown" };
  const ready = monthStartDate(timeline.calendar, candidate.readyMonth);
  if (candidate.readyMonth > lastMonth(timeline.calendar)) {
    return { kind: "schedule", message: `cannot go live by any milestone: ready ${ready}, after the last milestone${last ? ` (${last.date})` : ""}` };
  }
  const missed = swapped?.milestones.find((m) => m.sitesLive < m.index);
  if (swapped && missed) {
    const live = swapped.sites.find((s) => s.siteId === candidate.siteId)?.goLiveMonth ?? candidate.readyMonth;
    return {
      kind: "schedule",
      message:
        `ready ${ready}; swapping it for ${weakestName}, (live from ${monthStartDate(timeline.calendar, live)}) ` +
        `leaves milestone ${missed.index} (${missed.date}) with ${missed.sitesLive} of ${missed.index} sites live`,
    };
  }
  return null;
}

/** The site a swap would replace: the lowest score (latest on ties), or the highest cost under minCost. */
function weakestOf(chosen: readonly Candidate[], objective: ProblemObjective["kind"]): Candidate | undefined {
  let weakest: Candidate | undefined;
  for (const c of chosen) {
    if (weakest === undefined) weakest = c;
    else if (objective === "minCost" ? c.annualCostBn >= weakest.annualCostBn : c.score <= weakest.score) weakest = c;
  }
  return weakest;
}

/**
 * The best `n` screened-in sites that were not selected, best score first, each with its reason.
 * @example runnersUp(outcome, 3).map((r) => r.reason.kind) // ["spacing", "cap", "score"]
 */
export function runnersUp(outcome: RunOutcome, n = 25): RunnerUp[] {
  const selected = selectedIds(outcome);
  const out: RunnerUp[] = [];
  for (let i = 0; i < outcome.ranked.length && out.length < n; i++) {
    const scored = outcome.ranked[i] as ScoredSite;
    if (selected.has(scored.site.siteId)) continue;
    out.push({ rank: i + 1, scored, reason: explainNotSelected(outcome, scored.site.siteId) });
  }
  return out;
}
