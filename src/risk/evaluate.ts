/**
 * Evaluating a dated plan against delay risk. In each sample a site goes live at the latest of
 * its planned month (the plan does not move up), its sampled ready month (permits and power,
 * then its sampled build, from the start date) and its planned construction start plus its
 * sampled build (a held-back site starts building when the plan says, so holding it back does
 * not absorb a build overrun): `sampledGoLive`. Its build keeps drawing capex from its planned
 * construction start until it is live (the same capex over a longer build); tranche k follows
 * the k-th actual go-live. The monthly ledger is the plan's own (`ledgerOf`), so a sample's cash
 * is counted exactly as the plan's.
 */
import { ledgerOf, plannedSites, type SchedulableSite } from "../schedule/ledger.ts";
import type { Plan, Timeline } from "../schedule/types.ts";
import { asSiteId } from "../sites/types.ts";
import { sampleReadyMonths, type Uncertainty } from "./uncertainty.ts";
import { STREAM } from "./distribution.ts";
import { InternalError } from "../core/internalError.ts";

/** A plan and its uncertainty, for evaluation (structured-cloneable, for worker threads). */
export interface PlanRiskBase {
  readonly timeline: Timeline;
  readonly gwPerSite: number;
  /** The plan's sites in the order of `uncertainty.sites`. */
  readonly planned: readonly { readonly siteId: string; readonly goLiveMonth: number; readonly constructionStartMonth: number; readonly capexBn: number }[];
  readonly uncertainty: Uncertainty;
  readonly seed: number;
}

/** Raw results of samples from..to − 1: go-live months (samples × sites) and each sample's least headroom. */
export interface SampleBlock {
  readonly from: number;
  readonly goLive: Int32Array;
  readonly minHeadroomBn: Float64Array;
}

/**
 * The base of a plan's evaluation. Every planned site must be in the uncertainty, in plan order.
 * @example planRiskBase(timeline, plan, uncertainty, 1, 1).planned.length === plan.sites.length
 */
export function planRiskBase(timeline: Timeline, plan: Plan, uncertainty: Uncertainty, gwPerSite: number, seed: number): PlanRiskBase {
  const bySite = new Map(plan.sites.map((s) => [s.siteId as string, s]));
  const planned = uncertainty.sites.map((u) => {
    const s = bySite.get(u.siteId);
    if (s === undefined) throw new InternalError(`site ${u.siteId} of the uncertainty is not in the plan`);
    return { siteId: u.siteId, goLiveMonth: s.goLiveMonth, constructionStartMonth: s.constructionStartMonth, capexBn: s.capexBn };
  });
  if (planned.length !== plan.sites.length) throw new InternalError("a planned site has no uncertainty");
  return { timeline, gwPerSite, planned, uncertainty, seed };
}

/**
 * Samples from..to − 1 of the evaluation stream.
 * @example evaluateSamples(base, 0, 100).goLive.length === 100 * base.planned.length
 */
export function evaluateSamples(base: PlanRiskBase, from: number, to: number): SampleBlock {
  const n = base.planned.length;
  const goLive = new Int32Array((to - from) * n);
  const minHeadroomBn = new Float64Array(to - from);
  const ready = new Int32Array(n);
  const builds = new Int32Array(n);
  const actual = new Array<number>(n);
  // Samples with the same go-live months have the same ledger (it depends on nothing else).
  const known = ledgers.get(base) ?? new Map<string, number>();
  ledgers.set(base, known);
  for (let index = from; index < to; index++) {
    sampleReadyMonths(base.uncertainty, base.seed, STREAM.evaluate, index, ready, builds);
    base.planned.forEach((p, i) => {
      actual[i] = sampledGoLive(p.goLiveMonth, ready[i] as number, p.constructionStartMonth, builds[i] as number);
      goLive[(index - from) * n + i] = actual[i] as number;
    });
    const key = actual.join(",");
    let headroom = known.get(key);
    if (headroom === undefined) {
      const months = new Map<string, number>();
      const sites: SchedulableSite[] = base.planned.map((p, i) => {
        months.set(p.siteId, actual[i] as number);
        return {
          siteId: asSiteId(p.siteId),
          readyMonth: actual[i] as number,
          buildMonths: (actual[i] as number) - p.constructionStartMonth,
          capexBn: p.capexBn,
        };
      });
      headroom = ledgerOf(base.timeline, plannedSites(sites, months)).minHeadroomBn;
      known.set(key, headroom);
    }
    minHeadroomBn[index - from] = headroom;
  }
  return { from, goLive, minHeadroomBn };
}

/**
 * A planned site's go-live in one sample: the latest of its planned go-live, its sampled ready
 * month and its planned construction start plus its sampled build (whole months). The one rule
 * of evaluations; robust planning's rows and its verifier state it again on their own.
 * @example sampledGoLive(30, 24, 18, 14) // 32: held back 6 months, but the build overran by 2
 */
export function sampledGoLive(plannedGoLive: number, sampledReady: number, constructionStart: number, sampledBuildMonths: number): number {
  return Math.max(plannedGoLive, sampledReady, constructionStart + sampledBuildMonths);
}

/** Least headroom by go-live months, per base: a pure function of them, so caching changes nothing. */
const ledgers = new WeakMap<PlanRiskBase, Map<string, number>>();
