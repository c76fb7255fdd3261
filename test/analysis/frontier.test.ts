import { describe, expect, it } from "vitest";
import type { OptimizationProblem, OptimizeResult } from "../../src/optimize/types.ts";
import { computeFrontier, FRONTIER_TIME_LIMIT_MS, frontierBudgets } from "../../src/analysis/frontier.ts";
import { buildReportHtml } from "../../src/analysis/reportHtml.ts";
import { renderReport } from "../helpers/report.ts";
import { expectApprox } from "../helpers/approx.ts";
import { stagedScenario } from "../report-html/fixture.ts";

describe("frontierBudgets", () => {
  it("spans 70%..130% of the budget in even steps, without the budget itself", () => {
    const budgets = frontierBudgets(100, 10);
    expect(budgets).toHaveLength(10);
    expectApprox(budgets[0], 70);
    expectApprox(budgets.at(-1), 130);
    for (let i = 1; i < budgets.length; i++) expectApprox(budgets[i]! - budgets[i - 1]!, 60 / 9, { abs: 0.011 });
    expect(frontierBudgets(100, 7)).not.toContain(100);
    expect(frontierBudgets(100, 7)).toHaveLength(6);
  });
});

describe("computeFrontier", () => {
  const { outcome } = stagedScenario();

  it("re-solves the same problem at each budget and marks the run's own point", async () => {
    const seen: OptimizationProblem[] = [];
    const fake = async (problem: OptimizationProblem): Promise<OptimizeResult> => {
      seen.push(problem);
      return { status: "infeasible", reasons: [`budget ${problem.budgetBn}`], stats: outcome.result.stats };
    };
    const points = await computeFrontier(outcome, 6, { solve: fake, timeLimitMs: 1234 });
    expect(seen.map((p) => p.budgetBn)).toEqual(frontierBudgets(outcome.problem.budgetBn, 6));
    for (const p of seen) {
      // Everything but the budget and the time limit is the run's own problem.
      expect(p.timeLimitMs).toBe(1234);
      expect({ ...p, budgetBn: 0, timeLimitMs: 0 }).toEqual({ ...outcome.problem, budgetBn: 0, timeLimitMs: 0, scoreOnly: true });
      expect(p.candidates).toBe(outcome.problem.candidates);
    }
    expect(points).toHaveLength(7);
    const chosen = points.filter((p) => p.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]).toMatchObject({ budgetBn: 26, status: "optimal", capexBn: 24 });
    expectApprox(chosen[0]!.objective, outcome.result.status === "optimal" ? outcome.result.objective : Number.NaN);
    expect(points.map((p) => p.budgetBn)).toEqual([...points.map((p) => p.budgetBn)].sort((a, b) => a - b));
  });

  it("caps each re-solve's time limit at the default", async () => {
    const limits: number[] = [];
    const fake = async (problem: OptimizationProblem): Promise<OptimizeResult> => {
      limits.push(problem.timeLimitMs);
      return { status: "infeasible", reasons: [], stats: outcome.result.stats };
    };
    await computeFrontier(outcome, 4, { solve: fake });
    expect(limits).toEqual(frontierBudgets(outcome.problem.budgetBn, 4).map(() => Math.min(outcome.problem.timeLimitMs, FRONTIER_TIME_LIMIT_MS)));
    expect(limits).toHaveLength(4);
    expect(outcome.problem.timeLimitMs).toBeGreaterThan(FRONTIER_TIME_LIMIT_MS);
  });

  it("shares what is left of the command's time limit among the levels, and skips levels with no time left", async () => {
    const limits: number[] = [];
    const fake = async (problem: OptimizationProblem): Promise<OptimizeResult> => {
      limits.push(problem.timeLimitMs);
      await new Promise((resolve) => setTimeout(resolve, 120));
      return { status: "infeasible", reasons: [], stats: outcome.result.stats };
    };
    // 400 ms for 4 levels: about 100 ms each at first, less as the (120 ms) solves use it up.
    const points = await computeFrontier(outcome, 4, { solve: fake, remainingMs: 400 });
    expect(limits.length).toBeGreaterThanOrEqual(1);
    expect(limits.length).toBeLessThan(4);
    expect(limits[0]).toBeLessThanOrEqual(100);
    for (const l of limits) expect(l).toBeGreaterThanOrEqual(50);
    expect(points).toHaveLength(limits.length + 1);
    limits.length = 0;
    expect(await computeFrontier(outcome, 4, { solve: fake, remainingMs: 10 })).toHaveLength(1);
    expect(limits).toEqual([]);
  });

  it("with the real solver: more budget never lowers the score, and nothing fits below the cheapest sites", async () => {
    const points = await computeFrontier(outcome, 8);
    // Independent floor: the three cheapest screened-in sites.
    const cheapest = [...outcome.problem.candidates]
      .map((c) => c.capexBn)
      .sort((a, b) => a - b)
      .slice(0, 3);
    const floorBn = cheapest.reduce((a, b) => a + b, 0);
    let previous = -Infinity;
    // The run's own point is the fixture's hand-made selection, not a solver answer: left out.
    for (const p of points.filter((q) => !q.chosen)) {
      if (p.budgetBn < floorBn) expect(p.status).toBe("infeasible");
      if (p.objective === null || p.capexBn === null) continue;
      expect(p.capexBn).toBeLessThanOrEqual(p.budgetBn + 1e-9);
      expect(p.objective).toBeGreaterThanOrEqual(previous - 1e-6);
      previous = p.objective;
    }
    expect(points.some((p) => p.status === "optimal" && !p.chosen)).toBe(true);
  });
});

describe("buildReportHtml", () => {
  const { outcome } = stagedScenario();
  const generatedFor = { sitesFile: "sites.csv", modelFile: "model.json" };

  it("renders the frontier it computes, one marker per level plus the run's own", async () => {
    const fake = async (problem: OptimizationProblem): Promise<OptimizeResult> =>
      problem.budgetBn < 24
        ? { status: "infeasible", reasons: [], stats: outcome.result.stats }
        : { ...(outcome.result as Extract<OptimizeResult, { status: "optimal" }>), objective: 200 + problem.budgetBn };
    const html = await buildReportHtml(outcome, generatedFor, { frontierLevels: 5, solve: fake });
    const markers = html.match(/<circle class="frontier-point[^"]*"/g) ?? [];
    expect(markers).toHaveLength(frontierBudgets(outcome.problem.budgetBn, 5).length + 1);
    expect(markers.filter((m) => m.includes("chosen"))).toHaveLength(1);
    expect(markers.filter((m) => m.includes("none"))).toHaveLength(frontierBudgets(outcome.problem.budgetBn, 5).filter((b) => b < 24).length);
  });

  it("leaves the chart out with zero levels", async () => {
    const html = await buildReportHtml(outcome, generatedFor, { frontierLevels: 0 });
    expect(html).toBe(renderReport(outcome, { frontier: [], generatedFor }));
  });
});
