import type { Criterion, ScenarioModel } from "../scenario/schema.ts";
import { numberOf } from "../sites/columnValue.ts";
import type { Site } from "../sites/types.ts";
import { applyValueFunction, type ColumnRange } from "./valueFunction.ts";

/** One criterion's part of a site's overall score. `points` summed over criteria = overall. */
export interface Contribution {
  readonly criterion: string;
  readonly column: string;
  readonly pillar: string;
  /** Raw cell value, null when blank. */
  readonly raw: number | null;
  /** Value-function output, 0–100. */
  readonly value: number;
  readonly missing: boolean;
  /** Share of the overall score this criterion carries (pillar share × share within pillar). */
  readonly weightShare: number;
  /** value × weightShare: points added to the overall score. */
  readonly points: number;
}

export interface ScoredSite {
  readonly site: Site;
  /** Overall score, 0–100. */
  readonly overall: number;
  /** Pillar scores, 0–100, by pillar name. */
  readonly pillars: Readonly<Record<string, number>>;
  readonly contributions: readonly Contribution[];
}

/** Normalized weights, reported to the user so relative weights are never a surprise. */
export interface Weights {
  /** Pillar name → share of the overall score (sums to 1 over pillars that have criteria). */
  readonly pillars: Readonly<Record<string, number>>;
  /** Criterion id → share of the overall score. */
  readonly criteria: Readonly<Record<string, number>>;
}

export const criterionId = (c: Criterion): string => c.id ?? c.column;

/**
 * Pillar shares and criterion shares of the overall score. Pillars with no criteria (or only
 * zero-weight ones) carry nothing; the rest are scaled to sum to 1.
 * @example normalizeWeights(model).pillars // { energy: 0.4, permitting: 0.3, financing: 0.3 }
 */
export function normalizeWeights(model: ScenarioModel): Weights {
  const withinPillar = new Map<string, number>();
  for (const c of model.criteria) withinPillar.set(c.pillar, (withinPillar.get(c.pillar) ?? 0) + c.weight);
  const active = [...withinPillar.entries()].filter(([, w]) => w > 0).map(([p]) => p);
  const pillarTotal = active.reduce((sum, p) => sum + (model.pillars[p] ?? 0), 0);
  const pillars: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const p of active) pillars[p] = pillarTotal > 0 ? (model.pillars[p] ?? 0) / pillarTotal : 0;
  const criteria: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const c of model.criteria) {
    const inPillar = withinPillar.get(c.pillar) ?? 0;
    criteria[criterionId(c)] = inPillar > 0 ? (pillars[c.pillar] ?? 0) * (c.weight / inPillar) : 0;
  }
  return { pillars, criteria };
}

/**
 * Scores sites: each criterion through its value function, then pillar scores and the overall
 * score, keeping every contribution so the overall score can be re-added by hand.
 * @example scoreSites(passedSites, model)[0].contributions.reduce((s, c) => s + c.points, 0) // = overall
 */
export function scoreSites(sites: readonly Site[], model: ScenarioModel): ScoredSite[] {
  const weights = normalizeWeights(model);
  const ranges = minmaxRanges(sites, model);
  return sites.map((site) => {
    const contributions = model.criteria.map((c): Contribution => {
      const raw = numberOf(site, c.column);
      const id = criterionId(c);
      const value = raw === null ? (c.missingScore ?? 0) : applyValueFunction(c.value, c.direction, raw, ranges.get(c.column));
      const weightShare = weights.criteria[id] ?? 0;
      return { criterion: id, column: c.column, pillar: c.pillar, raw, value, missing: raw === null, weightShare, points: value * weightShare };
    });
    const pillars: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [pillar, share] of Object.entries(weights.pillars)) {
      const inPillar = contributions.filter((c) => c.pillar === pillar);
      pillars[pillar] = share > 0 ? inPillar.reduce((s, c) => s + c.points, 0) / share : 0;
    }
    const overall = contributions.reduce((s, c) => s + c.points, 0);
    return { site, overall, pillars, contributions };
  });
}

function minmaxRanges(sites: readonly Site[], model: ScenarioModel): Map<string, ColumnRange> {
  const ranges = new Map<string, ColumnRange>();
  for (const c of model.criteria) {
    if (c.value.kind !== "minmax" || ranges.has(c.column)) continue;
    let min = Infinity;
    let max = -Infinity;
    for (const s of sites) {
      const v = numberOf(s, c.column);
      if (v === null) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    ranges.set(c.column, Number.isFinite(min) ? { min, max } : { min: 0, max: 0 });
  }
  return ranges;
}
