import { describe, expect, it } from "vitest";
import { lognormalCdf, lognormalOf, STREAM } from "../../src/risk/distribution.ts";
import { evaluateSamples, sampledGoLive, type PlanRiskBase } from "../../src/risk/evaluate.ts";
import { summarizeRisk } from "../../src/risk/summary.ts";
import { sampleReadyMonths, type UncertainSite } from "../../src/risk/uncertainty.ts";
import { timeline, uncertainty } from "./fixtures.ts";

const SAMPLES = 20_000;
const tolerance = (p: number): number => 4 * Math.sqrt((p * (1 - p)) / SAMPLES) + 1e-9;

// Time to power fixed at 12 months, the build P50 6 and P90 9 months: ready at month 18 at P50.
const build = lognormalOf(6, 9);
const site = (siteId: string): UncertainSite => ({
  siteId,
  region: 0,
  gridZone: 0,
  rule: "sequential",
  permitting: { median: 0, sigma: 0 },
  timeToPower: { median: 12, sigma: 0 },
  build,
  p50ReadyMonth: 18,
});

/** H is held back 6 months (construction from month 18, live in 24); N goes live when ready (construction from 12, live in 18). */
function heldBackPlan(): PlanRiskBase {
  return {
    timeline: timeline(["2028-12-31", "2028-12-31"]),
    gwPerSite: 1,
    planned: [
      { siteId: "H", goLiveMonth: 24, constructionStartMonth: 18, capexBn: 10 },
      { siteId: "N", goLiveMonth: 18, constructionStartMonth: 12, capexBn: 10 },
    ],
    uncertainty: uncertainty([site("H"), site("N")], { all: 0, region: 0, gridZone: 0 }),
    seed: 7,
  };
}

describe("delay risk of a held-back site", () => {
  it("goes live at the latest of the planned go-live, the sampled ready month and the construction start plus the sampled build", () => {
    expect(sampledGoLive(24, 20, 18, 6)).toBe(24);
    expect(sampledGoLive(24, 20, 18, 8)).toBe(26);
    expect(sampledGoLive(24, 27, 18, 8)).toBe(27);
  });

  it("a build overrun delays a held-back site: the hold-back absorbs late power, never its own build", () => {
    const base = heldBackPlan();
    const block = evaluateSamples(base, 0, SAMPLES);
    const summary = summarizeRisk(base, [block]);
    const [held, notHeld] = summary.sites;
    // Late exactly when the build overruns its 6 planned months: P(build > 6) = 0.5. Under the old
    // rule (the later of planned and ready month) it was late only when 12 + build > 24: 0.14%.
    const pOverrun = 1 - lognormalCdf(build, 6);
    expect(pOverrun).toBeCloseTo(0.5, 6);
    expect(Math.abs((held?.probabilityLate ?? -1) - pOverrun)).toBeLessThan(tolerance(pOverrun));
    expect(Math.abs((notHeld?.probabilityLate ?? -1) - pOverrun)).toBeLessThan(tolerance(pOverrun));
    // Mean delay E[max(0, ⌈build⌉ − 6)] = Σ_k P(build > 5 + k).
    let expectedDelay = 0;
    for (let k = 1; k < 60; k++) expectedDelay += 1 - lognormalCdf(build, 5 + k);
    expect(held?.meanDelayMonths).toBeGreaterThan(0.5);
    expect(Math.abs((held?.meanDelayMonths ?? -1) - expectedDelay)).toBeLessThan(0.05);
    // Sample by sample: the held-back site's go-live is its construction start plus its sampled build, or its plan.
    const ready = new Int32Array(2);
    const builds = new Int32Array(2);
    for (let i = 0; i < 2000; i++) {
      sampleReadyMonths(base.uncertainty, base.seed, STREAM.evaluate, i, ready, builds);
      expect(block.goLive[2 * i]).toBe(Math.max(24, 18 + (builds[0] as number)));
      expect(block.goLive[2 * i + 1]).toBe(Math.max(18, ready[1] as number));
    }
  });
});
