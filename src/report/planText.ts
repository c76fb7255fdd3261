/**
 * The plan in sentences, plain text: the lines summary.md and the terminal share, so both say
 * the same thing with the same figures.
 */
import { budgetUsedBn, solvedResult, type RunOutcome } from "../pipeline/run.ts";
import { money, pct, round } from "../core/format.ts";
import { objectiveBreakdown, objectiveName } from "./objective.ts";
import { cashHighlights, milestoneGw, runPlan } from "./plan.ts";
import { sourcesUsesLines } from "./sourcesUses.ts";

/**
 * The objective with its parts and what it measures, then the bound; null without a solution.
 * @example objectiveLine(outcome) // "1002.3 = score 778.6 + early-power bonus 223.7 (total score with early-power bonus); bound 1002.3, proven optimal"
 */
export function objectiveLine(outcome: RunOutcome): string | null {
  const r = solvedResult(outcome);
  if (r === null) return null;
  const name = objectiveName(outcome.problem.objective);
  const decimals = outcome.problem.objective.kind === "minCost" ? 2 : 1;
  const parts = r.objectiveParts.length > 1 ? ` = ${objectiveBreakdown(r.objectiveParts, decimals, false)}` : "";
  const proof =
    r.status === "optimal" ? "proven optimal" : `${r.status === "time_limit" && r.stoppedBy !== undefined ? "stopped early" : "time limit"}, gap ${pct(r.gap)}`;
  if (r.secondStage !== undefined && r.status === "optimal") {
    // Two stages: the gap is score given up, within the tolerance, for GW live earlier.
    const givenUp =
      r.bound - r.objective > 1e-9
        ? `, ${pct(r.gap)} below the best ${r.bound.toFixed(decimals)}, within the ${r.secondStage.tolerancePct}% given to earlier GW`
        : "";
    return `${r.objective.toFixed(decimals)}${parts} (${name}${givenUp}); proven optimal`;
  }
  return `${r.objective.toFixed(decimals)}${parts} (${name}); bound ${r.bound.toFixed(decimals)}, ${proof}`;
}

/**
 * maxScore's second stage in words; null when it did not run.
 * @example secondStageLine(outcome) // "then 402 GW-months (proven the most) among plans scoring at least 713.64 (within 0.2% of the best, 715.07)"
 */
export function secondStageLine(outcome: RunOutcome): string | null {
  const r = solvedResult(outcome);
  if (r === null || r.secondStage === undefined) return null;
  const s = r.secondStage;
  const proof = s.proven ? "proven the most" : s.gwMonthsBound === null ? "not proven the most" : `at most ${s.gwMonthsBound} possible`;
  return `then ${round(s.gwMonths, 3)} GW-months (${proof}) among plans scoring at least ${s.scoreFloor.toFixed(2)} (within ${s.tolerancePct}% of the best, ${s.bestScore.toFixed(2)})`;
}

/** Budget used (capex of the selected sites) against the budget. @example budgetLine(outcome) // "budget $95.0B of $100.0B" */
export function budgetLine(outcome: RunOutcome): string {
  return `budget ${money(budgetUsedBn(outcome) ?? 0)} of ${money(outcome.problem.budgetBn)}`;
}

/**
 * Peak equity and the tightest month of the plan's ledger; null without a plan.
 * @example cashLine(outcome) // "peak equity $14.2B (2026-06); tightest month 2026-06: headroom $0.8B ($24.2B drawn, $25.0B available)"
 */
export function cashLine(outcome: RunOutcome): string | null {
  const dated = runPlan(outcome);
  if (dated === null) return null;
  const c = cashHighlights(dated.timeline, dated.plan.ledger);
  const bridge = c.peakBridgeBn > 0 ? `; bridge up to ${money(c.peakBridgeBn)} (${c.bridgeBnMonths.toFixed(1)} $B-months)` : "";
  return (
    `peak equity ${money(c.peakEquityBn)} (${c.peakEquityMonth}); tightest month ${c.tightestMonth}: headroom ${money(c.minHeadroomBn)} ` +
    `(${money(c.cumulativeDrawnAtTightestBn)} drawn, ${money(c.availableAtTightestBn)} available)${bridge}`
  );
}

