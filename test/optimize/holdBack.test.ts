import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { holdCauses } from "../../src/schedule/holdCause.ts";
import { planOf } from "../../src/schedule/ledger.ts";
import { optimize } from "../../src/optimize/solve.ts";
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { randomMix, randomProblem } from "./generate.ts";

/**
 * Under the default objective (score, then GW-months), no site is held back without a reason:
 * moving any held-back site one month earlier, everything else unchanged, breaks the cash rule
 * or a zone limit (the verifier says so), and the plan names that cause. Random seeded instances
 * with the cash rule on, both a strictly lexicographic run and the default tolerance.
 */
function instances(): OptimizationProblem[] {
  const out: OptimizationProblem[] = [];
  const rng = seededRandom(2828);
  for (let k = 0; out.length < 24; k++) {
    const mix = randomMix(rng, { sites: [6, 12], pick: [2, 4], months: [8, 16] }, "maxScore", true);
    if (!mix.cashRule) continue;
    const problem = randomProblem(rng, mix);
    out.push({ ...problem, objective: { kind: "maxScore", earlyPowerPointsPerMonth: 0, scoreTolerancePct: k % 2 === 0 ? 0 : 0.2 }, timeLimitMs: 0 });
  }
  return out;
}

describe("a held-back site has a cause: one month earlier is infeasible", () => {
  it("on 24 random instances with the cash rule on", async () => {
    let held = 0;
    let optimal = 0;
    const statuses: string[] = [];
    for (const problem of instances()) {
      const result = await optimize(problem);
      statuses.push(result.status);
      if (result.status !== "optimal" || result.plan === null) continue;
      optimal++;
      const timeline = problem.timeline;
      if (timeline === null) continue;
      const byId = new Map(problem.candidates.map((c) => [c.siteId as string, c]));
      const chosen = result.plan.sites.map((s) => byId.get(s.siteId) as Candidate);
      const causes = holdCauses(timeline, result.plan.sites, new Map(chosen.map((c) => [c.siteId as string, c.gridZone])));
      for (const site of result.plan.sites) {
        if (site.heldBackMonths <= 0) continue;
        held++;
        const goLive = new Map(result.plan.sites.map((s) => [s.siteId as string, s.goLiveMonth]));
        goLive.set(site.siteId, site.goLiveMonth - 1);
        const earlier = planOf(timeline, chosen, goLive);
        const v = verifySelection(
          problem,
          earlier.sites.map((s) => s.siteId),
          earlier,
        );
        expect(v.ok, `${site.siteId} a month earlier`).toBe(false);
        expect(causes.get(site.siteId)).toMatch(/^(cash: \d{4}-\d{2} short \$\d+\.\d{2}B|zone .+: at most \d+ sites live by)/);
      }
    }
    // Without a time limit every instance is decided (some random instances have no plan); the
    // property was exercised: many are proven, and some hold sites back.
    expect(statuses.filter((s) => s !== "optimal" && s !== "infeasible")).toEqual([]);
    expect(optimal).toBeGreaterThanOrEqual(12);
    expect(held).toBeGreaterThan(0);
  }, 240_000);
});
