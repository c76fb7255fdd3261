import { describe, expect, it } from "vitest";
import { lognormalCdf, lognormalOf, normalCdf, Z90 } from "../../src/risk/distribution.ts";
import { evaluateSamples } from "../../src/risk/evaluate.ts";
import { summarizeRisk } from "../../src/risk/summary.ts";
import { planBase, powerSite, uncertainty } from "./fixtures.ts";

const SAMPLES = 20_000;
/** Four standard errors of a share estimated from SAMPLES draws. */
const tolerance = (p: number): number => 4 * Math.sqrt((p * (1 - p)) / SAMPLES) + 1e-9;

// A site with time to power P50 12, P90 18 and 6 build months is ready at start + ttp + 6 months.
// The milestone 2027-08-31 is month 19 (2027-08); July has 31 days, so ready by it ⟺ ttp + 6 <= 19.
const MILESTONE = "2027-08-31";
const siteA = powerSite("A", lognormalOf(12, 18));
const siteB = powerSite("B", lognormalOf(11, 16.5));
const pA = lognormalCdf(lognormalOf(12, 18), 13);
const pB = lognormalCdf(lognormalOf(11, 16.5), 13);

describe("delay-risk distributions", () => {
  it("map P50 and P90 onto the lognormal: median P50, 90th percentile P90", () => {
    const d = lognormalOf(12, 18);
    expect(d.sigma).toBeCloseTo(Math.log(1.5) / 1.2816, 4);
    expect(lognormalCdf(d, 12)).toBeCloseTo(0.5, 7);
    expect(lognormalCdf(d, 18)).toBeCloseTo(0.9, 6);
    expect(normalCdf(Z90)).toBeCloseTo(0.9, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
    expect(lognormalOf(12, 12).sigma).toBe(0);
  });

  it("one site: P(ready by the milestone) equals its CDF", () => {
    const base = planBase(uncertainty([siteA]), [MILESTONE]);
    const summary = summarizeRisk(base, [evaluateSamples(base, 0, SAMPLES)]);
    expect(pA).toBeGreaterThan(0.55);
    expect(pA).toBeLessThan(0.65);
    expect(Math.abs((summary.milestones[0]?.probabilityMet ?? -1) - pA)).toBeLessThan(tolerance(pA));
  });

  it("two independent sites: P(both ready) is the product of their CDFs", () => {
    const base = planBase(uncertainty([siteA, { ...siteB, region: 1, gridZone: 1 }], { all: 0, region: 0.5, gridZone: 0.5 }), [MILESTONE, MILESTONE]);
    const summary = summarizeRisk(base, [evaluateSamples(base, 0, SAMPLES)]);
    const both = pA * pB;
    expect(Math.abs((summary.milestones[1]?.probabilityMet ?? -1) - both)).toBeLessThan(tolerance(both));
    // ...and milestone 1 (either site) is 1 − (1 − pA)(1 − pB).
    const either = 1 - (1 - pA) * (1 - pB);
    expect(Math.abs((summary.milestones[0]?.probabilityMet ?? -1) - either)).toBeLessThan(tolerance(either));
  });

  it("fully correlated sites: P(both ready) is the smaller CDF, whichever factor carries the correlation", () => {
    const low = Math.min(pA, pB);
    expect(Math.abs(pA * pB - low)).toBeGreaterThan(10 * tolerance(low));
    for (const weights of [
      { all: 1, region: 0, gridZone: 0 },
      { all: 0, region: 1, gridZone: 0 },
      { all: 0.3, region: 0.3, gridZone: 0.4 },
    ]) {
      const base = planBase(uncertainty([siteA, siteB], weights), [MILESTONE, MILESTONE]);
      const summary = summarizeRisk(base, [evaluateSamples(base, 0, SAMPLES)]);
      expect(Math.abs((summary.milestones[1]?.probabilityMet ?? -1) - low)).toBeLessThan(tolerance(low));
    }
  });

  it("without uncertainty every sample is the plan: all milestones met, no shortfall, no site late", () => {
    const base = planBase(uncertainty([powerSite("A", lognormalOf(12, 12)), powerSite("B", lognormalOf(11, 11))]), [MILESTONE, MILESTONE]);
    const summary = summarizeRisk(base, [evaluateSamples(base, 0, 500)]);
    expect(summary.probabilityAllMet).toBe(1);
    expect(summary.probabilityShortfall).toBe(0);
    expect(summary.sites.map((s) => s.probabilityLate)).toEqual([0, 0]);
    expect(summary.gwMonths.min).toBe(summary.gwMonthsPlanned);
    expect(summary.gwMonths.max).toBe(summary.gwMonthsPlanned);
  });

  it("counts a cash shortfall when a late go-live delays its tranche while builds keep drawing", () => {
    // Equity $12B: site A's $10B is drawn before its go-live, B's build starts before A's tranche arrives when A is late.
    const a = powerSite("A", lognormalOf(12, 24));
    const b = powerSite("B", lognormalOf(13, 13));
    const tight = planBase(uncertainty([a, b]), ["2027-12-31", "2027-12-31"], 1, 12);
    const summary = summarizeRisk(tight, [evaluateSamples(tight, 0, 2000)]);
    expect(summary.probabilityShortfall).toBeGreaterThan(0.2);
    expect(summary.shortfallBn?.max ?? 0).toBeGreaterThan(0);
    const ample = summarizeRisk(planBase(uncertainty([a, b]), ["2027-12-31", "2027-12-31"], 1, 1000), [
      evaluateSamples(planBase(uncertainty([a, b]), ["2027-12-31", "2027-12-31"], 1, 1000), 0, 2000),
    ]);
    expect(ample.probabilityShortfall).toBe(0);
  });
});
