import { distance } from "@turf/distance";
import { describe, expect, it } from "vitest";
import { explainNotSelected, runnersUp, whyNotSelected } from "../../src/analysis/runnersUp.ts";
import { generatedOutcome, fixtureModel, makeSite, outcomeWith, STAGED_MILESTONES, stagedScenario } from "../report-html/fixture.ts";

const { specs, sites, model, outcome } = stagedScenario();
const scoreOf = (id: string): number => outcome.ranked.find((s) => s.site.siteId === id)?.overall ?? Number.NaN;

describe("whyNotSelected", () => {
  it("stages the scenario as intended: C is the lowest-scoring selected site", () => {
    const selectedScores = ["A", "B", "C"].map(scoreOf);
    expect(Math.min(...selectedScores)).toBe(scoreOf("C"));
  });

  it("spacing: names the selected neighbour and the distance", () => {
    const km = Math.round(distance([-100.2, 32.3], [-100.0, 32.0], { units: "kilometers" }));
    expect(explainNotSelected(outcome, "D").kind).toBe("spacing");
    expect(whyNotSelected(outcome, "D")).toBe(`within ${km} km of A, selected (minimum spacing 100 km)`);
  });

  it("cap: says how full the region is", () => {
    expect(explainNotSelected(outcome, "E")).toEqual({ kind: "cap", message: "OK already has 1 of 1" });
  });

  it("budget: gives the overrun of swapping it for the lowest-scoring selected site", () => {
    const overBn = 8 + 8 + 12.9 - 26;
    const reason = explainNotSelected(outcome, "F");
    expect(reason.kind).toBe("budget");
    expect(reason.message).toContain(`exceed the budget by $${overBn.toFixed(2)}B`);
    expect(reason.message).toContain("C, the lowest-scoring selected site");
  });

  it("schedule: in the weakest site's place, the swap misses a milestone", () => {
    const reason = explainNotSelected(outcome, "G");
    expect(reason.kind).toBe("schedule");
    // G: max(20, 26) + 18 months from 2025-01-01 = 2028-09-01, so A alone is live by 2027-12-31.
    expect(reason.message).toBe(
      "ready 2028-09-01; swapping it for C, the lowest-scoring selected site, (live from 2028-09-01) leaves milestone 2 (2027-12-31) with 1 of 2 sites live",
    );
  });

  it("a site ready after the last milestone is screened out, and says so", () => {
    const late = makeSite({ id: "L", lat: 45, lon: -70, region: "ME", permittingMonths: 30, timeToPowerMonths: 40 }, 30);
    const model = fixtureModel({ milestones: STAGED_MILESTONES, cashRule: false, optimization: { sites: 3, budgetBn: 26, caps: { perRegion: 1 } } });
    const withLate = outcomeWith([...sites, late], model, ["A", "B", "C"]);
    expect(explainNotSelected(withLate, "L").kind).toBe("screened_out");
    expect(whyNotSelected(withLate, "L")).toContain("too late to go live by the last milestone (2028-12-31)");
  });

  it("score: compares with the lowest selected score", () => {
    expect(explainNotSelected(outcome, "H")).toEqual({
      kind: "score",
      message: `scores ${scoreOf("H").toFixed(1)}, below the lowest selected ${scoreOf("C").toFixed(1)}`,
    });
  });

  it("selected, screened-out and unknown sites say so", () => {
    expect(explainNotSelected(outcome, "C").kind).toBe("selected");
    expect(whyNotSelected(outcome, "C")).toBe("selected for slot 1 (go-live 2026-05-01)");
    expect(whyNotSelected(outcome, "X")).toMatch(/^screened out: firm power below 1,200 MW \(1 GW of IT load × PUE 1\.2\)/);
    expect(explainNotSelected(outcome, "nope").kind).toBe("not_found");
  });

  it("without a selection there is nothing to compare with", () => {
    const infeasible = outcomeWith(sites, model, null);
    expect(explainNotSelected(infeasible, "H")).toEqual({ kind: "no_selection", message: "no selection to compare with: the run is infeasible" });
  });

  it("cash: a swap within budget that runs the monthly ledger short", () => {
    // Equity 15, tranches 10 at each go-live. A is held back to 2026-07 (month 18) so that the
    // plan itself is in credit. P ($17.5B, ready 2026-05 like C) in C's place builds over
    // 2025-05..2026-04 while A builds 2025-07..2026-06: by the end of 2026-04, P's $17.5B and
    // 10/12 of A's $8B are drawn against $15B of equity, before any tranche.
    const pricey = makeSite({ ...specs[5]!, id: "P", capexBn: 17.5 }, 20);
    const cashModel = fixtureModel({ milestones: STAGED_MILESTONES, cashRule: true, optimization: { sites: 3, budgetBn: 40, caps: { perRegion: 1 } } });
    const cashOutcome = outcomeWith([...sites, pricey], cashModel, ["A", "B", "C"], { A: 18 });
    expect(cashOutcome.verification?.ok).toBe(true);
    const reason = explainNotSelected(cashOutcome, "P");
    expect(reason.kind).toBe("cash");
    const drawn = 17.5 + (8 * 10) / 12;
    expect(reason.message).toBe(
      `swapping it for C, the lowest-scoring selected site, would run the plan $${(drawn - 15).toFixed(1)}B short in 2026-04: ` +
        `$${drawn.toFixed(1)}B drawn against $15.0B of equity, tranches released`,
    );
  });
});

