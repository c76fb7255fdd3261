/**
 * What a plan's delay-risk samples say: P(milestone k met), P(all met), GW-months by the
 * horizon, cash shortfalls, each site's lateness and criticality, and GW live month by month.
 * Aggregated in sample order from the raw blocks, so the figures do not depend on which thread
 * computed which sample.
 */
import { monthLabel } from "../schedule/calendar.ts";
import type { PlanRiskBase, SampleBlock } from "./evaluate.ts";

/** Money tolerance of the ledger: a sample exactly on a limit has no shortfall. */
const MONEY_TOLERANCE_BN = 1e-6;

export interface Percentiles {
  readonly mean: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

export interface MilestoneRisk {
  readonly index: number;
  readonly date: string;
  /** Sites live by the date in the plan itself. */
  readonly plannedLive: number;
  readonly probabilityMet: number;
}

export interface SiteRisk {
  readonly siteId: string;
  readonly plannedGoLive: string;
  /** Share of samples in which the site went live after its planned month. */
  readonly probabilityLate: number;
  readonly meanDelayMonths: number;
  /** 90th percentile of its go-live month (`YYYY-MM`). */
  readonly p90GoLive: string;
  /** Share of the missed (sample, milestone) pairs in which this site was planned live by the milestone but was not. */
  readonly criticality: number;
}

export interface RiskSummary {
  readonly samples: number;
  readonly seed: number;
  readonly milestones: readonly MilestoneRisk[];
  readonly probabilityAllMet: number;
  /** Standard error of probabilityAllMet: sqrt(p(1 − p)/samples). */
  readonly probabilityAllMetStdErr: number;
  /** GW-months live by the horizon (the last milestone's month), planned and sampled. */
  readonly gwMonthsPlanned: number;
  readonly gwMonths: Percentiles;
  readonly probabilityShortfall: number;
  /** Sizes of the shortfalls ($B, the most the ledger went below zero), over the samples that had one. */
  readonly shortfallBn: Percentiles | null;
  readonly sites: readonly SiteRisk[];
  /** GW live by the start of each month: the plan's and the sampled P10/P50/P90. */
  readonly fan: readonly { readonly label: string; readonly planned: number; readonly p10: number; readonly p50: number; readonly p90: number }[];
}

/** Nearest-rank percentile of sorted values: the ceil(p·n)-th smallest. @example nearestRank([1, 2, 3, 4], 0.5) // 2 */
export function nearestRank(sortedValues: ArrayLike<number>, p: number): number {
  const n = sortedValues.length;
  return sortedValues[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))] as number;
}

function percentiles(values: Float64Array): Percentiles {
  const sortedValues = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return {
    mean: sum / values.length,
    p10: nearestRank(sortedValues, 0.1),
    p50: nearestRank(sortedValues, 0.5),
    p90: nearestRank(sortedValues, 0.9),
    min: sortedValues[0] as number,
    max: sortedValues[sortedValues.length - 1] as number,
  };
}

/**
 * The summary of blocks covering samples 0..samples − 1 (in any order).
 * @example summarizeRisk(base, [evaluateSamples(base, 0, 1000)]).probabilityAllMet
 */
