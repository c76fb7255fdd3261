import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import { describe, expect, it } from "vitest";
import { monthLabel } from "../../src/schedule/calendar.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { isSolved, type Candidate, type Engine, type OptimizationProblem } from "../../src/optimize/types.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { planOf } from "../../src/schedule/ledger.ts";
import { asSiteId } from "../../src/sites/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { enumerateOptimum, handLedger } from "./enumerate.ts";
import { handProblem, handSite, milestonesAt } from "./handmade.ts";

/**
 * Seven sites where the old slot-index rule ("capex of the first k sites ≤ equity + (k − 1)
 * tranches", in slot order) passes and the monthly ledger fails. Equity and every tranche are
 * $12B; capex is drawn evenly over the build (no upfront share); milestones are 1 site live by
 * 2026-07, 2 by 2027-01, 3 by 2027-06 (months 6, 12, 17 from 2026-01).
 *
 *   site  ready    capex  build  score
 *   A     2026-07  12     6      90     draws 2/month over the 6 months before go-live
 *   B     2026-08  12     6      85
 *   C     2027-02  12     6      80
 *   D     2026-04   6     3      50     draws 2/month over 3 months
 *   E     2026-07  14     6      75     costs more than equity: never first, and too late third
 *   F     2026-03  20     2      55     costs more than equity
 *   G     2027-09   5     3      99     ready after the last milestone: ineligible
 *
 * Without the cash rule the best plan is A, B, C at their ready months (257.5 points with
 * 0.1 points per month live before 2027-06). In slot order its capex is 12, 24, 36 against
 * 12, 24, 36 available: the old rule passes, exactly on its limit. But A and B build at the
 * same time: by 2026-04 they have drawn $14B against $12B of equity, and by 2026-06 $22B.
 *
 * With the cash rule, A must be paid for before B draws anything unless a cheaper site goes
 * live first: D (ready 2026-04) draws $6B in 2026-01..03 beside A's $6B (12 ≤ 12), its tranche
 * arrives in 2026-04, and B can then start in 2026-04 and go live in 2026-10 (held back two
 * months; by 2026-06 D + A + B have drawn 6 + 12 + 6 = 24 ≤ 12 + 12). {A, B, C} has no
 * plan (C is ready too late to build after B), and every other trio scores less than
 * {D, A, B} = 225 + 0.1 × (14 + 11 + 8) = 228.3. The plan needs $12B of equity, first in 2026-03.
 */
function site(id: string, readyMonth: number | null, capexBn: number, buildMonths: number, score: number, lon: number): Candidate {
  return handSite(id, { readyMonth, capexBn, buildMonths, score, lon });
}

const candidates = [
  site("A", 6, 12, 6, 90, -100),
  site("B", 7, 12, 6, 85, -99),
  site("C", 13, 12, 6, 80, -98),
  site("D", 3, 6, 3, 50, -97),
  site("E", 6, 14, 6, 75, -96),
  site("F", 2, 20, 2, 55, -95),
  site("G", 20, 5, 3, 99, -94),
];

function problem(cashRule: boolean, solver: Engine = "highs"): OptimizationProblem {
  const timeline: Timeline = {
    calendar: { startDate: "2026-01-01", months: 18 },
    milestones: milestonesAt(6, 12, 17),
    draw: { upfrontShare: 0 },
    cash: { equityBn: 12, trancheBn: 12, trancheCount: 3, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
    stack: PLAIN_STACK,
    cashRuleEnforced: cashRule,
    zoneLimits: [],
  };
  return handProblem(candidates, timeline, { objective: { kind: "maxScore", earlyPowerPointsPerMonth: 0.1, scoreTolerancePct: 0 }, solver });
}

/** The rule this issue removes, checked in slot (go-live) order. */
function oldSlotRulePasses(p: OptimizationProblem, goLive: ReadonlyMap<string, number>): boolean {
  const cash = (p.timeline as Timeline).cash;
  const inOrder = [...goLive].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => p.candidates.find((c) => c.siteId === id) as Candidate);
  let capex = 0;
  return inOrder.every((c, k) => {
    capex += c.capexBn;
    return capex <= cash.equityBn + k * cash.trancheBn + 1e-9;
  });
}

const label = (m: number): string => monthLabel({ startDate: "2026-01-01", months: 18 }, m);
const byId = (id: string): Candidate => candidates.find((c) => c.siteId === id) as Candidate;

