import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { cashShortfallReason, diagnose } from "../../src/optimize/diagnose.ts";
import { loadHighs, optimize } from "../../src/optimize/solve.ts";
import { isSolved, type Candidate, type Engine, type OptimizationProblem, type OptimizeResult } from "../../src/optimize/types.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { planOf } from "../../src/schedule/ledger.ts";
import { asSiteId } from "../../src/sites/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { haversineKm, leastEquity } from "./enumerate.ts";
import { handProblem, handSite } from "./handmade.ts";

/**
 * Every infeasibility message (src/optimize/diagnose.ts and the least-equity message solve.ts
 * builds), each triggered by a crafted problem, with its figures written out.
 *
 * The base: six sites 5° of longitude apart along 40° N (≈ 426 km), capex $10B, build 6 months,
 * ready 2026-07 (month 6), scores 80, 79, …; three to pick; milestones 2027-01-01, 2027-06-01,
 * 2027-12-01 (months 12, 17, 23); no cash rule unless a case turns it on.
 */
function site(i: number, fields: Partial<Omit<Candidate, "siteId">> = {}): Candidate {
  return handSite(`S${i}`, { lat: 40, lon: -100 + i * 5, region: `R${i}`, gridZone: `Z${i}`, score: 80 - i, readyMonth: 6, buildMonths: 6, ...fields });
}

const MILESTONES = [
  { index: 1, date: "2027-01-01", month: 12 },
  { index: 2, date: "2027-06-01", month: 17 },
  { index: 3, date: "2027-12-01", month: 23 },
];

function timeline(fields: Partial<Timeline> = {}, cash: Partial<Timeline["cash"]> = {}): Timeline {
  return {
    calendar: { startDate: "2026-01-01", months: 24 },
    milestones: MILESTONES,
    draw: { upfrontShare: 0 },
    cash: { equityBn: 15, trancheBn: 10, trancheCount: 3, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null, ...cash },
    stack: PLAIN_STACK,
    cashRuleEnforced: false,
    zoneLimits: [],
    ...fields,
  };
}

function problem(fields: Partial<OptimizationProblem> = {}): OptimizationProblem {
  return handProblem(
    [0, 1, 2, 3, 4, 5].map((i) => site(i)),
    timeline(),
    { sitesToSelect: 3, ...fields },
  );
}

function reasonsOf(result: OptimizeResult): string[] {
  if (result.status !== "infeasible")
    throw new Error(`expected infeasible, got ${result.status}${result.status === "no_solution" ? `: ${result.message}` : ""}`);
  return [...result.reasons];
}

/** Both engines give the same reasons, each containing every expected text. */
async function expectReasons(p: OptimizationProblem, ...expected: string[]): Promise<void> {
  for (const solver of ["highs", "jsLPSolver"] as Engine[]) {
    const reasons = reasonsOf(await optimize({ ...p, solver }));
    for (const text of expected) expect(reasons.join(" | "), solver).toContain(text);
  }
}

const lockedAt = (...indices: number[]): Candidate[] => [0, 1, 2, 3, 4, 5].map((i) => site(i, { lockedIn: indices.includes(i) }));

