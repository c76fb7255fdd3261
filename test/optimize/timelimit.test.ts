import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { isSolved, type Engine, type OptimizationProblem, type OptimizeResult } from "../../src/optimize/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import { randomMix, randomProblem, type ObjectiveKind } from "./generate.ts";

/**
 * A run stopped by its time limit returns a verified plan with a valid bound and gap, or
 * no_solution naming the user's limit; never a plan worse than one an earlier step found
 * (result.stats.steps). Which step a limit stops depends on the machine, so every outcome is
 * checked by properties against the proven optimum, never by timing.
 */
function instance(seed: number, objective: ObjectiveKind, sizes: Parameters<typeof randomMix>[1]): OptimizationProblem {
  const rng = seededRandom(4242 + seed);
  const mix = { ...randomMix(rng, sizes, objective, true), budget: false, lockedIn: 0 };
  return randomProblem(rng, mix);
}

const TOLERANCE = 1e-6;

function checkLimited(problem: OptimizationProblem, result: OptimizeResult, exact: number, limitMs: number): string[] {
  const out: string[] = [];
  const sign = problem.objective.kind === "minCost" ? -1 : 1;
  const tol = TOLERANCE * Math.max(1, Math.abs(exact));
  const stepObjectives = result.stats.steps.filter((s) => s.step !== "least-equity" && s.objective !== null).map((s) => s.objective as number);
  if (result.status === "infeasible") out.push("infeasible, but a plan exists");
  if (result.status === "no_solution") {
    if (!result.message.includes(`within the ${limitMs / 1000} s time limit`))
      out.push(`message does not name the ${limitMs / 1000} s limit: ${result.message}`);
    if (result.bound !== null && sign * result.bound < sign * exact - tol) out.push(`bound ${result.bound} cuts off the optimum ${exact}`);
    if (stepObjectives.length > 0) out.push(`no plan returned, but steps found ${stepObjectives.join(", ")}`);
  }
  if (!isSolved(result)) return out;
  const v = verifySelection(problem, result.selected, result.plan);
  if (!v.ok) out.push(`plan fails verification: ${v.violations.join("; ")}`);
  if (v.objective !== undefined && Math.abs(v.objective - result.objective) > tol) out.push(`objective ${result.objective} is not the plan's ${v.objective}`);
  if (sign * result.objective > sign * exact + tol) out.push(`objective ${result.objective} beats the optimum ${exact}`);
  if (sign * result.bound < sign * exact - tol) out.push(`bound ${result.bound} cuts off the optimum ${exact}`);
  const gap = Math.abs(result.bound - result.objective) / Math.max(1, Math.abs(result.objective));
  if (Math.abs(result.gap - gap) > 1e-9) out.push(`gap ${result.gap}, expected ${gap}`);
  if (result.status === "optimal" && Math.abs(result.objective - exact) > tol) out.push(`"optimal" ${result.objective}, optimum ${exact}`);
  for (const o of stepObjectives) if (sign * o > sign * result.objective + tol) out.push(`a step found ${o}, the result is ${result.objective}`);
  return out;
}

async function runLimits(problem: OptimizationProblem, solver: Engine, limits: readonly number[]): Promise<{ failures: string[]; statuses: string[] }> {
  const exact = await optimize({ ...problem, solver, timeLimitMs: 0 });
  if (exact.status !== "optimal") throw new Error(`reference solve should be optimal, got ${exact.status}`);
  const failures: string[] = [];
  const statuses: string[] = [];
  for (const timeLimitMs of limits) {
    const limited = { ...problem, solver, timeLimitMs };
    const result = await optimize(limited);
    statuses.push(result.status);
    for (const f of checkLimited(limited, result, exact.objective, timeLimitMs)) failures.push(`${solver} ${timeLimitMs} ms: ${f}`);
  }
  return { failures, statuses };
}

describe("time limits", () => {
  it("HiGHS, 66 sites × 28 months, maxScore with early-power bonus", async () => {
    const problem = instance(3, "maxScoreBonus", { sites: [40, 80], pick: [5, 7], months: [24, 36] });
    const { failures, statuses } = await runLimits(problem, "highs", [5, 40, 150, 400]);
    expect(failures).toEqual([]);
    expect(statuses[0]).not.toBe("optimal");
  }, 60_000);

  it("HiGHS, 60 sites × 35 months, npv", async () => {
    const problem = instance(11, "npv", { sites: [40, 80], pick: [5, 7], months: [24, 36] });
    const { failures, statuses } = await runLimits(problem, "highs", [5, 60, 300]);
    expect(failures).toEqual([]);
    expect(statuses[0]).not.toBe("optimal");
  }, 180_000);

  it("jsLPSolver, a small dated model", async () => {
    const problem = instance(3, "maxScoreBonus", { sites: [12, 14], pick: [3, 3], months: [12, 14] });
    const { failures } = await runLimits(problem, "jsLPSolver", [5, 50, 250]);
    expect(failures).toEqual([]);
  }, 60_000);
});
