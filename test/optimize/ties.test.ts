import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { isSolved, type Candidate, type Engine, type OptimizationProblem } from "../../src/optimize/types.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { disagreements } from "./compare.ts";
import { enumerateOptimum, handLedger } from "./enumerate.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";
import { handProblem, handSite } from "./handmade.ts";
import { referenceHighs, solveReference } from "./reference.ts";

/**
 * Plans that land exactly on a money limit: in decimal arithmetic the cash headroom (or the
 * budget left) is zero in some month, while in floating point the limit comes out a few ulps
 * below what is drawn (15 − 8.05 = 6.949999999999999 against a $6.95B site; 3 + 3 + 2.12 =
 * 8.120000000000001 against $8.12B). A plan on its limit is feasible: both engines must find
 * it, and agree with the plain HiGHS model and the enumeration.
 */
const ENGINES: readonly Engine[] = ["highs", "jsLPSolver"];

function site(id: string, capexBn: number, score: number, lon: number): Candidate {
  return handSite(id, { capexBn, score, lon, readyMonth: 2 });
}

/** Three sites that must all go live in month 2 (built in month 1, nothing released before). */
function allAtOnce(sites: readonly Candidate[], equityBn: number, budgetBn: number, cashRule: boolean): OptimizationProblem {
  const timeline: Timeline = {
    calendar: { startDate: "2026-01-01", months: 3 },
    milestones: [1, 2, 3].map((index) => ({ index, date: "2026-03-01", month: 2 })),
    draw: { upfrontShare: 0 },
    cash: { equityBn, trancheBn: 5, trancheCount: 3, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
    stack: PLAIN_STACK,
    cashRuleEnforced: cashRule,
    zoneLimits: [],
  };
  return handProblem(sites, timeline, { budgetBn });
}

async function expectPlan(problem: OptimizationProblem, ids: readonly string[], objective: number): Promise<void> {
  const expected = enumerateOptimum(problem);
  expect(expected.status).toBe("optimal");
  if (expected.status === "optimal") expect([...expected.best.ids].sort()).toEqual([...ids].sort());
  const reference = await solveReference(problem);
  expect(reference.status).toBe("optimal");
  if (reference.status === "optimal") expectApprox(reference.objective, objective, { abs: 1e-9 });
  for (const solver of ENGINES) {
    const result = await optimize({ ...problem, solver });
    if (!isSolved(result)) throw new Error(`${solver}: ${result.status} for a plan exactly on its limit`);
    expect(result.status, solver).toBe("optimal");
    expect([...result.selected].sort(), solver).toEqual([...ids].sort());
    expectApprox(result.objective, objective, { abs: 1e-9 });
  }
}

describe("money exactly on its limit is feasible", () => {
  beforeAll(async () => {
    await referenceHighs();
  });

  // X, Y, Z (3 + 3 + 2.12, scores 90, 80, 70) against W (2.11, score 10): W fits with room to spare.
  const sites = [site("X", 3, 90, -100), site("Y", 3, 80, -99), site("Z", 2.12, 70, -98), site("W", 2.11, 10, -97)];
  it("floating point really puts the sums above the limits", () => {
    expect(3 + 3 + 2.12).toBeGreaterThan(8.12);
    expect(15 - 8.05).toBeLessThan(6.95);
    expect(16.51 - 7.98 - 8.53).not.toBe(0);
  });

  it("cash: $8.12B drawn in one month against $8.12B of equity", async () => {
    await expectPlan(allAtOnce(sites, 8.12, 100, true), ["X", "Y", "Z"], 240);
  });

  it("budget: $8.12B of capex against an $8.12B budget", async () => {
    await expectPlan(allAtOnce(sites, 100, 8.12, false), ["X", "Y", "Z"], 240);
  });

  it("cash headroom from a subtraction: a $6.95B site against 15 − 8.05 of equity", async () => {
    const candidates = [site("X", 6.95, 90, -100), site("Y", 1, 50, -99), site("Z", 1, 40, -98), site("W", 6.94, 10, -97)];
    const p = allAtOnce(candidates, 15 - 8.05, 100, true);
    // One site to go live by 2026-03: X alone is drawn before any tranche, on the limit.
    const one = { ...p, sitesToSelect: 1, timeline: { ...(p.timeline as Timeline), milestones: [{ index: 1, date: "2026-03-01", month: 2 }] } };
    await expectPlan(one, ["X"], 90);
  });

  it("the issue's figures: $16.51B of equity, a $7.98B and an $8.53B site built side by side", async () => {
    const candidates = [site("P", 7.98, 90, -100), site("Q", 8.53, 80, -99), site("R", 8.52, 10, -98)];
    const p = allAtOnce(candidates, 16.51, 100, true);
    const two = {
      ...p,
      sitesToSelect: 2,
      timeline: { ...(p.timeline as Timeline), milestones: [1, 2].map((index) => ({ index, date: "2026-03-01", month: 2 })) },
    };
    await expectPlan(two, ["P", "Q"], 170);
    // And after P's tranche: Q goes live a month later on 16.51 − 7.98 of headroom plus the tranche.
    const later: OptimizationProblem = {
      ...two,
      timeline: {
        ...(two.timeline as Timeline),
        calendar: { startDate: "2026-01-01", months: 4 },
        milestones: [
          { index: 1, date: "2026-03-01", month: 2 },
          { index: 2, date: "2026-04-01", month: 3 },
        ],
        cash: { equityBn: 16.51 - 7.98, trancheBn: 7.98, trancheCount: 2, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
      },
      candidates: candidates.map((c) => (c.siteId === "Q" ? { ...c, readyMonth: 3 } : c)),
    };
    await expectPlan(later, ["P", "Q"], 170);
  });

  it("seeded instances whose best plan lands exactly on the equity (and budget) limit", async () => {
    const failures: string[] = [];
    let onLimit = 0;
    let strictlyAbove = 0;
    for (let seed = 1; onLimit < 24 && seed < 300; seed++) {
      const rng = seededRandom(90_000 + seed);
      const objective = OBJECTIVE_KINDS[seed % OBJECTIVE_KINDS.length] ?? "maxScore";
      const random = randomProblem(rng, randomMix(rng, { sites: [5, 7], pick: [2, 3], months: [6, 12] }, objective, true));
      const timeline = random.timeline as Timeline;
      // Whole-cent capex drawn in one month, whole-cent tranches: every ledger figure is a decimal of cents.
      const base: OptimizationProblem = {
        ...random,
        candidates: random.candidates.map((c) => ({ ...c, buildMonths: 1 })),
        timeline: { ...timeline, draw: { upfrontShare: 0 }, cash: { ...timeline.cash, bridge: null, trancheUses: "any", signingMonth: null } },
        timeLimitMs: 20_000,
      };
      const free = enumerateOptimum(base, { ignoreCash: true });
      if (free.status !== "optimal") continue;
      const chosen = base.candidates.filter((c) => free.best.ids.includes(c.siteId));
      const ledger = handLedger(
        base.timeline as Timeline,
        chosen.map((c) => ({ capexBn: c.capexBn, buildMonths: c.buildMonths, goLive: free.best.goLive.get(c.siteId) as number })),
      );
      const cents = Math.round(ledger.peakNeedBn * 100);
      if (cents <= 0) continue;
      // The limit as a difference of two cent amounts, chosen to land a few ulps below the peak.
      let equityBn = cents / 100;
      for (let offset = 1; offset < 2000; offset++) {
        const candidate = (cents + offset) / 100 - offset / 100;
        if (candidate < ledger.peakNeedBn) {
          equityBn = candidate;
          break;
        }
      }
      if (equityBn < ledger.peakNeedBn) strictlyAbove++;
      const capex = chosen.reduce((s, c) => s + c.capexBn, 0);
      const budgetCents = Math.round(capex * 100);
      const budgetBn = seed % 2 === 0 ? (budgetCents + 737) / 100 - 7.37 : base.budgetBn;
      const problem: OptimizationProblem = {
        ...base,
        budgetBn,
        timeline: { ...(base.timeline as Timeline), cash: { ...(base.timeline as Timeline).cash, equityBn } },
      };
      onLimit++;
      const expected = enumerateOptimum(problem);
      if (expected.status !== "optimal") {
        failures.push(`seed ${seed}: the hand enumeration lost the plan on the limit`);
        continue;
      }
      expectApprox(expected.objective, free.objective, { rel: 1e-9, abs: 1e-9 });
      const reference = await solveReference(problem);
      if (reference.status !== "optimal") failures.push(`seed ${seed}: reference ${reference.status}`);
      else if (Math.abs(reference.objective - expected.objective) > 1e-6 * Math.max(1, Math.abs(expected.objective)))
        failures.push(`seed ${seed}: reference ${reference.objective} vs enumeration ${expected.objective}`);
      for (const solver of ENGINES) {
        const result = await optimize({ ...problem, solver });
        for (const d of disagreements(problem, result, expected)) failures.push(`seed ${seed} ${solver}: ${d}`);
      }
    }
    expect(failures).toEqual([]);
    expect(onLimit).toBe(24);
    expect(strictlyAbove).toBeGreaterThanOrEqual(8);
  }, 180_000);
});
