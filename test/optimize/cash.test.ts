import { describe, expect, it } from "vitest";
import { dayOf } from "../../src/schedule/dates.ts";
import { assignSlots } from "../../src/schedule/cash.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { asSiteId } from "../../src/sites/types.ts";
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import { expectApprox } from "../helpers/approx.ts";
import { enumerateOptimum } from "./enumerate.ts";

function site(id: string, score: number, capexBn: number, online: string | null, lon: number): Candidate {
  return {
    siteId: asSiteId(id),
    lat: 40,
    lon,
    region: "R",
    gridZone: "Z",
    score,
    capexBn,
    annualCostBn: 1,
    onlineDay: online === null ? null : dayOf(online),
    lockedIn: false,
  };
}

// Eight sites, pick three. Slots close 2027-01-31, 2027-07-31 and 2028-01-31; equity $10B and
// two $10B tranches make $10B, $20B and $30B available by slots 1, 2 and 3.
const sites = [
  site("S1", 90, 12, "2026-12-01", -100),
  site("S2", 88, 11, "2026-12-01", -99),
  site("S3", 85, 9, "2027-01-15", -98),
  site("S4", 80, 8, "2027-06-01", -97),
  site("S5", 78, 7.5, "2027-12-01", -96),
  site("S6", 70, 6, "2026-11-01", -95),
  site("S7", 60, 5, "2028-06-01", -94),
  site("S8", 50, 14, "2026-10-01", -93),
];
const slotDates = ["2027-01-31", "2027-07-31", "2028-01-31"];
const base: OptimizationProblem = {
  candidates: sites,
  sitesToSelect: 3,
  budgetBn: 100,
  regionCaps: new Map(),
  gridZoneCaps: new Map(),
  minSpacingKm: 0,
  slots: slotDates.map((date, k) => ({ slot: k + 1, date, day: dayOf(date) })),
  cash: null,
  objective: { kind: "maxScore", earlyPowerPointsPerMonth: 0 },
  timeLimitMs: 10_000,
  solver: "jsLPSolver",
};
const withCash: OptimizationProblem = { ...base, cash: { equityBn: 10, trancheBn: 10, trancheCount: 2 } };

describe("the cash rule on a hand-made instance", () => {
  it("without the cash rule picks the three best sites S1, S2, S3 (score 263, capex $32B)", () => {
    const result = optimize(base);
    expect(result.status).toBe("optimal");
    if (result.status !== "optimal") return;
    expect([...result.selected].sort()).toEqual(["S1", "S2", "S3"]);
    expectApprox(result.objective, 263);
  });

  it("with it, S1 + S2 + S3 ($32B) no longer fits the $30B reachable by slot 3; S1, S3, S4 (255) does", () => {
    const result = optimize(withCash);
    expect(result.status).toBe("optimal");
    if (result.status !== "optimal") return;
    expectApprox(result.objective, 255);
    // Cheapest eligible site first: S3 ($9B of $10B), S4 (cumulative $17B of $20B), S1 ($29B of $30B).
    expect(result.schedule?.map((e) => [e.slot, e.siteId, e.capexBn, e.cumulativeCapexBn, e.cashAvailableBn])).toEqual([
      [1, "S3", 9, 9, 10],
      [2, "S4", 8, 17, 20],
      [3, "S1", 12, 29, 30],
    ]);
    expect(result.selected).toEqual(["S3", "S4", "S1"]);
    expect(verifySelection(withCash, result.selected, result.schedule).ok).toBe(true);
    const reference = enumerateOptimum(withCash);
    expect(reference.status).toBe("optimal");
    if (reference.status === "optimal") expectApprox(reference.objective, 255);
  });

  it("the verifier rejects the cash-off answer under the cash rule, naming the short prefix", () => {
    const result = optimize(base);
    if (result.status !== "optimal") throw new Error("expected optimal");
    const verification = verifySelection(withCash, result.selected, result.schedule);
    expect(verification.ok).toBe(false);
    expect(verification.violations.join("; ")).toMatch(/slots 1–\d need \$\d+\.\dB of capex/);
  });
});

describe("assignSlots", () => {
  const slots = withCash.slots ?? [];
  it("puts the cheapest ready site first and reports the first slot short of cash", () => {
    const set = [sites[0], sites[1], sites[2]] as Candidate[];
    const outcome = assignSlots(set, slots, withCash.cash);
    expect(outcome).toEqual({ status: "cash_short", slot: 3, cumulativeCapexBn: 32, availableBn: 30 });
    expect(assignSlots(set, slots, null)).toEqual({ status: "assigned", siteBySlot: [2, 1, 0] });
  });

  it("reports a slot no remaining site can reach, and a count mismatch", () => {
    const late = [sites[6], sites[0], sites[1]] as Candidate[];
    expect(assignSlots(late, slots, null)).toEqual({ status: "not_ready", slot: 3 });
    expect(assignSlots([sites[0] as Candidate], slots, null)).toEqual({ status: "count_mismatch", sites: 1, slots: 3 });
  });
});
