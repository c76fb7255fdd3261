/**
 * Why a site is not in the selection, in words with figures: the report's runners-up table and
 * the `explain` command share this one explanation.
 *
 * The checks mirror a swap an analyst would try by hand: take the weakest selected site (lowest
 * score, or the costliest under a minCost objective), put this site in its place, and see which
 * rule breaks first — schedule, spacing, cap, budget (and the tranche cash rule) — else it is
 * simply worse than every selected site.
 */
import { greatCircleKm } from "../optimize/conflicts.ts";
import type { Candidate } from "../optimize/types.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import { assignSlots } from "../schedule/cash.ts";
import { isoOfDay } from "../schedule/dates.ts";
import type { ScoredSite } from "../score/score.ts";
import type { SiteId } from "../sites/types.ts";
import { selectedIds } from "./tables.ts";

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
  if (result.status !== "optimal" && result.status !== "time_limit") {
    return { kind: "no_selection", message: `no selection to compare with: the run is ${result.status.replace("_", " ")}` };
  }
  const slotIndex = result.selected.indexOf(siteId as SiteId);
  if (slotIndex >= 0) {
    const entry = result.schedule?.find((e) => e.siteId === siteId);
    return { kind: "selected", message: entry ? `selected for slot ${entry.slot} (${entry.slotDate})` : `selected (#${slotIndex + 1})` };
  }
  const chosen = result.selected
    .map((id) => problem.candidates.find((c) => c.siteId === id))
    .filter((c): c is Candidate => c !== undefined);
  if (chosen.length === 0) return { kind: "no_selection", message: "the selection is empty" };
  // A locked-in site cannot make way, so the swap is tried against the weakest of the others.
  const weakest = weakestOf(chosen.filter((c) => !c.lockedIn), problem.objective.kind);
  if (!weakest) return { kind: "other", message: "every selected site is locked in by the model" };
  const rest = chosen.filter((c) => c !== weakest);
  const swapped = [...rest, candidate];
  const weakestName = `${weakest.siteId}, the ${problem.objective.kind === "minCost" ? "costliest" : "lowest-scoring"} selected site`;

  if (problem.slots) {
    const lastSlot = problem.slots.at(-1);
    if (candidate.onlineDay === null) return { kind: "schedule", message: "cannot be online by any slot: its online date is unknown" };
    if (lastSlot && candidate.onlineDay > lastSlot.day) {
      return { kind: "schedule", message: `cannot be online by any slot: online ${isoOfDay(candidate.onlineDay)}, after the last slot (${lastSlot.date})` };
    }
    const plan = assignSlots(swapped, problem.slots, null);
    if (plan.status === "not_ready") {
      const slot = problem.slots[plan.slot - 1];
      return {
        kind: "schedule",
        message:
          `cannot be online by any free slot: online ${isoOfDay(candidate.onlineDay)}; swapping it for ${weakestName}, ` +
          `leaves slot ${plan.slot}${slot ? ` (${slot.date})` : ""} without a site ready by its date`,
      };
    }
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

  const swappedCapexBn = swapped.reduce((sum, c) => sum + c.capexBn, 0);
  const overBn = swappedCapexBn - problem.budgetBn;
  if (overBn > EPS * Math.max(1, problem.budgetBn)) {
    return {
      kind: "budget",
      message: `swapping it for ${weakestName}, would exceed the budget by $${overBn.toFixed(2)}B ($${one(swappedCapexBn)}B of $${one(problem.budgetBn)}B)`,
    };
  }
  if (problem.slots && problem.cash) {
    const plan = assignSlots(swapped, problem.slots, problem.cash);
    if (plan.status === "cash_short") {
      return {
        kind: "cash",
        message:
          `swapping it for ${weakestName}, would break the tranche cash rule at slot ${plan.slot}: ` +
          `$${one(plan.cumulativeCapexBn)}B of capex against $${one(plan.availableBn)}B of equity and tranches`,
      };
    }
  }

  if (problem.objective.kind === "minCost") {
    if (candidate.annualCostBn > weakest.annualCostBn - EPS) {
      return {
        kind: "cost",
        message: `costs $${candidate.annualCostBn.toFixed(2)}B/yr, above the costliest selected $${weakest.annualCostBn.toFixed(2)}B/yr`,
      };
    }
  } else if (candidate.score < weakest.score + EPS) {
    const lowest = chosen.some((c) => c.lockedIn && c.score < weakest.score) ? "the lowest selected site not locked in" : "the lowest selected";
    return { kind: "score", message: `scores ${one(candidate.score)}, below ${lowest} ${one(weakest.score)}` };
  }
  return {
    kind: "other",
    message:
      `a swap for ${weakestName}, passes each rule on its own, but the selection as a whole is better without it` +
      (result.status === "time_limit" ? ` (the solver stopped at its time limit, gap ${(100 * result.gap).toFixed(2)}%)` : ""),
  };
}

/** The site a swap would replace: the lowest score (latest slot on ties), or the highest cost. */
function weakestOf(chosen: readonly Candidate[], objective: "maxScore" | "minCost"): Candidate | undefined {
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
