import { describe, expect, it } from "vitest";
import { seededRandom, type Random } from "../../src/core/random.ts";
import { optimize } from "../../src/optimize/solve.ts";
import { isSolved, type Candidate, type Engine, type OptimizationProblem, type OptimizeResult } from "../../src/optimize/types.ts";
import { asSiteId } from "../../src/sites/types.ts";
import { approxMismatch } from "../helpers/approx.ts";
import { enumerateOptimum } from "./enumerate.ts";
import { OBJECTIVE_KINDS, randomMix, randomProblem } from "./generate.ts";

/**
 * Permuting the candidates and renaming their ids (to names that sort the other way and need
 * escaping in LP text) must leave the plan unchanged: the same sites, each going live in the
 * same month, and the same objective. Only instances whose optimum is unique (by enumeration)
 * are used, so "unchanged" is well defined.
 */
function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** `S03` → `site/96 b`: reverses the id order and needs escaping in solver names. */
const rename = (id: string): string => `site/${99 - Number(id.slice(1))} b`;

function transformed(rng: Random, problem: OptimizationProblem): OptimizationProblem {
  const candidates = shuffled(rng, problem.candidates).map((c): Candidate => ({ ...c, siteId: asSiteId(rename(c.siteId)) }));
  return { ...problem, candidates, excludedSelections: (problem.excludedSelections ?? []).map((s) => s.map((id) => asSiteId(rename(id)))) };
}

/** Go-live month per site (original ids), or a status word. */
function planKey(result: OptimizeResult, unname: (id: string) => string): string {
  if (!isSolved(result)) return result.status;
  const entries =
    result.plan === null ? result.selected.map((id) => [unname(id), -1] as const) : result.plan.sites.map((s) => [unname(s.siteId), s.goLiveMonth] as const);
  return JSON.stringify([...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

const ENGINES: readonly Engine[] = ["highs", "jsLPSolver"];

describe("permuting candidates and renaming ids leave the plan unchanged", () => {
  it("on seeded instances with a unique optimum, both engines", async () => {
    const failures: string[] = [];
    let used = 0;
    let dated = 0;
    for (let seed = 1; used < 30 && seed < 400; seed++) {
      const rng = seededRandom(50_000 + seed);
      const objective = OBJECTIVE_KINDS[seed % OBJECTIVE_KINDS.length] ?? "maxScore";
      const mix = randomMix(rng, { sites: [5, 7], pick: [2, 3], months: [6, 12] }, objective, rng.next() < 0.6);
      const problem = {
        ...randomProblem(rng, seed % 10 === 0 ? { ...mix, months: 0, cashRule: false, bridge: false, zoneLimit: false } : mix),
        timeLimitMs: 20_000,
      };
      const expected = enumerateOptimum(problem);
      // A unique optimum, clear of the runner-up by more than the comparison tolerance.
      if (expected.status !== "optimal" || expected.optimalPlans !== 1) continue;
      if (expected.runnerUp !== null && Math.abs(expected.runnerUp - expected.objective) < 1e-6 * Math.max(1, Math.abs(expected.objective))) continue;
      used++;
      if (problem.timeline !== null) dated++;
      const variant = transformed(rng, problem);
      const unname = (id: string): string => `S${String(99 - Number(id.slice(5, id.indexOf(" ")))).padStart(2, "0")}`;
      for (const solver of ENGINES) {
        const original = await optimize({ ...problem, solver });
        const renamed = await optimize({ ...variant, solver });
        const a = planKey(original, (id) => id);
        const b = planKey(renamed, unname);
        if (a !== b) failures.push(`seed ${seed} ${solver}: ${a} vs ${b}`);
        if (isSolved(original) && isSolved(renamed)) {
          const m = approxMismatch(renamed.objective, original.objective, { rel: 1e-9, abs: 1e-9 });
          if (m !== null) failures.push(`seed ${seed} ${solver}: objective ${m}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(used).toBe(30);
    expect(dated).toBeGreaterThanOrEqual(24);
  }, 180_000);
});