/** Whether the cash rule binds the plan, in one sentence. Null without a schedule. */
export function cashRuleSentence(outcome: RunOutcome): string | null {
  const timeline = outcome.problem.timeline;
  if (timeline === null) return null;
  const { cash, draw } = timeline;
  const drawText =
    draw.upfrontShare > 0 ? `${round(100 * draw.upfrontShare, 1)}% at notice to proceed, the rest evenly over the build` : "evenly over the build";
  const lag = cash.lagMonths > 0 ? ` ${cash.lagMonths} month${cash.lagMonths === 1 ? "" : "s"} after` : " when";
  const bridge = cash.bridge ? ` plus a bridge of up to ${money(cash.bridge.limitBn)}` : "";
  const stack = timeline.stack;
  const debt = stack.debt !== null && stack.debt.loanToCost > 0 ? stack.debt : null;
  const uses =
    debt === null && stack.contingencyShare === 0 && stack.itCapex === null && stack.holdCostBnPerMonth === 0
      ? "capex drawn"
      : "every use construction debt does not fund";
  const trancheUse = cash.trancheUses === "itSystems" ? " (tranche money pays IT systems only)" : "";
  const rule = `${uses} so far may not exceed ${money(cash.equityBn)} of equity plus the ${money(cash.trancheBn)} tranches released so far${trancheUse}${bridge}`;
  const stackText = [
    stack.contingencyShare > 0 ? `contingency ${round(100 * stack.contingencyShare, 2)}% of facility capex` : null,
    debt === null
      ? null
      : `construction debt at ${round(100 * debt.loanToCost, 1)}% of cost (${debt.draw === "proRata" ? "pro rata" : "equity first"}), ${round(1200 * debt.monthlyRate, 3)}% a year capitalised${debt.arrangementFeeShare > 0 ? `, ${round(100 * debt.arrangementFeeShare, 2)}% arrangement fee` : ""}`,
    stack.itCapex === null ? null : `IT systems capex ${money(stack.itCapex.bnPerSite, 2)} a site over its last ${stack.itCapex.deliveryMonths} build months`,
    stack.holdCostBnPerMonth > 0 ? `a held-back site costs ${money(stack.holdCostBnPerMonth, 3)} a month` : null,
    cash.bridge !== null && cash.bridge.monthlyRate > 0 ? `bridge interest ${round(1200 * cash.bridge.monthlyRate, 3)}% a year` : null,
  ].filter((t): t is string => t !== null);
  const signing = cash.signingMonth === null ? "" : " (tranche 1 on signing)";
  return (
    `Each site's capex is drawn ${drawText}; tranche k is released${lag} the k-th gigawatt goes live${signing}. ` +
    (stackText.length > 0 ? `Capital stack: ${stackText.join("; ")}. ` : "") +
    (timeline.cashRuleEnforced ? `Cash rule on: in every month, ${rule}.` : `Cash rule off: the ledger is shown for information (with it on, ${rule}).`)
  );
}

/**
 * GW live by each milestone against the k required.
 * @example milestoneLine(outcome) // "GW live by each milestone (live/required): 2026-12-31 1/1, 2027-06-30 3/2, …"
 */
export function milestoneLine(outcome: RunOutcome): string | null {
  const dated = runPlan(outcome);
  if (dated === null) return null;
  const gw = outcome.problem.gwPerSite;
  const parts = dated.plan.milestones.map((m) => {
    const g = milestoneGw(m, gw);
    return `${m.date} ${g.gwLive}/${g.gwRequired}${g.met ? "" : " (missed)"}`;
  });
  return `GW live by each milestone (live/required): ${parts.join(", ")}`;
}

/** selection.csv columns the terminal's plan table shows, with their short heads. */
export const TERMINAL_PLAN_COLUMNS: readonly (readonly [column: string, head: string])[] = [
  ["slot", "slot"],
  ["site_id", "site"],
  ["name", "name"],
  ["region", "state"],
  ["overall_score", "score"],
  ["capex_bn", "capex $B"],
  ["ready_date", "ready"],
  ["go_live_date", "go-live"],
  ["held_back_months", "held back (months)"],
  ["hold_cause", "why held back"],
  ["drawn_by_go_live_bn", "drawn by go-live $B"],
  ["min_headroom_bn", "min headroom $B"],
];

/**
 * The lines under the terminal's table, plain text: objective with its parts, budget, cash
 * highlights and GW live by milestone (those that apply).
 * @example runSummaryLines(outcome).join("\n")
 */
export function runSummaryLines(outcome: RunOutcome): string[] {
  const objective = objectiveLine(outcome);
  const sourcesUses = sourcesUsesLines(outcome);
  return [
    objective === null ? null : `objective ${objective}`,
    secondStageLine(outcome),
    budgetLine(outcome),
    ...(sourcesUses.length > 0 ? sourcesUses : [cashLine(outcome)]),
    milestoneLine(outcome),
  ].filter((l): l is string => l !== null);
}
