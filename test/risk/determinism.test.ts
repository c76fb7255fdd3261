import { describe, expect, it } from "vitest";
import { lognormalOf } from "../../src/risk/distribution.ts";
import { evaluatePlanRisk } from "../../src/risk/evaluateRun.ts";
import { planRiskOf } from "../../src/risk/ofRun.ts";
import { runFromFiles } from "../../src/pipeline/runFromFiles.ts";
import { planBase, powerSite, uncertainty } from "./fixtures.ts";

describe("delay-risk evaluation is seeded", () => {
  const base = planBase(
    uncertainty([powerSite("A", lognormalOf(12, 18), 0, 0), powerSite("B", lognormalOf(10, 16), 1, 0), powerSite("C", lognormalOf(14, 17), 1, 1)], {
      all: 0.2,
      region: 0.2,
      gridZone: 0.3,
    }),
    ["2027-06-30", "2027-09-30", "2027-12-31"],
    7,
    15,
  );

  it("gives the same summary on every run and for any number of worker threads", async () => {
    const inline = await evaluatePlanRisk(base, { samples: 3000, blockSize: 250 });
    const again = await evaluatePlanRisk(base, { samples: 3000, blockSize: 250 });
    const workersOnly = await evaluatePlanRisk(base, { samples: 3000, blockSize: 250, workers: 2, inline: false });
    const mixed = await evaluatePlanRisk(base, { samples: 3000, blockSize: 100, workers: 1 });
    expect(workersOnly.evaluatedBy).toEqual({ inline: 0, workers: 3000 });
    expect(again.summary).toEqual(inline.summary);
    expect(workersOnly.summary).toEqual(inline.summary);
    expect(mixed.summary).toEqual(inline.summary);
    // The figures are not trivial: some milestone is at risk.
    expect(inline.summary.probabilityAllMet).toBeGreaterThan(0.05);
    expect(inline.summary.probabilityAllMet).toBeLessThan(0.95);
  }, 120_000);

  it("changes with the seed", async () => {
    const one = await evaluatePlanRisk(base, { samples: 2000 });
    const other = await evaluatePlanRisk({ ...base, seed: 8 }, { samples: 2000 });
    expect(other.summary.gwMonths).not.toEqual(one.summary.gwMonths);
  });

  it("on the bundled baseline: the same answer with and without workers", async () => {
    const run = await runFromFiles("data/sites.csv", "models/baseline.json");
    if (run.status !== "ran") throw new Error("baseline did not load");
    const setup = planRiskOf(run.outcome, { samples: 1000 });
    if (!setup.ok) throw new Error(setup.reason);
    const a = await evaluatePlanRisk(setup.base, { samples: 1000, blockSize: 200 });
    const b = await evaluatePlanRisk(setup.base, { samples: 1000, blockSize: 200, workers: 1, inline: false });
    expect(b.summary).toEqual(a.summary);
    expect(a.summary.milestones).toHaveLength(10);
  }, 120_000);
});
