import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { firstMonthOnOrAfter, milestoneMonth, monthLabel, monthStartDate } from "../../src/schedule/calendar.ts";
import { dayOf } from "../../src/schedule/dates.ts";
import { cumulativeDrawShare, drawShare, drawnByMonth, monthlyDraw } from "../../src/schedule/draws.ts";
import { drawnThrough, minHeadroomDuring, planOf } from "../../src/schedule/ledger.ts";
import { expectApprox } from "../helpers/approx.ts";
import { drawnBy, handLedger, MONEY_TOLERANCE, staticFeasible, timingFeasible } from "../optimize/enumerate.ts";
import { randomMix, randomProblem } from "../optimize/generate.ts";

describe("calendar", () => {
  const calendar = { startDate: "2026-01-15", months: 48 };
  it("labels months and their first days across year ends", () => {
    expect([0, 11, 12, 23, 47].map((m) => monthLabel(calendar, m))).toEqual(["2026-01", "2026-12", "2027-01", "2027-12", "2029-12"]);
    expect(monthStartDate(calendar, 13)).toBe("2027-02-01");
  });
  it("a site ready mid-month goes live the next month; on the first, that month", () => {
    expect(firstMonthOnOrAfter(calendar, dayOf("2026-03-01"))).toBe(2);
    expect(firstMonthOnOrAfter(calendar, dayOf("2026-03-02"))).toBe(3);
    expect(firstMonthOnOrAfter(calendar, dayOf("2025-11-20"))).toBe(-1);
  });
  it("a milestone's month is the last month whose first day is on or before it", () => {
    expect(milestoneMonth(calendar, "2026-12-31")).toBe(11);
    expect(milestoneMonth(calendar, "2027-01-01")).toBe(12);
  });
});

describe("draw profile", () => {
  it("shares add up to the capex, with the upfront share in the first build month", () => {
    const rng = seededRandom(11);
    for (let k = 0; k < 200; k++) {
      const u = rng.pick([0, 0.2, rng.next()]);
      const b = rng.int(1, 24);
      const shares = Array.from({ length: b }, (_, j) => drawShare({ upfrontShare: u }, b, j + 1));
      expectApprox(
        shares.reduce((s, v) => s + v, 0),
        1,
        { abs: 1e-12 },
      );
      expectApprox(shares[0], u + (1 - u) / b, { abs: 1e-12 });
      expect(drawShare({ upfrontShare: u }, b, 0) + drawShare({ upfrontShare: u }, b, b + 1)).toBe(0);
      for (let j = 0; j <= b + 1; j++)
        expectApprox(
          cumulativeDrawShare({ upfrontShare: u }, b, j),
          shares.slice(0, Math.max(0, j)).reduce((s, v) => s + v, 0),
          { abs: 1e-12 },
        );
    }
  });
  it("drawn by month t and drawn in month t match the hand formula, with pre-start draws in month 0", () => {
    const rng = seededRandom(12);
    for (let k = 0; k < 300; k++) {
      const u = rng.pick([0, 0.2, rng.next()]);
      const b = rng.int(1, 18);
      const capex = rng.uniform(1, 20);
      const m = rng.int(0, 30);
      let sum = 0;
      for (let t = 0; t <= 32; t++) {
        expectApprox(drawnByMonth({ upfrontShare: u }, capex, b, m, t), drawnBy(capex, b, u, m, t), { abs: 1e-9 });
        sum += monthlyDraw({ upfrontShare: u }, capex, b, m, t);
        expectApprox(sum, drawnBy(capex, b, u, m, t), { abs: 1e-9 });
        // Nothing is drawn from the go-live month on (month 0 also takes what fell before it).
        if (t >= m && m > 0) expect(monthlyDraw({ upfrontShare: u }, capex, b, m, t)).toBe(0);
      }
    }
  });
});

