/**
 * Weight sensitivity: perturb the criterion weights, re-score and re-solve, and count how often
 * each site is selected and how far its rank moves. Pure parts only; the parallel runner is in
 * sensitivityRun.ts.
 *
 * Warm by construction: a sample changes only the weights, so a site's value-function outputs,
 * its screening, capex, cost and online date are computed once from the run; a sample's score
 * is Σ value × weight, summed in the same order as the scorer so that unchanged weights give
 * bit-identical scores.
 */
import type { Random } from "../core/random.ts";
import { seededRandom } from "../core/random.ts";
import { optimize } from "../optimize/solve.ts";
import { isSolved, type OptimizationProblem } from "../optimize/types.ts";
import type { RunOutcome } from "../pipeline/run.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import type { SiteId } from "../sites/types.ts";
import { InternalError } from "../core/internalError.ts";

export type Perturbation =
  /** Each criterion's share of the overall score times a uniform factor in [1 − spread, 1 + spread], renormalized. */
  | { readonly kind: "uniform"; readonly spread: number }
  /** Shares drawn from Dirichlet(concentration × base shares): mean = the model's shares; higher = tighter. */
  | { readonly kind: "dirichlet"; readonly concentration: number };

/** Everything a sample needs, computed once from the run (structured-cloneable for workers). */
export interface SensitivityBase {
  readonly problem: OptimizationProblem;
  /** Criterion ids in model order. */
  readonly criteria: readonly string[];
  /** The model's share of the overall score per criterion (sums to 1). */
  readonly baseShares: readonly number[];
  /** values[i][c]: value-function output (0–100) of candidate i for criterion c. */
  readonly values: readonly (readonly number[])[];
}

export interface SampleResult {
  readonly index: number;
  readonly status: "optimal" | "time_limit" | "no_solution" | "infeasible";
  readonly objective: number | null;
  /** Sorted ids; empty without a selection. */
  readonly selected: readonly SiteId[];
  /** ranks[i]: rank (1 = best score) of candidate i under the sample's weights. */
  readonly ranks: readonly number[];
}

export interface SiteSensitivity {
  readonly siteId: SiteId;
  readonly baselineRank: number;
  readonly baselineSelected: boolean;
  readonly selectedCount: number;
  /** selectedCount / samples. */
  readonly selectedShare: number;
  readonly rankMin: number;
  readonly rankMedian: number;
  readonly rankMax: number;
}

