import { describe, expect, it } from "vitest";
import { probability } from "../../src/core/format.ts";
import { riskLines } from "../../src/risk/outputs.ts";
import type { RiskSummary } from "../../src/risk/summary.ts";

describe("probability: never 100% below 1, never 0% above 0", () => {
  it.each([
    [1, "100.0%"],
    [0, "0.0%"],
    [0.5, "50.0%"],
    [0.9999, "99.99%"],
    [0.99999, "99.999%"],
    [0.9999999, "> 99.999%"],
    [0.9996, "99.96%"],
    [0.0004, "0.04%"],
    [0.0000001, "< 0.001%"],
  ])("%d reads %s", (p, text) => {
    expect(probability(p)).toBe(text);
  });
});

const percentiles = { mean: 4, p10: 1, p50: 4.04, p90: 8.67, min: 0.1, max: 18.43 };
function summary(probabilityAllMet: number, probabilityShortfall: number): RiskSummary {
  return {
    samples: 10_000,
    seed: 1,
    milestones: [
      { index: 1, date: "2026-12-31", plannedLive: 3, probabilityMet: 0.9999 },
      { index: 2, date: "2027-06-30", plannedLive: 4, probabilityMet: probabilityAllMet },
    ],
    probabilityAllMet,
    probabilityAllMetStdErr: 0.001,
    gwMonthsPlanned: 273,
    gwMonths: { ...percentiles, p10: 253, p50: 263, p90: 269 },
    probabilityShortfall,
    shortfallBn: probabilityShortfall > 0 ? percentiles : null,
    sites: [],
    fan: [{ label: "2029-12", planned: 10, p10: 9, p50: 10, p90: 10 }],
  } as unknown as RiskSummary;
}

describe("riskLines lead with the headline", () => {
  it("a cash shortfall likelier than a missed milestone comes first", () => {
    const lines = riskLines(summary(0.989, 0.954));
    expect(lines[0]).toBe("cash shortfall in 95.4% of samples: P50 $4.04B, P90 $8.67B, worst $18.43B");
    expect(lines[1]).toMatch(/^delay risk \(10,000 samples, seed 1\): all 2 milestones met in 98\.9%/);
    expect(lines.join("\n")).toContain("1: 99.99%");
    expect(lines.join("\n")).not.toContain("100.0%");
  });

  it("a missed milestone likelier than a shortfall keeps the milestones first", () => {
    const lines = riskLines(summary(0.27, 0.05));
    expect(lines[0]).toMatch(/^delay risk .* all 2 milestones met in 27\.0%/);
    expect(lines.at(-1)).toBe("cash shortfall in 5.0% of samples: P50 $4.04B, P90 $8.67B, worst $18.43B");
  });
});
