/**
 * Rank moves between two runs, with the noise taken out: a site whose score did not change (at
 * the two decimals every output shows) and that only moved because other sites entered, left
 * or moved past it is not listed; such shifts are counted in one line instead.
 */
import type { SiteId } from "../sites/types.ts";
import type { RankedRow } from "./readRun.ts";

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

/** Rank shifts of sites whose own score did not change, folded into counts. */
export interface ShiftedOnly {
  /** How many sites in the top N moved only because others moved. */
  readonly count: number;
  /** Rank change (positive = up) → how many sites, biggest group first. */
  readonly byShift: readonly { readonly shift: number; readonly sites: number }[];
}

/** Scores are shown with two decimals: a change below half a hundredth is not a change. */
export const SCORE_DISPLAY_EPSILON = 0.005;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The criterion whose points moved most in the direction of the site's overall change (a score
 * that fell is explained by a criterion that fell); the largest absolute change when the overall
 * score did not move (ties: first in A's column order).
 * @example mainCauseOf(rowA, rowB) // { criterion: "capex_bn", pointsChange: -3.2 }
 */
export function mainCauseOf(a: RankedRow, b: RankedRow): MainCause | null {
  const overall = a.overallScore !== null && b.overallScore !== null ? b.overallScore - a.overallScore : 0;
  const direction = Math.abs(overall) < SCORE_DISPLAY_EPSILON ? 0 : Math.sign(overall);
  let best: MainCause | null = null;
  for (const [criterion, pointsA] of a.points) {
    const pointsB = b.points.get(criterion);
    if (pointsA === null || pointsB === null || pointsB === undefined) continue;
    const change = pointsB - pointsA;
    if (direction !== 0 && Math.sign(change) !== direction) continue;
    if (Math.abs(change) >= SCORE_DISPLAY_EPSILON / 10 && (best === null || Math.abs(change) > Math.abs(best.pointsChange)))
      best = { criterion, pointsChange: change };
  }
  return best;
}

/**
 * Sites in the top N of either run whose rank differs, split into real moves (the score changed,
 * or the site entered or left the ranking) and shifts only.
 * @example const { moves, shiftedOnly } = rankMoves(rowsA, rowsB, 25); shiftedOnly.count // 23
 */
export function rankMoves(
  rowsA: ReadonlyMap<string, RankedRow>,
  rowsB: ReadonlyMap<string, RankedRow>,
  topN: number,
): { moves: RankMove[]; shiftedOnly: ShiftedOnly } {
  const inTop = (r: RankedRow | undefined): boolean => r !== undefined && r.rank !== null && r.rank <= topN;
  const ids = new Set<string>();
  for (const [id, row] of rowsA) if (inTop(row)) ids.add(id);
  for (const [id, row] of rowsB) if (inTop(row)) ids.add(id);
  const moves: RankMove[] = [];
  const shifts = new Map<number, number>();
  let shiftedCount = 0;
  for (const id of ids) {
    const a = rowsA.get(id);
    const b = rowsB.get(id);
    const rankA = a?.rank ?? null;
    const rankB = b?.rank ?? null;
    if (rankA === rankB) continue;
    const scoreA = a?.overallScore ?? null;
    const scoreB = b?.overallScore ?? null;
    const scoreChange = scoreA !== null && scoreB !== null ? scoreB - scoreA : null;
    if (rankA !== null && rankB !== null && scoreChange !== null && Math.abs(scoreChange) < SCORE_DISPLAY_EPSILON) {
      shiftedCount++;
      shifts.set(rankA - rankB, (shifts.get(rankA - rankB) ?? 0) + 1);
      continue;
    }
    moves.push({
      siteId: (b ?? a)?.siteId ?? (id as SiteId),
      name: (b ?? a)?.name ?? "",
      rankA,
      rankB,
      scoreA,
      scoreB,
      scoreChange,
      mainCause: a && b ? mainCauseOf(a, b) : null,
    });
  }
  const bestRank = (m: RankMove): number => Math.min(m.rankA ?? Infinity, m.rankB ?? Infinity);
  const byShift = [...shifts].map(([shift, sites]) => ({ shift, sites })).sort((x, y) => y.sites - x.sites || y.shift - x.shift);
  return { moves: moves.sort((x, y) => bestRank(x) - bestRank(y) || byId(x.siteId, y.siteId)), shiftedOnly: { count: shiftedCount, byShift } };
}
