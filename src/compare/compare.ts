/**
 * Run vs run: what entered and left the selection, how the ranking moved and why, the
 * objective, budget and schedule deltas, and how far the two rankings agree overall.
 */
import type { SiteId } from "../sites/types.ts";
import { kendallTau, topOverlap } from "./agreement.ts";
import type { RankedRow, RunRecord } from "./readRun.ts";

/** The criterion whose points moved most between the runs: the main cause of a score change. */
export interface MainCause {
  readonly criterion: string;
  /** Points in B minus points in A. */
  readonly pointsChange: number;
}

export interface RankMove {
  readonly siteId: SiteId;
  readonly name: string;
  /** Rank in run A, null when the site was not screened in (or absent) there. */
  readonly rankA: number | null;
  readonly rankB: number | null;
  readonly scoreA: number | null;
  readonly scoreB: number | null;
  /** scoreB − scoreA, null unless both are known. */
  readonly scoreChange: number | null;
  /** Null when nothing moved or the runs share no criteria. */
  readonly mainCause: MainCause | null;
}

export interface SlotChange {
  readonly slot: number;
  readonly siteA: string | null;
  readonly siteB: string | null;
  readonly onlineDateA: string | null;
  readonly onlineDateB: string | null;
}

export interface RunSide {
  readonly dir: string;
  readonly model: string;
  readonly status: string;
  readonly objectiveKind: string;
  readonly objective: number | null;
  readonly budgetBn: number;
  readonly budgetUsedBn: number;
  /** Online date of the last scheduled site, null without a schedule. */
  readonly lastOnlineDate: string | null;
}

export interface Comparison {
  readonly a: RunSide;
  readonly b: RunSide;
  /** Selected in B, not in A. */
  readonly entered: readonly SiteId[];
  /** Selected in A, not in B. */
  readonly left: readonly SiteId[];
  /** Selected in both. */
  readonly kept: readonly SiteId[];
  /** Sites in the top N of either run whose rank differs, by their best rank. */
  readonly rankMoves: readonly RankMove[];
  readonly topN: number;
  /** B − A; null when either run has no objective or the objectives differ in kind. */
  readonly objectiveDelta: number | null;
  readonly budgetDeltaBn: number;
  readonly budgetUsedDeltaBn: number;
  /** Slots whose site or online date differ. */
  readonly scheduleChanges: readonly SlotChange[];
  /** Days from A's last online date to B's, null unless both have a schedule. */
  readonly lastOnlineShiftDays: number | null;
  /** Rank agreement over the sites screened in by both runs. */
  readonly agreement: {
    readonly commonSites: number;
    readonly kendallTau: number | null;
    readonly top10Overlap: number;
  };
  /** Site ids in B's CSV and not A's, and the reverse. */
  readonly sitesAdded: readonly SiteId[];
  readonly sitesRemoved: readonly SiteId[];
  readonly warnings: readonly string[];
}

