import { describe, expect, it } from "vitest";
import { verifySelection } from "../../src/optimize/verify.ts";
import { planOf } from "../../src/schedule/ledger.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { handProblem, handSite } from "../optimize/handmade.ts";

/**
 * Three sites, $10B each, built over two months with even draws; contingency 10%; construction
 * debt at 50% of cost, pro rata, 12% a year (1% a month) capitalised; a held-back site costs
 * $0.1B a month; $5B tranches at each go-live; $12B of equity. A goes live in month 2 (ready 2),
 * C in month 4 (ready 4), B in month 5 although ready in month 3 (held back two months).
 *
 * One build, worked by hand: month 1 of the build costs 5 + 0.5 = 5.5, half from the loan (2.75);
 * month 2 costs 5 + 0.5 + 1% × 2.75 = 5.5275 of which the loan pays 2.76375. The pool (equity,
 * tranches) pays 2.75 then 2.76375 of each build, plus 0.1 in each of B's months 3 and 4.
 */
const timeline: Timeline = {
  calendar: { startDate: "2025-01-01", months: 8 },
  milestones: [
    { index: 1, date: "2025-08-01", month: 7 },
    { index: 2, date: "2025-08-01", month: 7 },
    { index: 3, date: "2025-08-01", month: 7 },
  ],
  draw: { upfrontShare: 0 },
  cash: { equityBn: 12, trancheBn: 5, trancheCount: 3, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
  stack: {
    contingencyShare: 0.1,
    debt: { loanToCost: 0.5, monthlyRate: 0.01, arrangementFeeShare: 0, draw: "proRata" },
    itCapex: null,
    holdCostBnPerMonth: 0.1,
  },
  cashRuleEnforced: true,
  zoneLimits: [],
};
const sites = [
  handSite("A", { readyMonth: 2, buildMonths: 2, capexBn: 10 }),
  handSite("B", { readyMonth: 3, buildMonths: 2, capexBn: 10 }),
  handSite("C", { readyMonth: 4, buildMonths: 2, capexBn: 10 }),
];
const goLive = new Map([
  ["A", 2],
  ["B", 5],
  ["C", 4],
]);

// The ledger written out month by month, by hand ($B).
const HAND = {
  facility: [5, 5, 5, 10, 5, 0, 0, 0],
  contingency: [0.5, 0.5, 0.5, 1, 0.5, 0, 0, 0],
  interest: [0, 0.0275, 0, 0.0275, 0.0275, 0, 0, 0],
  hold: [0, 0, 0, 0.1, 0.1, 0, 0, 0],
  debt: [2.75, 2.76375, 2.75, 2.76375 + 2.75, 2.76375, 0, 0, 0],
  released: [0, 0, 5, 0, 5, 5, 0, 0],
  equityDrawn: [2.75, 2.76375, 0, 3.36375, 0, 0, 0, 0],
  equityUsed: [2.75, 5.51375, 5.51375, 8.8775, 8.8775, 8.8775, 8.8775, 8.8775],
  cashHeld: [0, 0, 2.25, 0, 2.13625, 7.13625, 7.13625, 7.13625],
  headroom: [9.25, 6.48625, 8.73625, 3.1225, 5.25875, 10.25875, 10.25875, 10.25875],
  cumulativeDebt: [2.75, 5.51375, 8.26375, 13.7775, 16.54125, 16.54125, 16.54125, 16.54125],
};
const TOL = { abs: 1e-9 };

describe("a hand-built capital stack: debt, capitalised interest, contingency and a hold cost", () => {
  it("gigasite's ledger equals the ledger written out by hand, month by month", () => {
    const plan = planOf(timeline, sites, goLive);
    const m = plan.ledger.months;
    expectApprox(
      m.map((r) => r.drawnBn),
      HAND.facility,
      TOL,
    );
    expectApprox(
      m.map((r) => r.contingencyBn),
      HAND.contingency,
      TOL,
    );
    expectApprox(
      m.map((r) => r.interestBn),
      HAND.interest,
      TOL,
    );
    expectApprox(
      m.map((r) => r.holdBn),
      HAND.hold,
      TOL,
    );
    expectApprox(
      m.map((r) => r.debtBn),
      HAND.debt,
      TOL,
    );
    expectApprox(
      m.map((r) => r.releasedBn),
      HAND.released,
      TOL,
    );
    expectApprox(
      m.map((r) => r.equityDrawnBn),
      HAND.equityDrawn,
      TOL,
    );
    expectApprox(
      m.map((r) => r.equityUsedBn),
      HAND.equityUsed,
      TOL,
    );
    expectApprox(
      m.map((r) => r.cashHeldBn),
      HAND.cashHeld,
      TOL,
    );
    expectApprox(
      m.map((r) => r.headroomBn),
      HAND.headroom,
      TOL,
    );
    expectApprox(
      m.map((r) => r.cumulativeDebtBn),
      HAND.cumulativeDebt,
      TOL,
    );
    expectApprox(plan.ledger.peakEquityBn, 8.8775, TOL);
    expect(plan.ledger.peakEquityMonth).toBe(3);
    expect(plan.ledger.tightestMonth).toBe(3);
    // Every month re-adds: sources = uses + the change in cash held.
    m.forEach((r, t) => {
      const sources = r.equityDrawnBn + r.debtBn + r.releasedBn + r.bridgeDrawnBn;
      const uses = r.drawnBn + r.contingencyBn + r.feesBn + r.interestBn + r.itBn + r.holdBn + r.bridgeInterestBn + r.bridgeRepaidBn;
      expectApprox(sources, uses + r.cashHeldBn - (m[t - 1]?.cashHeldBn ?? 0), TOL);
    });
    // The loans fund half of cost: debt-to-cost 50%.
    const cost = m.reduce((s, r) => s + r.drawnBn + r.contingencyBn + r.feesBn + r.interestBn, 0);
    expectApprox((m.at(-1)?.cumulativeDebtBn ?? 0) / cost, 0.5, TOL);
  });

  it("the verifier recomputes the same ledger with its own code, and accepts the plan", () => {
    const problem = handProblem(sites, timeline, { budgetBn: 100 });
    const plan = planOf(timeline, sites, goLive);
    const v = verifySelection(
      problem,
      plan.sites.map((s) => s.siteId),
      plan,
    );
    expect(v.violations).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it("with $0.01B less equity than the peak need, the verifier names the month and the shortfall", () => {
    const tight: Timeline = { ...timeline, cash: { ...timeline.cash, equityBn: 8.8675 } };
    const problem = handProblem(sites, tight, { budgetBn: 100 });
    const plan = planOf(tight, sites, goLive);
    const v = verifySelection(
      problem,
      plan.sites.map((s) => s.siteId),
      plan,
    );
    expect(v.ok).toBe(false);
    expect(v.violations.join(" | ")).toContain("by 2025-04 the uses debt does not fund come to $13.88B but equity and tranches are $13.87B: $0.01B short");
    expect(plan.ledger.months[3]?.headroomBn).toBeLessThan(0);
  });

  it("a ledger the verifier did not compute is refused: one interest figure changed", () => {
    const problem = handProblem(sites, timeline, { budgetBn: 100 });
    const plan = planOf(timeline, sites, goLive);
    const months = plan.ledger.months.map((r, t) => (t === 3 ? { ...r, cumulativeDebtBn: r.cumulativeDebtBn + 0.01 } : r));
    const v = verifySelection(
      problem,
      plan.sites.map((s) => s.siteId),
      { ...plan, ledger: { ...plan.ledger, months } },
    );
    expect(v.violations.join(" | ")).toContain("does not match the recomputed sources and uses");
  });
});