/** A random dated plan of a generated problem (any months in the sites' domains; may break rules). */
function randomPlan(seed: number): { problem: OptimizationProblem; chosen: Candidate[]; goLive: Map<string, number> } | null {
  const rng = seededRandom(seed);
  const problem = randomProblem(rng, randomMix(rng, { sites: [4, 8], pick: [2, 4], months: [6, 20] }, "maxScore", rng.next() < 0.8));
  const timeline = problem.timeline as Timeline;
  const eligible = problem.candidates.filter((c) => c.readyMonth !== null && Math.max(0, c.readyMonth) < timeline.calendar.months);
  if (eligible.length < problem.sitesToSelect) return null;
  const chosen = [...eligible].sort(() => rng.next() - 0.5).slice(0, problem.sitesToSelect);
  const goLive = new Map(chosen.map((c) => [c.siteId as string, rng.int(Math.max(0, c.readyMonth as number), timeline.calendar.months - 1)]));
  return { problem, chosen, goLive };
}

describe("the plan's ledger (src/schedule/ledger.ts) against the hand ledger", () => {
  it("draws, releases, sites live, peak equity and headroom agree month by month on 300 random plans", () => {
    let compared = 0;
    for (let seed = 1; seed <= 320 && compared < 300; seed++) {
      const drawn = randomPlan(seed);
      if (drawn === null) continue;
      compared++;
      const { problem, chosen, goLive } = drawn;
      const timeline = problem.timeline as Timeline;
      const plan = planOf(timeline, chosen, goLive);
      const hand = handLedger(
        timeline,
        chosen.map((c) => ({ capexBn: c.capexBn, buildMonths: c.buildMonths, goLive: goLive.get(c.siteId) as number })),
      );
      const months = plan.ledger.months;
      expect(months.map((m) => m.month)).toEqual(hand.cumulativeDrawn.map((_, t) => t));
      expectApprox(
        months.map((m) => m.cumulativeDrawnBn),
        hand.cumulativeDrawn,
        { abs: 1e-9 },
      );
      expectApprox(
        months.map((m) => m.cumulativeReleasedBn),
        hand.cumulativeReleased,
        { abs: 1e-9 },
      );
      expect(months.map((m) => m.sitesLive)).toEqual(hand.sitesLive);
      expectApprox(plan.ledger.peakEquityBn, hand.peakNeedBn, { abs: 1e-9 });
      // The peak's month: one where the hand ledger's need is the peak (equal needs differ by float noise).
      const need = (t: number): number => hand.need[t] as number;
      if (hand.peakNeedBn > 0) expectApprox(need(plan.ledger.peakEquityMonth), hand.peakNeedBn, { abs: 1e-9 });
      const bridge = timeline.cash.bridge;
      const expectedBridge = hand.need.map((n) => (bridge === null ? 0 : Math.min(bridge.limitBn, Math.max(0, n - timeline.cash.equityBn))));
      expectApprox(
        months.map((m) => m.bridgeBn),
        expectedBridge,
        { abs: 1e-9 },
      );
      expectApprox(
        months.map((m) => m.headroomBn),
        hand.need.map((n, t) => timeline.cash.equityBn + (expectedBridge[t] as number) - n),
        { abs: 1e-9 },
      );
      const headrooms = months.map((m) => m.headroomBn);
      expectApprox(plan.ledger.minHeadroomBn, Math.min(...headrooms), { abs: 1e-12 });
      expect(plan.ledger.tightestMonth).toBe(headrooms.indexOf(Math.min(...headrooms)));
      expectApprox(
        plan.ledger.bridgeBnMonths,
        expectedBridge.reduce((s, v) => s + v, 0),
        { abs: 1e-9 },
      );
      // Per-site draws add up to each month's draw, and to each site's capex over the plan.
      for (const m of months)
        expectApprox(
          plan.ledger.siteFlows.filter((d) => d.month === m.month).reduce((s, d) => s + d.drawnBn, 0),
          m.drawnBn,
          { abs: 1e-9 },
        );
      for (const c of chosen)
        expectApprox(
          plan.ledger.siteFlows.filter((d) => d.siteId === c.siteId).reduce((s, d) => s + d.drawnBn, 0),
          drawnBy(c.capexBn, c.buildMonths, timeline.draw.upfrontShare, goLive.get(c.siteId) as number, timeline.calendar.months - 1),
          { abs: 1e-9 },
        );
      // Slots in go-live order, ties by id; the helpers read the same ledger.
      const order = [...chosen].sort((a, b) => (goLive.get(a.siteId) as number) - (goLive.get(b.siteId) as number) || (a.siteId < b.siteId ? -1 : 1));
      expect(plan.sites.map((s) => s.siteId)).toEqual(order.map((c) => c.siteId));
      expect(plan.sites.map((s) => s.slot)).toEqual(order.map((_, k) => k + 1));
      for (const s of plan.sites) {
        const ready = (chosen.find((c) => c.siteId === s.siteId) as Candidate).readyMonth as number;
        expect(s.readyMonth).toBe(ready);
        if (ready >= 0) expect(s.heldBackMonths).toBe(s.goLiveMonth - ready);
        expectApprox(drawnThrough(plan.ledger, s.goLiveMonth), hand.cumulativeDrawn[Math.min(s.goLiveMonth, timeline.calendar.months - 1)], { abs: 1e-9 });
        const during = headrooms.slice(Math.max(0, s.constructionStartMonth), s.goLiveMonth + 1);
        expectApprox(minHeadroomDuring(plan.ledger, s), Math.min(...during), { abs: 1e-12 });
      }
      for (const m of plan.milestones) expect(m.sitesLive).toBe([...goLive.values()].filter((g) => g <= m.month).length);
    }
    expect(compared).toBe(300);
  });

  it("a site ready before the start that goes live in month 0 is not held back", () => {
    // An energized site (earliest_online_date before the start) can go live in month 0 at the
    // earliest; the plan holds it back only for the months after that.
    const timeline: Timeline = {
      calendar: { startDate: "2026-01-01", months: 12 },
      milestones: [
        { index: 1, date: "2026-12-01", month: 11 },
        { index: 2, date: "2026-12-01", month: 11 },
      ],
      draw: { upfrontShare: 0 },
      cash: { equityBn: 10, trancheBn: 5, trancheCount: 2, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
      stack: PLAIN_STACK,
      cashRuleEnforced: false,
      zoneLimits: [],
    };
    const site = (id: string, readyMonth: number): Candidate => ({
      siteId: id as Candidate["siteId"],
      lat: 0,
      lon: 0,
      region: "R",
      gridZone: "Z",
      score: 50,
      capexBn: 5,
      annualCostBn: 1,
      energyBnPerYear: 0.5,
      readyMonth,
      buildMonths: 6,
      lockedIn: false,
    });
    const plan = planOf(
      timeline,
      [site("A", -12), site("B", -3)],
      new Map([
        ["A", 0],
        ["B", 4],
      ]),
    );
    expect(plan.sites.map((s) => [s.siteId, s.readyMonth, s.goLiveMonth, s.heldBackMonths])).toEqual([
      ["A", -12, 0, 0],
      ["B", -3, 4, 4],
    ]);
  });

  it("the verifier accepts a random plan exactly when the hand rules do", () => {
    let accepted = 0;
    let rejected = 0;
    let cashRejected = 0;
    for (let seed = 1001; seed <= 1400; seed++) {
      const drawn = randomPlan(seed);
      if (drawn === null) continue;
      const { problem, chosen, goLive } = drawn;
      const timeline = problem.timeline as Timeline;
      const hand = handLedger(
        timeline,
        chosen.map((c) => ({ capexBn: c.capexBn, buildMonths: c.buildMonths, goLive: goLive.get(c.siteId) as number })),
      );
      const ok = staticFeasible(problem, chosen) && timingFeasible(timeline, chosen, goLive) && hand.cashOk;
      const plan = planOf(timeline, chosen, goLive);
      const v = verifySelection(
        problem,
        plan.sites.map((s) => s.siteId),
        plan,
      );
      expect(v.ok, `seed ${seed}: ${v.violations.join("; ")}`).toBe(ok);
      if (ok) accepted++;
      else rejected++;
      if (!hand.cashOk && staticFeasible(problem, chosen) && timingFeasible(timeline, chosen, goLive)) {
        cashRejected++;
        expect(v.violations.some((text) => /(capex drawn is|the uses debt does not fund come to) .* short/.test(text))).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(50);
    expect(cashRejected).toBeGreaterThan(10);
    expect(MONEY_TOLERANCE).toBe(1e-6);
  });
});
