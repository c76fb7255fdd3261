import { beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "../../src/schedule/dates.ts";
import { loadHighs, optimize } from "../../src/optimize/solve.ts";
import { asSiteId } from "../../src/sites/types.ts";
import type { Candidate, OptimizationProblem, OptimizeResult } from "../../src/optimize/types.ts";

/** Site i sits i degrees east of the first, so spacing conflicts are easy to arrange. */
function site(i: number, fields: Partial<Omit<Candidate, "siteId">> = {}): Candidate {
  return {
    siteId: asSiteId(`S${i}`),
    lat: 40,
    lon: -100 + i * 5,
    region: "R",
    gridZone: "Z",
    score: 80 - i,
    capexBn: 10,
    annualCostBn: 1,
    onlineDay: dayOf("2026-09-01"),
    lockedIn: false,
    ...fields,
  };
}

const slotsAt = (...dates: string[]): OptimizationProblem["slots"] => dates.map((date, k) => ({ slot: k + 1, date, day: dayOf(date) }));

function problem(overrides: Partial<OptimizationProblem>): OptimizationProblem {
  return {
    candidates: [0, 1, 2, 3, 4, 5].map((i) => site(i)),
    sitesToSelect: 3,
    budgetBn: 100,
    regionCaps: new Map(),
    gridZoneCaps: new Map(),
    minSpacingKm: 0,
    slots: null,
    cash: null,
    objective: { kind: "maxScore", earlyPowerPointsPerMonth: 0 },
    timeLimitMs: 10_000,
    solver: "jsLPSolver",
    ...overrides,
  };
}

function reasonsOf(result: OptimizeResult): string {
  if (result.status !== "infeasible") throw new Error(`expected infeasible, got ${result.status}`);
  return result.reasons.join(" | ");
}

describe("infeasibility reasons in words, with figures from the data", () => {
  beforeAll(async () => {
    await loadHighs();
  });

  it("no site online by slot 1", () => {
    const candidates = [0, 1, 2, 3].map((i) => site(i, { onlineDay: dayOf("2027-03-14") + i }));
    const result = optimize(problem({ candidates, slots: slotsAt("2026-12-31", "2027-06-30", "2027-12-31") }));
    expect(reasonsOf(result)).toContain("no site can be online by slot 1 (2026-12-31): the earliest is 2027-03-14 (S0)");
  });

  it("cash short by a prefix of slots", () => {
    const candidates = [0, 1, 2, 3].map((i) => site(i, { capexBn: 10 + i / 2 }));
    const slots = slotsAt("2026-12-31", "2027-06-30", "2027-12-31");
    const result = optimize(problem({ candidates, slots, cash: { equityBn: 15, trancheBn: 5, trancheCount: 2 } }));
    // Cheapest possible: $10.0B + $10.5B = $20.5B by slot 2, but only 15 + 5 = $20.0B.
    expect(reasonsOf(result)).toContain("slots 1–2 need at least $20.5B of capex but only $20.0B of equity and tranches is available by then");
  });

  it("the cheapest sites exceed the budget", () => {
    const candidates = [0, 1, 2, 3].map((i) => site(i, { capexBn: 11 + i }));
    const result = optimize(problem({ candidates, budgetBn: 35 }));
    expect(reasonsOf(result)).toContain("the 3 cheapest eligible sites cost $36.0B, above the $35.0B budget");
  });

  it("spacing leaves too few sites, proven by a clique partition", () => {
    // Six sites within 60 km of each other in two clusters: at most 2 can be 300 km apart.
    const candidates = [0, 1, 2, 3, 4, 5].map((i) => site(i, { lon: (i < 3 ? -100 : -90) + i * 0.2 }));
    const result = optimize(problem({ candidates, minSpacingKm: 300 }));
    expect(reasonsOf(result)).toContain("only 2 sites can be selected under the spacing (at most 2 sites pairwise 300 km apart");
  });

  it("locked-in sites that conflict, or come too late", () => {
    const close = [site(0, { lockedIn: true }), site(1, { lockedIn: true, lon: -99.5 }), site(2), site(3)];
    expect(reasonsOf(optimize(problem({ candidates: close, minSpacingKm: 100 })))).toMatch(/locked-in sites S0 and S1 are 42\.\d km apart, closer than the 100 km minimum/);
    const late = [site(0, { lockedIn: true, onlineDay: dayOf("2029-01-01") }), site(1), site(2), site(3)];
    const result = optimize(problem({ candidates: late, slots: slotsAt("2027-01-01", "2027-06-30", "2028-06-30") }));
    expect(reasonsOf(result)).toContain("locked-in site S0 is online 2029-01-01, after the last slot (2028-06-30)");
  });

  it("minCost: even the best-scoring sites average below the requirement", () => {
    const candidates = [0, 1, 2, 3].map((i) => site(i, { score: 60 - i }));
    const result = optimize(problem({ candidates, objective: { kind: "minCost", minAverageScore: 60 } }));
    expect(reasonsOf(result)).toContain("the 3 best-scoring feasible sites average 59.0, below the required 60");
  });

  it("slot count different from the number of sites", () => {
    const result = optimize(problem({ slots: slotsAt("2027-01-01", "2027-06-30") }));
    expect(reasonsOf(result)).toContain("the model has 2 deployment slots for 3 sites");
  });

  it("no single reason: names the active constraint groups, and the solver confirmation", () => {
    // Budget and caps are each satisfiable alone, but the only affordable trio breaks a region cap.
    const candidates = [
      site(0, { capexBn: 5, region: "A" }),
      site(1, { capexBn: 5, region: "A" }),
      site(2, { capexBn: 5, region: "A" }),
      site(3, { capexBn: 30, region: "B" }),
      site(4, { capexBn: 30, region: "B" }),
    ];
    const result = optimize(problem({ candidates, budgetBn: 39, regionCaps: new Map([["A", 2]]) }));
    expect(reasonsOf(result)).toContain("the combination of constraints is infeasible (active: 3 sites, budget $39.0B, region caps)");
    if (result.status === "infeasible") expect(result.stats.infeasibleConfirmedBy).toBe("highs");
  });
});