export interface SensitivitySummary {
  readonly samples: number;
  readonly perturbation: Perturbation;
  readonly seed: number;
  /** Sites by selected share (highest first), then baseline rank. */
  readonly sites: readonly SiteSensitivity[];
  readonly distinctSelections: number;
  /** The most frequent selections, most frequent first (ties by key). */
  readonly topSelections: readonly { readonly selected: readonly SiteId[]; readonly count: number }[];
  /** Samples that found no selection, by status. */
  readonly unsolved: Readonly<Record<string, number>>;
  /** Share of samples whose selection equals the baseline's. */
  readonly baselineShare: number;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The pieces of a run a sample needs: the problem, value-function outputs and the base weights.
 * @example sensitivityBase(outcome).values.length === outcome.problem.candidates.length
 */
export function sensitivityBase(outcome: RunOutcome): SensitivityBase {
  const bySite = new Map(outcome.ranked.map((s) => [s.site.siteId, s]));
  const criteria = outcome.model.criteria.map((c) => c.id ?? c.column);
  const values = outcome.problem.candidates.map((c) => {
    const scored = bySite.get(c.siteId);
    if (!scored) throw new InternalError(`candidate ${c.siteId} has no score`);
    return scored.contributions.map((k) => k.value);
  });
  const first = outcome.ranked[0];
  const baseShares = first ? first.contributions.map((k) => k.weightShare) : criteria.map((id) => outcome.weights.criteria[id] ?? 0);
  return { problem: outcome.problem, criteria, baseShares, values };
}

/**
 * One draw of criterion shares around `base`. Zero spread returns `base` unchanged (bit for bit).
 * @example sampleShares([0.5, 0.5], { kind: "uniform", spread: 0.2 }, seededRandom(1)) // e.g. [0.46, 0.54]
 */
export function sampleShares(base: readonly number[], perturbation: Perturbation, rng: Random): number[] {
  if (perturbation.kind === "uniform") {
    if (perturbation.spread === 0) return [...base];
    const raw = base.map((w) => w * rng.uniform(1 - perturbation.spread, 1 + perturbation.spread));
    const total = raw.reduce((s, w) => s + w, 0);
    const baseTotal = base.reduce((s, w) => s + w, 0);
    return raw.map((w) => (total > 0 ? (w * baseTotal) / total : w));
  }
  if (!Number.isFinite(perturbation.concentration)) return [...base];
  const draws = base.map((w) => (w > 0 ? rng.gamma(perturbation.concentration * w) : 0));
  const total = draws.reduce((s, g) => s + g, 0);
  return draws.map((g) => (total > 0 ? g / total : 0));
}

/**
 * All samples' shares from one seed, drawn in order, so the answer never depends on how the
 * samples are split between workers.
 * @example drawSamples([0.6, 0.4], { kind: "uniform", spread: 0.2 }, 200, 1).length // 200
 */
export function drawSamples(base: readonly number[], perturbation: Perturbation, samples: number, seed: number): number[][] {
  const rng = seededRandom(seed);
  return Array.from({ length: samples }, () => sampleShares(base, perturbation, rng));
}

/**
 * The problem with every candidate re-scored under `shares` (same summation order as the scorer).
 * @example problemWithShares(base, base.baseShares).candidates[0].score === base.problem.candidates[0].score
 */
export function problemWithShares(base: SensitivityBase, shares: readonly number[]): OptimizationProblem {
  const candidates = base.problem.candidates.map((c, i) => {
    const values = base.values[i] ?? [];
    let score = 0;
    for (let k = 0; k < values.length; k++) score += (values[k] as number) * (shares[k] ?? 0);
    return { ...c, score };
  });
  return { ...base.problem, candidates };
}

/**
 * A model file whose normalized criterion shares are `shares` (criterion weight = its share,
 * pillar weight = the sum of its criteria's shares): a sample written as a model anyone can run.
 * @example modelWithShares(model, [0.5, 0.5]).criteria[1].weight // 0.5
 */
export function modelWithShares(model: ScenarioModel, shares: readonly number[]): ScenarioModel {
  const pillars: Record<string, number> = {};
  model.criteria.forEach((c, k) => {
    pillars[c.pillar] = (pillars[c.pillar] ?? 0) + (shares[k] ?? 0);
  });
  return { ...model, pillars, criteria: model.criteria.map((c, k) => ({ ...c, weight: shares[k] ?? 0 })) };
}

/**
 * Rank of each candidate (1 = best score, ties by site id, as the pipeline ranks).
 * @example ranksOf(problem)[0] // rank of the first candidate
 */
export function ranksOf(problem: OptimizationProblem): number[] {
  const order = problem.candidates.map((_, i) => i);
  const cs = problem.candidates;
  order.sort((a, b) => {
    const ca = cs[a];
    const cb = cs[b];
    return (cb?.score ?? 0) - (ca?.score ?? 0) || byId(ca?.siteId ?? "", cb?.siteId ?? "");
  });
  const ranks = new Array<number>(order.length);
  order.forEach((i, r) => {
    ranks[i] = r + 1;
  });
  return ranks;
}

/**
 * Re-scores and re-solves one sample.
 * @example (await solveSample(base, base.baseShares, 0)).selected // the run's selection, sorted
 */
export async function solveSample(base: SensitivityBase, shares: readonly number[], index: number): Promise<SampleResult> {
  const problem = problemWithShares(base, shares);
  const result = await optimize(problem);
  const solved = isSolved(result) ? result : null;
  return {
    index,
    status: result.status,
    objective: solved?.objective ?? null,
    selected: solved ? [...solved.selected].sort(byId) : [],
    ranks: ranksOf(problem),
  };
}

const median = (sorted: readonly number[]): number => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Selection frequency and rank range per site, distinct selections, and the share of samples
 * that reproduce the baseline.
 * @example summarizeSensitivity(base, baselineSelected, results, spec).distinctSelections // 7
 */
export function summarizeSensitivity(
  base: SensitivityBase,
  baselineSelected: readonly SiteId[],
  results: readonly SampleResult[],
  spec: { readonly perturbation: Perturbation; readonly seed: number },
): SensitivitySummary {
  const n = results.length;
  const candidates = base.problem.candidates;
  const baselineRanks = ranksOf(base.problem);
  const counts = new Array<number>(candidates.length).fill(0);
  const indexOf = new Map(candidates.map((c, i) => [c.siteId as string, i]));
  const selections = new Map<string, { selected: readonly SiteId[]; count: number }>();
  const unsolved: Record<string, number> = {};
  for (const r of results) {
    if (!isSolved(r)) {
      unsolved[r.status] = (unsolved[r.status] ?? 0) + 1;
      continue;
    }
    for (const id of r.selected) {
      const i = indexOf.get(id);
      if (i !== undefined) counts[i] = (counts[i] ?? 0) + 1;
    }
    const key = r.selected.join(",");
    const entry = selections.get(key);
    selections.set(key, { selected: r.selected, count: (entry?.count ?? 0) + 1 });
  }
  const baselineSet = new Set<string>(baselineSelected);
  const sites = candidates.map((c, i): SiteSensitivity => {
    const ranks = results.map((r) => r.ranks[i] ?? 0).sort((a, b) => a - b);
    return {
      siteId: c.siteId,
      baselineRank: baselineRanks[i] ?? 0,
      baselineSelected: baselineSet.has(c.siteId),
      selectedCount: counts[i] ?? 0,
      selectedShare: n > 0 ? (counts[i] ?? 0) / n : 0,
      rankMin: ranks[0] ?? 0,
      rankMedian: ranks.length > 0 ? median(ranks) : 0,
      rankMax: ranks.at(-1) ?? 0,
    };
  });
  sites.sort((a, b) => b.selectedCount - a.selectedCount || a.baselineRank - b.baselineRank);
  const baselineKey = [...baselineSelected].sort(byId).join(",");
  const topSelections = [...selections.entries()]
    .sort(([ka, a], [kb, b]) => b.count - a.count || byId(ka, kb))
    .slice(0, 5)
    .map(([, v]) => v);
  return {
    samples: n,
    perturbation: spec.perturbation,
    seed: spec.seed,
    sites,
    distinctSelections: selections.size,
    topSelections,
    unsolved,
    baselineShare: n > 0 ? (selections.get(baselineKey)?.count ?? 0) / n : 0,
  };
}
