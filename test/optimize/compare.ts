/**
 * Checks shared by the cross-check tests: an optimizer result against an expected status and
 * objective, and every returned plan against the hand ledger of test/optimize/enumerate.ts.
 */
import { isSolved, type OptimizationProblem, type OptimizeResult } from "../../src/optimize/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { handLedger, planObjective, staticFeasible, timingFeasible } from "./enumerate.ts";

export const OBJECTIVE_TOLERANCE = { rel: 1e-6, abs: 1e-6 } as const;

export type Expected = { readonly status: "optimal"; readonly objective: number } | { readonly status: "infeasible" };

/**
 * Every way `result` can disagree with the expected answer, as short messages: its status, its
 * objective, and whether its plan meets every rule by the hand ledger and has the objective it
 * claims (computed by hand from the plan).
 */
export function disagreements(problem: OptimizationProblem, result: OptimizeResult, expected: Expected): string[] {
  const out: string[] = [];
  if (result.status !== expected.status) {
    const detail = result.status === "no_solution" ? `: ${result.message}` : result.status === "infeasible" ? `: ${result.reasons.join(" | ")}` : "";
    out.push(`status ${result.status}, expected ${expected.status}${detail}`);
  }
  if (!isSolved(result)) return out;
  if (expected.status === "optimal") {
    const m = approxMismatch(result.objective, expected.objective, OBJECTIVE_TOLERANCE);
    if (m !== null) out.push(`objective ${m}`);
  }
  const byId = new Map(problem.candidates.map((c) => [c.siteId as string, c]));
  const chosen = result.selected.map((id) => byId.get(id)).filter((c) => c !== undefined);
  if (chosen.length !== result.selected.length) out.push("selected ids that are not candidates");
  if (!staticFeasible(problem, chosen)) out.push("selection breaks a static rule (count, budget, caps, spacing, locks, score)");
  const timeline = problem.timeline;
  const goLive = new Map((result.plan?.sites ?? []).map((s) => [s.siteId as string, s.goLiveMonth]));
  let ledger = null;
  if (timeline !== null) {
    if (result.plan === null) out.push("no plan for a dated problem");
    for (const c of chosen) {
      const m = goLive.get(c.siteId);
      if (m === undefined || c.readyMonth === null || m < Math.max(0, c.readyMonth) || m >= timeline.calendar.months)
        out.push(`${c.siteId} goes live in month ${m}, outside its domain`);
    }
    if (!timingFeasible(timeline, chosen, goLive)) out.push("plan misses a milestone or breaks a zone limit");
    ledger = handLedger(
      timeline,
      chosen.map((c) => ({ capexBn: c.capexBn, buildMonths: c.buildMonths, goLive: goLive.get(c.siteId) ?? 0 })),
    );
    if (!ledger.cashOk) out.push("plan runs out of cash in the hand ledger");
    const months = result.plan?.ledger.months ?? [];
    const hand = ledger;
    if (
      months.some(
        (m, t) =>
          Math.abs(m.cumulativeDrawnBn - (hand.cumulativeDrawn[t] ?? NaN)) > 1e-6 ||
          Math.abs(m.cumulativeReleasedBn - (hand.cumulativeReleased[t] ?? NaN)) > 1e-6,
      )
    )
      out.push("the plan's ledger differs from the hand ledger");
    const sorted = [...(result.plan?.sites ?? [])].sort((a, b) => a.goLiveMonth - b.goLiveMonth || (a.siteId < b.siteId ? -1 : 1));
    if (sorted.some((s, k) => s.slot !== k + 1)) out.push("slots are not in go-live order");
  }
  const own = planObjective(problem, chosen, goLive, timeline?.cashRuleEnforced === true ? ledger : null);
  const m = approxMismatch(result.objective, own, OBJECTIVE_TOLERANCE);
  if (m !== null) out.push(`reported objective differs from the plan's own: ${m}`);
  const v = verifySelection(problem, result.selected, result.plan);
  if (!v.ok) out.push(`verifier rejects the plan: ${v.violations.join("; ")}`);
  return out;
}