describe("the old slot-index rule passes where the monthly ledger fails", () => {
  const naive = new Map([
    ["A", 6],
    ["B", 7],
    ["C", 13],
  ]);

  it("A, B, C at their ready months pass the old rule but run out of cash by 2026-04", () => {
    expect(oldSlotRulePasses(problem(true), naive)).toBe(true);
    const ledger = handLedger(
      problem(true).timeline as Timeline,
      [...naive].map(([id, goLive]) => ({ ...byId(id), goLive })),
    );
    expect(ledger.cashOk).toBe(false);
    expectApprox(ledger.cumulativeDrawn.slice(0, 7), [2, 6, 10, 14, 18, 22, 24], { abs: 1e-9 });
    expectApprox([ledger.peakNeedBn, ledger.peakNeedMonth], [22, 5], { abs: 1e-9 });
    // The independent verifier agrees, and names the first month short.
    const p = problem(true);
    const plan = planOf(p.timeline as Timeline, [...naive.keys()].map(byId), naive);
    const v = verifySelection(p, [...naive.keys()].map(asSiteId), plan);
    expect(v.ok).toBe(false);
    expect(v.violations.join(" | ")).toContain("by 2026-04 capex drawn is $14.00B but equity and tranches are $12.00B: $2.00B short");
  });

  it("without the cash rule the optimum is that plan (both engines)", async () => {
    const expected = enumerateOptimum(problem(false));
    expect(expected.status === "optimal" && expected.optimalPlans).toBe(1);
    for (const solver of ["highs", "jsLPSolver"] as const) {
      const result = await optimize(problem(false, solver));
      if (!isSolved(result) || result.plan === null) throw new Error(`${solver}: expected a plan, got ${result.status}`);
      expect(result.status, solver).toBe("optimal");
      expect(
        result.plan.sites.map((s) => [s.siteId, label(s.goLiveMonth)]),
        solver,
      ).toEqual([
        ["A", "2026-07"],
        ["B", "2026-08"],
        ["C", "2027-02"],
      ]);
      expectApprox(result.objective, 257.5, { abs: 1e-9 });
      expectApprox(result.plan.ledger.peakEquityBn, 22, { abs: 1e-9 });
    }
  });

  it("with the cash rule: D, A, B, with B held back to 2026-10 and $12B of equity needed from 2026-03 (both engines)", async () => {
    const expected = enumerateOptimum(problem(true));
    if (expected.status !== "optimal") throw new Error("the hand instance has a plan");
    expect(expected.optimalPlans).toBe(1);
    expectApprox(expected.objective, 228.3, { abs: 1e-9 });
    for (const solver of ["highs", "jsLPSolver"] as const) {
      const result = await optimize(problem(true, solver));
      if (!isSolved(result) || result.plan === null) throw new Error(`${solver}: expected a plan, got ${result.status}`);
      expect(result.status, solver).toBe("optimal");
      expect(
        result.plan.sites.map((s) => ({
          slot: s.slot,
          site: s.siteId,
          ready: label(s.readyMonth),
          goLive: label(s.goLiveMonth),
          heldBack: s.heldBackMonths,
          start: label(s.constructionStartMonth),
        })),
        solver,
      ).toEqual([
        { slot: 1, site: "D", ready: "2026-04", goLive: "2026-04", heldBack: 0, start: "2026-01" },
        { slot: 2, site: "A", ready: "2026-07", goLive: "2026-07", heldBack: 0, start: "2026-01" },
        { slot: 3, site: "B", ready: "2026-08", goLive: "2026-10", heldBack: 2, start: "2026-04" },
      ]);
      expectApprox(result.objective, 228.3, { abs: 1e-9 });
      const ledger = result.plan.ledger;
      expectApprox([ledger.peakEquityBn, ledger.peakEquityMonth], [12, 2], { abs: 1e-9 });
      // Headroom lands exactly on zero in 2026-03 and 2026-06, and never below.
      expectApprox(ledger.months.map((m) => m.headroomBn).slice(0, 10), [8, 4, 0, 8, 4, 0, 10, 8, 6, 18], { abs: 1e-9 });
      expect(oldSlotRulePasses(problem(true), new Map(result.plan.sites.map((s) => [s.siteId, s.goLiveMonth])))).toBe(true);
    }
  });
});