describe("runnersUp", () => {
  const big = generatedOutcome(160, 11);
  const selected = new Set(big.result.status === "optimal" ? big.result.selected : []);

  it("lists the best unselected sites, best first, with a reason each", () => {
    const list = runnersUp(big, 25);
    expect(list).toHaveLength(25);
    for (const r of list) expect(selected.has(r.scored.site.siteId)).toBe(false);
    for (let i = 1; i < list.length; i++) {
      expect(list[i]!.rank).toBeGreaterThan(list[i - 1]!.rank);
      expect(list[i]!.scored.overall).toBeLessThanOrEqual(list[i - 1]!.scored.overall);
    }
    // No screened-in unselected site that outranks the last listed one is missing.
    const last = list.at(-1)!.rank;
    const expected = big.ranked
      .slice(0, last)
      .filter((s) => !selected.has(s.site.siteId))
      .map((s) => s.site.siteId);
    expect(list.map((r) => r.scored.site.siteId)).toEqual(expected);
    for (const r of list) expect(["schedule", "spacing", "cap", "budget", "cash", "score", "other"]).toContain(r.reason.kind);
  });

  it("stops at the number of unselected sites", () => {
    expect(
      runnersUp(outcome, 25)
        .map((r) => r.scored.site.siteId)
        .sort(),
    ).toEqual(["D", "E", "F", "G", "H"]);
  });
});

describe("whyNotSelected with locked-in sites", () => {
  it("swaps against the weakest site that is not locked in", () => {
    const { sites } = stagedScenario();
    const locked = fixtureModel({
      milestones: STAGED_MILESTONES,
      cashRule: false,
      optimization: { sites: 3, budgetBn: 26, caps: { perRegion: 1 }, lockedIn: ["C"] },
    });
    const lockedOutcome = outcomeWith(sites, locked, ["A", "B", "C"]);
    // C is the lowest-scoring site but locked in: H is now compared with B, the next weakest.
    const bScore = lockedOutcome.ranked.find((s) => s.site.siteId === "B")!.overall;
    const hScore = lockedOutcome.ranked.find((s) => s.site.siteId === "H")!.overall;
    expect(whyNotSelected(lockedOutcome, "H")).toBe(`scores ${hScore.toFixed(1)}, below the lowest selected site not locked in ${bScore.toFixed(1)}`);
  });
});