export function summarizeRisk(base: PlanRiskBase, blocks: readonly SampleBlock[]): RiskSummary {
  const n = base.planned.length;
  const ordered = [...blocks].sort((a, b) => a.from - b.from);
  const samples = ordered.reduce((sum, b) => sum + b.minHeadroomBn.length, 0);
  const { calendar, milestones } = base.timeline;
  const months = calendar.months;
  const planned = base.planned.map((p) => p.goLiveMonth);
  const met = new Array<number>(milestones.length).fill(0);
  let allMet = 0;
  let missedPairs = 0;
  const lateInMissed = new Array<number>(n).fill(0);
  const late = new Array<number>(n).fill(0);
  const delay = new Array<number>(n).fill(0);
  const goLiveBySite = Array.from({ length: n }, () => new Int32Array(samples));
  const gwMonths = new Float64Array(samples);
  const shortfalls: number[] = [];
  // liveCount[t * (n + 1) + c]: samples with c sites live in month t.
  const liveCount = new Int32Array(months * (n + 1));
  const live = new Int32Array(months);
  let s = 0;
  for (const block of ordered) {
    for (let j = 0; j < block.minHeadroomBn.length; j++, s++) {
      const row = block.goLive.subarray(j * n, (j + 1) * n);
      let everyMet = true;
      milestones.forEach((m, k) => {
        let count = 0;
        for (let i = 0; i < n; i++) if ((row[i] as number) <= m.month) count++;
        if (count >= m.index) met[k] = (met[k] as number) + 1;
        else {
          everyMet = false;
          missedPairs++;
          for (let i = 0; i < n; i++) if ((planned[i] as number) <= m.month && (row[i] as number) > m.month) lateInMissed[i] = (lateInMissed[i] as number) + 1;
        }
      });
      if (everyMet) allMet++;
      live.fill(0);
      let gm = 0;
      for (let i = 0; i < n; i++) {
        const g = row[i] as number;
        (goLiveBySite[i] as Int32Array)[s] = g;
        if (g > (planned[i] as number)) late[i] = (late[i] as number) + 1;
        delay[i] = (delay[i] as number) + g - (planned[i] as number);
        gm += Math.max(0, months - Math.max(0, g)) * base.gwPerSite;
        for (let t = Math.max(0, g); t < months; t++) live[t] = (live[t] as number) + 1;
      }
      gwMonths[s] = gm;
      for (let t = 0; t < months; t++) {
        const cell = t * (n + 1) + (live[t] as number);
        liveCount[cell] = (liveCount[cell] as number) + 1;
      }
      const headroom = block.minHeadroomBn[j] as number;
      if (headroom < -MONEY_TOLERANCE_BN) shortfalls.push(-headroom);
    }
  }
  const pAll = allMet / samples;
  const countPercentile = (t: number, p: number): number => {
    const target = Math.ceil(p * samples);
    let cumulative = 0;
    for (let c = 0; c <= n; c++) {
      cumulative += liveCount[t * (n + 1) + c] as number;
      if (cumulative >= target) return c * base.gwPerSite;
    }
    return n * base.gwPerSite;
  };
  return {
    samples,
    seed: base.seed,
    milestones: milestones.map((m, k) => ({
      index: m.index,
      date: m.date,
      plannedLive: planned.filter((g) => g <= m.month).length,
      probabilityMet: (met[k] as number) / samples,
    })),
    probabilityAllMet: pAll,
    probabilityAllMetStdErr: Math.sqrt((pAll * (1 - pAll)) / samples),
    gwMonthsPlanned: planned.reduce((sum, g) => sum + Math.max(0, months - Math.max(0, g)) * base.gwPerSite, 0),
    gwMonths: percentiles(gwMonths),
    probabilityShortfall: shortfalls.length / samples,
    shortfallBn: shortfalls.length === 0 ? null : percentiles(Float64Array.from(shortfalls)),
    sites: base.planned.map((p, i) => {
      const sortedGoLive = Int32Array.from(goLiveBySite[i] as Int32Array).sort();
      return {
        siteId: p.siteId,
        plannedGoLive: monthLabel(calendar, p.goLiveMonth),
        probabilityLate: (late[i] as number) / samples,
        meanDelayMonths: (delay[i] as number) / samples,
        p90GoLive: monthLabel(calendar, nearestRank(sortedGoLive, 0.9)),
        criticality: missedPairs === 0 ? 0 : (lateInMissed[i] as number) / missedPairs,
      };
    }),
    fan: Array.from({ length: months }, (_, t) => ({
      label: monthLabel(calendar, t),
      planned: planned.filter((g) => g <= t).length * base.gwPerSite,
      p10: countPercentile(t, 0.1),
      p50: countPercentile(t, 0.5),
      p90: countPercentile(t, 0.9),
    })),
  };
}