export interface CompareOptions {
  /** Rank moves are reported among this many top sites of either run (default 25). */
  readonly topN?: number;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sideOf(record: RunRecord): RunSide {
  const r = record.run;
  const sites = r.plan?.sites ?? [];
  const last = sites.length > 0 ? [...sites].map((e) => e.go_live_date).sort().at(-1) ?? null : null;
  return {
    dir: record.dir,
    model: r.model,
    status: r.status,
    objectiveKind: r.objective_kind,
    objective: r.objective,
    budgetBn: r.budget_bn,
    budgetUsedBn: r.budget_used_bn,
    lastOnlineDate: last,
  };
}

/**
 * The criterion with the largest absolute change in points (ties: first in A's column order).
 * @example mainCauseOf(rowA, rowB) // { criterion: "capex_bn", pointsChange: -3.2 }
 */
export function mainCauseOf(a: RankedRow, b: RankedRow): MainCause | null {
  let best: MainCause | null = null;
  for (const [criterion, pointsA] of a.points) {
    const pointsB = b.points.get(criterion);
    if (pointsA === null || pointsB === null || pointsB === undefined) continue;
    const change = pointsB - pointsA;
    if (Math.abs(change) > 1e-9 && (best === null || Math.abs(change) > Math.abs(best.pointsChange))) best = { criterion, pointsChange: change };
  }
  return best;
}

function rankMoves(rowsA: ReadonlyMap<string, RankedRow>, rowsB: ReadonlyMap<string, RankedRow>, topN: number): RankMove[] {
  const inTop = (r: RankedRow | undefined): boolean => r !== undefined && r.rank !== null && r.rank <= topN;
  const ids = new Set<string>();
  for (const [id, row] of rowsA) if (inTop(row)) ids.add(id);
  for (const [id, row] of rowsB) if (inTop(row)) ids.add(id);
  const moves: RankMove[] = [];
  for (const id of ids) {
    const a = rowsA.get(id);
    const b = rowsB.get(id);
    const rankA = a?.rank ?? null;
    const rankB = b?.rank ?? null;
    if (rankA === rankB) continue;
    const scoreA = a?.overallScore ?? null;
    const scoreB = b?.overallScore ?? null;
    moves.push({
      siteId: (b ?? a)?.siteId ?? (id as SiteId),
      name: (b ?? a)?.name ?? "",
      rankA,
      rankB,
      scoreA,
      scoreB,
      scoreChange: scoreA !== null && scoreB !== null ? scoreB - scoreA : null,
      mainCause: a && b ? mainCauseOf(a, b) : null,
    });
  }
  const bestRank = (m: RankMove): number => Math.min(m.rankA ?? Infinity, m.rankB ?? Infinity);
  return moves.sort((x, y) => bestRank(x) - bestRank(y) || byId(x.siteId, y.siteId));
}

function scheduleChanges(a: RunRecord, b: RunRecord): SlotChange[] {
  const slotsOf = (r: RunRecord): Map<number, { site: string; online: string }> =>
    new Map((r.run.plan?.sites ?? []).map((e) => [e.slot, { site: e.site_id, online: e.go_live_date }]));
  const sa = slotsOf(a);
  const sb = slotsOf(b);
  const slots = [...new Set([...sa.keys(), ...sb.keys()])].sort((x, y) => x - y);
  const changes: SlotChange[] = [];
  for (const slot of slots) {
    const ea = sa.get(slot);
    const eb = sb.get(slot);
    if (ea?.site === eb?.site && ea?.online === eb?.online) continue;
    changes.push({ slot, siteA: ea?.site ?? null, siteB: eb?.site ?? null, onlineDateA: ea?.online ?? null, onlineDateB: eb?.online ?? null });
  }
  return changes;
}

const dayOfIso = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * Compares two runs read with `readRun`: B is the new run, A the reference.
 * @example const c = compareRuns(before, after); c.entered // ["S0412"]
 */
export function compareRuns(a: RunRecord, b: RunRecord, options: CompareOptions = {}): Comparison {
  const topN = options.topN ?? 25;
  const rowsA = new Map(a.ranked.map((r) => [r.siteId as string, r]));
  const rowsB = new Map(b.ranked.map((r) => [r.siteId as string, r]));
  const selA = new Set(a.run.selected);
  const selB = new Set(b.run.selected);
  const entered = [...selB].filter((id) => !selA.has(id)).sort(byId) as SiteId[];
  const left = [...selA].filter((id) => !selB.has(id)).sort(byId) as SiteId[];
  const kept = [...selA].filter((id) => selB.has(id)).sort(byId) as SiteId[];

  const rankedInBoth = a.ranked.filter((r) => r.rank !== null && rowsB.get(r.siteId)?.rank != null);
  const pairs = rankedInBoth.map((r) => [r.rank as number, rowsB.get(r.siteId)?.rank as number] as const);
  const topIds = (rows: readonly RankedRow[]): string[] =>
    rows.filter((r) => r.rank !== null && r.rank <= 10).map((r) => r.siteId as string);

  const sideA = sideOf(a);
  const sideB = sideOf(b);
  const sameKind = sideA.objectiveKind === sideB.objectiveKind;
  const objectiveDelta = sameKind && sideA.objective !== null && sideB.objective !== null ? sideB.objective - sideA.objective : null;
  const lastShift =
    sideA.lastOnlineDate !== null && sideB.lastOnlineDate !== null ? dayOfIso(sideB.lastOnlineDate) - dayOfIso(sideA.lastOnlineDate) : null;

  const warnings: string[] = [];
  const inA = a.run.inputs;
  const inB = b.run.inputs;
  if (inA.model.sha256 !== inB.model.sha256) {
    warnings.push(`the runs used different models (${a.run.model} from ${inA.model.file}; ${b.run.model} from ${inB.model.file})`);
  }
  if (inA.sites.sha256 !== inB.sites.sha256) {
    warnings.push(`the runs used different site CSVs (${inA.sites.file}, ${inA.sites.rows} rows; ${inB.sites.file}, ${inB.sites.rows} rows)`);
  }
  if (!sameKind) warnings.push(`the objectives differ in kind (${sideA.objectiveKind} vs ${sideB.objectiveKind}): no objective delta`);

  return {
    a: sideA,
    b: sideB,
    entered,
    left,
    kept,
    rankMoves: rankMoves(rowsA, rowsB, topN),
    topN,
    objectiveDelta,
    budgetDeltaBn: sideB.budgetBn - sideA.budgetBn,
    budgetUsedDeltaBn: sideB.budgetUsedBn - sideA.budgetUsedBn,
    scheduleChanges: scheduleChanges(a, b),
    lastOnlineShiftDays: lastShift,
    agreement: { commonSites: pairs.length, kendallTau: kendallTau(pairs), top10Overlap: topOverlap(topIds(a.ranked), topIds(b.ranked)) },
    sitesAdded: [...rowsB.keys()].filter((id) => !rowsA.has(id)).sort(byId) as SiteId[],
    sitesRemoved: [...rowsA.keys()].filter((id) => !rowsB.has(id)).sort(byId) as SiteId[],
    warnings,
  };
}