describe("infeasibility in words, with figures from the data", () => {
  beforeAll(async () => {
    await loadHighs();
  });

  it("sites to select is not a whole number >= 1", async () => {
    await expectReasons(problem({ sitesToSelect: 0, timeline: null }), "the number of sites to select must be a whole number >= 1, found 0");
  });

  it("milestones do not match the sites to select", async () => {
    await expectReasons(
      problem({ timeline: timeline({ milestones: MILESTONES.slice(0, 2) }) }),
      "the model has 2 milestones for 3 sites: milestone k asks for k sites live",
    );
  });

  it("more sites locked in than are to be selected", async () => {
    await expectReasons(problem({ candidates: lockedAt(0, 1, 2, 3) }), "4 sites are locked in, but only 3 are to be selected");
  });

  it("a locked-in site without an online date", async () => {
    const candidates = lockedAt(1).map((c) => (c.siteId === "S1" ? { ...c, readyMonth: null } : c));
    await expectReasons(problem({ candidates }), "locked-in site S1 has no online date, so it cannot be in the plan");
  });

  it("a locked-in site ready after the last milestone", async () => {
    const candidates = lockedAt(1).map((c) => (c.siteId === "S1" ? { ...c, readyMonth: 26 } : c));
    await expectReasons(problem({ candidates }), "locked-in site S1 is ready 2028-03, after the last milestone (2027-12-01)");
  });

  it("locked-in sites closer than the spacing", async () => {
    const km = haversineKm(site(0), site(1));
    expect(km).toBeGreaterThan(400);
    expect(km).toBeLessThan(450);
    await expectReasons(
      problem({ candidates: lockedAt(0, 1), minSpacingKm: 500 }),
      `locked-in sites S0 and S1 are ${km.toFixed(1)} km apart, closer than the 500 km minimum`,
    );
  });

  it("locked-in sites above the budget", async () => {
    const candidates = lockedAt(0, 1).map((c) => (c.siteId === "S1" ? { ...c, capexBn: 15.25 } : c));
    await expectReasons(problem({ candidates, budgetBn: 25 }), "the locked-in sites alone cost $25.3B, above the $25.0B budget");
  });

  it("locked-in sites above a region cap and a grid-zone cap", async () => {
    const candidates = lockedAt(0, 1).map((c) => ({ ...c, region: c.lockedIn ? "West" : c.region, gridZone: c.lockedIn ? "ERCOT" : c.gridZone }));
    await expectReasons(
      problem({ candidates, regionCaps: new Map([["West", 1]]), gridZoneCaps: new Map([["ERCOT", 1]]) }),
      "2 locked-in sites are in region West, whose cap is 1",
      "2 locked-in sites are in grid zone ERCOT, whose cap is 1",
    );
  });

  it("no site can be live by the first milestone", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { readyMonth: 14 + i }));
    await expectReasons(problem({ candidates }), "no site can be live by milestone 1 (2027-01-01): the earliest is ready 2027-03 (S0)");
  });

  it("no site has an online date", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { readyMonth: null }));
    await expectReasons(
      problem({ candidates }),
      "no site can be live by milestone 1 (2027-01-01): no site has an online date",
      "only 0 candidate sites are eligible (ready by the last milestone), but 3 are needed",
    );
  });

  it("too few sites can be live by a later milestone", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { readyMonth: i === 0 ? 6 : 18 + i }));
    await expectReasons(problem({ candidates }), "only 1 sites can be live by milestone 2 (2027-06-01), but it needs 2");
  });

  it("the cheapest eligible site costs more than equity (and bridge)", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { capexBn: 9 + i }));
    // S0 costs $9B but is ready after the last milestone: the cheapest eligible is S1 at $10B.
    candidates[0] = { ...(candidates[0] as Candidate), readyMonth: 30 };
    await expectReasons(
      problem({ candidates, timeline: timeline({ cashRuleEnforced: true }, { equityBn: 8 }) }),
      "the first site to go live is paid for in full before any tranche is released: the cheapest eligible site (S1) costs $10.0B, but equity is $8.0B",
    );
    await expectReasons(
      problem({ candidates, timeline: timeline({ cashRuleEnforced: true }, { equityBn: 8, bridge: { limitBn: 1.5, monthlyRate: 0 } }) }),
      "the cheapest eligible site (S1) costs $10.0B, but equity is $8.0B and a $1.5B bridge",
    );
  });

  it("no false cash proof: a site already under construction goes live in month 0 with its tranche", async () => {
    // S0 was ready before the start: its whole $10B is counted in month 0, when its $5B tranche
    // (lag 0) is also released. The ledger needs $5B of equity in month 0, and there are $8B.
    const candidates = [site(0, { readyMonth: -1, buildMonths: 3 }), site(1, { readyMonth: 4 })];
    const p = problem({
      candidates,
      sitesToSelect: 1,
      timeline: timeline(
        { calendar: { startDate: "2026-01-01", months: 6 }, milestones: [{ index: 1, date: "2026-06-01", month: 5 }], cashRuleEnforced: true },
        { equityBn: 8, trancheBn: 5 },
      ),
    });
    const plan = planOf(p.timeline as Timeline, [candidates[0] as Candidate], new Map([["S0", 0]]));
    expectApprox(plan.ledger.peakEquityBn, 5, { abs: 1e-9 });
    expect(verifySelection(p, [asSiteId("S0")], plan).ok).toBe(true);
    for (const solver of ["highs", "jsLPSolver"] as Engine[]) {
      const result = await optimize({ ...p, solver });
      expect(result.status === "infeasible" ? result.reasons : result.status, solver).toBe("optimal");
      if (isSolved(result)) expect(result.plan?.sites.map((s) => [s.siteId, s.goLiveMonth])).toEqual([["S0", 0]]);
    }
  });

  it("the cheapest eligible sites exceed the budget, with and without locked-in sites", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { capexBn: 10 + i }));
    await expectReasons(problem({ candidates, budgetBn: 32.5 }), "the 3 cheapest eligible sites cost $33.0B, above the $32.5B budget");
    const locked = candidates.map((c) => (c.siteId === "S5" ? { ...c, lockedIn: true } : c));
    await expectReasons(
      problem({ candidates: locked, budgetBn: 35 }),
      "the 1 locked-in sites plus the 2 cheapest other eligible sites cost $36.0B, above the $35.0B budget",
    );
  });

  it("the best-scoring sites average below the minimum (minCost)", async () => {
    await expectReasons(
      problem({ objective: { kind: "minCost", minAverageScore: 90 } }),
      "the 3 best-scoring feasible sites average 79.0, below the required 90",
    );
  });

  it("fewer eligible sites than needed, with and without a timeline", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { readyMonth: i < 2 ? 6 : 40 }));
    await expectReasons(problem({ candidates }), "only 2 candidate sites are eligible (ready by the last milestone), but 3 are needed");
    await expectReasons(problem({ candidates: candidates.slice(0, 2), timeline: null }), "only 2 candidate sites are eligible, but 3 are needed");
  });

  it("region caps and grid-zone caps allow too few sites", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { region: i < 3 ? "North" : "South", gridZone: i % 2 === 0 ? "ZA" : "ZB" }));
    await expectReasons(
      problem({
        candidates,
        regionCaps: new Map([
          ["North", 1],
          ["South", 1],
        ]),
      }),
      "the region caps allow at most 2 of the eligible sites, but 3 are needed",
    );
    await expectReasons(
      problem({
        candidates,
        gridZoneCaps: new Map([
          ["ZA", 1],
          ["ZB", 1],
        ]),
      }),
      "the grid zone caps allow at most 2 of the eligible sites, but 3 are needed",
    );
  });

  it("the spacing splits the sites into too few groups (found after the solve)", async () => {
    // Two clusters of three sites, each within 100 km; the clusters ≈ 850 km apart.
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { lon: (i < 3 ? -100 : -90) + (i % 3) * 0.3 }));
    const text =
      "only 2 sites can be selected under the spacing (the eligible sites fall into 2 groups whose members are all closer than 300 km to each other)";
    expect(diagnose(problem({ candidates, minSpacingKm: 300 }), true).proven).toEqual([]);
    await expectReasons(problem({ candidates, minSpacingKm: 300 }), text);
    await expectReasons(problem({ candidates, minSpacingKm: 300, timeline: null }), text);
  });

  it("no single reason: the combination, with the greedy spacing hint", async () => {
    // Five sites on a pentagon of circumradius 300 km: neighbours 353 km apart, others 571 km.
    // At 450 km spacing the conflict graph is a 5-cycle: at most 2 sites, yet no clique proof.
    const candidates = Array.from({ length: 5 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 5;
      return site(i, { lat: 40 + (300 * Math.cos(angle)) / 111.2, lon: -100 + (300 * Math.sin(angle)) / (111.2 * Math.cos((40 * Math.PI) / 180)) });
    });
    for (let i = 0; i < 5; i++) {
      expect(haversineKm(candidates[i] as Candidate, candidates[(i + 1) % 5] as Candidate)).toBeLessThan(450);
      expect(haversineKm(candidates[i] as Candidate, candidates[(i + 2) % 5] as Candidate)).toBeGreaterThan(450);
    }
    await expectReasons(
      problem({ candidates, minSpacingKm: 450 }),
      "no single constraint explains it; the combination of constraints is infeasible (active: 3 sites, budget $100.0B, spacing 450 km, milestones)",
      "a greedy pick (cheapest first) finds only 2 sites pairwise 450 km apart within the caps (a lower bound on what is possible, not a proof)",
    );
  });

  it("zone limits by date and the cash rule are named in the combination", async () => {
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { gridZone: "ERCOT" }));
    const zoneLimits = [{ gridZone: "ERCOT", maxSites: 1, date: "2027-06-15", month: 17 }];
    await expectReasons(
      problem({ candidates, timeline: timeline({ zoneLimits, cashRuleEnforced: true }, { equityBn: 100 }) }),
      "no single constraint explains it; the combination of constraints is infeasible (active: 3 sites, budget $100.0B, milestones, monthly cash rule, zone limits by date)",
    );
  });

  describe("the cash rule, with the least equity for which a plan exists", () => {
    // Milestones 1, 2 and 3 sites live by 2026-07, 2026-08 and 2026-09: the three builds overlap.
    const fast = [
      { index: 1, date: "2026-07-01", month: 6 },
      { index: 2, date: "2026-08-01", month: 7 },
      { index: 3, date: "2026-09-01", month: 8 },
    ];
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { capexBn: 12 + i, readyMonth: 6 }));
    const tight = (cash: Partial<Timeline["cash"]>): OptimizationProblem =>
      problem({ candidates, timeline: timeline({ milestones: fast, calendar: { startDate: "2026-01-01", months: 9 }, cashRuleEnforced: true }, cash) });

    it("no gigawatt live yet: the shortfall and the least equity", async () => {
      // Cheapest plan: S0, S1, S2 at 2026-07, -08, -09: by 2026-06 drawn 12 + 13·5/6 + 14·4/6 = 32.17,
      // nothing released. The least-equity plan is that one: $32.2B needed.
      const p = tight({ equityBn: 15, trancheBn: 10 });
      const least = leastEquity(p) as number;
      expectApprox(least, 12 + (13 * 5) / 6 + (14 * 4) / 6, { abs: 1e-9 });
      for (const solver of ["highs", "jsLPSolver"] as Engine[]) {
        const result = await optimize({ ...p, solver });
        if (result.status !== "infeasible") throw new Error(`${solver}: expected infeasible, got ${result.status}`);
        expect(result.reasons, solver).toEqual([
          "by 2026-06 builds in progress have drawn $32.2B; equity is $15.0B and no gigawatt is live yet: $17.2B short, in the plan that needs the least equity. A plan exists from $32.2B of equity: raise equity, allow a bridge of at least $17.2B, or move milestones later",
        ]);
        expectApprox(result.leastEquityBn, least, { abs: 1e-6 });
      }
      // The least equity is exact: a plan exists there and not a cent below.
      expect((await optimize({ ...p, timeline: { ...(p.timeline as Timeline), cash: { ...(p.timeline as Timeline).cash, equityBn: least } } })).status).toBe(
        "optimal",
      );
      expect(
        (await optimize({ ...p, timeline: { ...(p.timeline as Timeline), cash: { ...(p.timeline as Timeline).cash, equityBn: least - 0.01 } } })).status,
      ).toBe("infeasible");
    });

    it("with a bridge, and with sites already live at the tightest month", async () => {
      // Tranches of $4B: the need peaks once sites are live, and the bridge covers $2B of it.
      const p = tight({ equityBn: 15, trancheBn: 4, bridge: { limitBn: 2, monthlyRate: 0 } });
      const least = leastEquity(p) as number;
      // S0, S1, S2 at 2026-07, -08, -09: by 2026-07 drawn 12 + 13 + 14·5/6 = 36.67, $4B released.
      expectApprox(least, 12 + 13 + (14 * 5) / 6 - 4 - 2, { abs: 1e-9 });
      for (const solver of ["highs", "jsLPSolver"] as Engine[]) {
        const result = await optimize({ ...p, solver });
        if (result.status !== "infeasible") throw new Error(`${solver}: expected infeasible, got ${result.status}`);
        expectApprox(result.leastEquityBn, least, { abs: 1e-6 });
        expect(result.reasons.join(" | "), solver).toContain(
          "by 2026-07 builds in progress have drawn $36.7B; equity is $15.0B and the bridge $2.0B and 1 GW are live and $4.0B of tranches released: $15.7B short",
        );
        const reason = result.reasons.join(" | ");
        expect(reason, solver).toContain("equity is $15.0B and the bridge $2.0B");
        expect(reason, solver).toContain(`A plan exists from $${least.toFixed(1)}B of equity`);
        // With equity staying at $15B, the bridge must cover the whole peak need beyond it:
        // least equity + the $2B the bridge already covers − $15B.
        expect(reason, solver).toContain(`allow a bridge of at least $${(least + 2 - 15).toFixed(1)}B`);
      }
    });

    it("the time-limited wording says what was not proven", () => {
      const p = tight({ equityBn: 15, trancheBn: 10 });
      const t = p.timeline as Timeline;
      const plan = planOf(
        t,
        candidates.slice(0, 3),
        new Map([
          ["S0", 6],
          ["S1", 7],
          ["S2", 8],
        ]),
      );
      // A proven lower bound above the equity: the bridge advice uses the proven figure only.
      expect(cashShortfallReason(t, plan.ledger, 32.17, 20)).toContain(
        "in the plan needing the least equity found within the time limit. A plan exists with $32.2B of equity; none exists below $20.0B (proven): raise equity by at least $5.0B, allow a bridge of at least $5.0B (a bridge of $17.2B would carry the plan found)",
      );
      // No proven figure beyond the equity given (the search stopped with a bound of 0): no "at least".
      const unproven = cashShortfallReason(t, plan.ledger, 32.17, 0);
      expect(unproven).toContain("how much less would do was not proven within the time limit (no plan exists with $15.0B)");
      expect(unproven).not.toContain("at least");
    });
  });
});
