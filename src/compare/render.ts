/**
 * The two file forms of a comparison: `compare.md` for people and `compare.json` for scripts.
 * Pure: the same comparison gives the same bytes (no timestamps).
 */
import { round } from "../core/format.ts";
import { escapeMarkdown } from "../report/summary.ts";
import type { Comparison, MainCause, RankMove } from "./compare.ts";

/** Format version of compare.json; bumped when a field changes meaning. */
export const COMPARE_JSON_VERSION = 1;

const signed = (v: number, decimals: number): string => `${v > 0 ? "+" : ""}${round(v, decimals).toFixed(decimals)}`;

/** "capex_bn −3.20 pts" style. @example causeText({ criterion: "capex_bn", pointsChange: -3.2 }) // "capex_bn -3.20 pts" */
export function causeText(cause: MainCause | null): string {
  return cause ? `${cause.criterion} ${signed(cause.pointsChange, 2)} pts` : "";
}

const rankText = (rank: number | null): string => (rank === null ? "–" : String(rank));

/** The rank change as arrows readers scan quickly: "12 → 4 (▲8)". */
export function moveText(m: RankMove): string {
  if (m.rankA === null) return `new → ${m.rankB ?? "–"}`;
  if (m.rankB === null) return `${m.rankA} → out`;
  const d = m.rankA - m.rankB;
  return `${m.rankA} → ${m.rankB} (${d > 0 ? "▲" : "▼"}${Math.abs(d)})`;
}

/**
 * compare.json: the comparison with snake_case keys like run.json, floats rounded.
 * @example comparisonJson(c).entered // ["S0412"]
 */
export function comparisonJson(c: Comparison): Record<string, unknown> {
  const side = (s: Comparison["a"]): Record<string, unknown> => ({
    dir: s.dir,
    model: s.model,
    status: s.status,
    objective_kind: s.objectiveKind,
    objective: s.objective,
    budget_bn: s.budgetBn,
    budget_used_bn: s.budgetUsedBn,
    last_online_date: s.lastOnlineDate,
  });
  return {
    format: "gigasite-compare",
    version: COMPARE_JSON_VERSION,
    a: side(c.a),
    b: side(c.b),
    entered: c.entered,
    left: c.left,
    kept: c.kept,
    top_n: c.topN,
    rank_moves: c.rankMoves.map((m) => ({
      site_id: m.siteId,
      name: m.name,
      rank_a: m.rankA,
      rank_b: m.rankB,
      score_a: m.scoreA,
      score_b: m.scoreB,
      score_change: m.scoreChange === null ? null : round(m.scoreChange, 6),
      main_cause: m.mainCause ? { criterion: m.mainCause.criterion, points_change: round(m.mainCause.pointsChange, 6) } : null,
    })),
    objective_delta: c.objectiveDelta === null ? null : round(c.objectiveDelta, 6),
    budget_delta_bn: round(c.budgetDeltaBn, 6),
    budget_used_delta_bn: round(c.budgetUsedDeltaBn, 6),
    schedule_changes: c.scheduleChanges.map((s) => ({
      slot: s.slot,
      site_a: s.siteA,
      site_b: s.siteB,
      online_date_a: s.onlineDateA,
      online_date_b: s.onlineDateB,
    })),
    last_online_shift_days: c.lastOnlineShiftDays,
    agreement: {
      common_sites: c.agreement.commonSites,
      kendall_tau: c.agreement.kendallTau === null ? null : round(c.agreement.kendallTau, 6),
      top10_overlap: c.agreement.top10Overlap,
    },
    sites_added: c.sitesAdded,
    sites_removed: c.sitesRemoved,
    warnings: c.warnings,
  };
}

const ids = (list: readonly string[]): string => (list.length === 0 ? "none" : list.map(escapeMarkdown).join(", "));

/**
 * compare.md: the comparison for people, with the same figures as compare.json.
 * @example compareMarkdown(c).startsWith("# gigasite compare") // true
 */
export function compareMarkdown(c: Comparison): string {
  const out: string[] = [`# gigasite compare: ${escapeMarkdown(c.a.model)} → ${escapeMarkdown(c.b.model)}`, ""];
  out.push(`A: \`${c.a.dir}\` (${c.a.status}); B: \`${c.b.dir}\` (${c.b.status})`, "");
  for (const w of c.warnings) out.push(`> **Warning:** ${escapeMarkdown(w)}`, "");
  out.push("## Selection", "");
  out.push(`- Entered: ${ids(c.entered)}`, `- Left: ${ids(c.left)}`, `- Kept: ${c.kept.length} sites`, "");
  out.push("## Totals", "", "| | A | B | B − A |", "| --- | ---: | ---: | ---: |");
  const fmt = (v: number | null): string => (v === null ? "–" : round(v, 3).toFixed(3));
  out.push(`| objective (${c.a.objectiveKind}) | ${fmt(c.a.objective)} | ${fmt(c.b.objective)} | ${c.objectiveDelta === null ? "–" : signed(c.objectiveDelta, 3)} |`);
  out.push(`| budget $B | ${fmt(c.a.budgetBn)} | ${fmt(c.b.budgetBn)} | ${signed(c.budgetDeltaBn, 3)} |`);
  out.push(`| budget used $B | ${fmt(c.a.budgetUsedBn)} | ${fmt(c.b.budgetUsedBn)} | ${signed(c.budgetUsedDeltaBn, 3)} |`);
  const shift = c.lastOnlineShiftDays === null ? "–" : `${c.lastOnlineShiftDays > 0 ? "+" : ""}${c.lastOnlineShiftDays} days`;
  out.push(`| last site online | ${c.a.lastOnlineDate ?? "–"} | ${c.b.lastOnlineDate ?? "–"} | ${shift} |`, "");
  if (c.scheduleChanges.length > 0) {
    out.push("## Schedule changes", "", "| slot | A site | A online | B site | B online |", "| ---: | --- | --- | --- | --- |");
    for (const s of c.scheduleChanges) out.push(`| ${s.slot} | ${s.siteA ?? "–"} | ${s.onlineDateA ?? "–"} | ${s.siteB ?? "–"} | ${s.onlineDateB ?? "–"} |`);
    out.push("");
  }
  out.push(`## Rank moves in the top ${c.topN}`, "");
  if (c.rankMoves.length === 0) out.push("No site in the top ranks moved.", "");
  else {
    out.push("| site | name | rank A → B | score A | score B | change | main cause |", "| --- | --- | --- | ---: | ---: | ---: | --- |");
    for (const m of c.rankMoves) {
      out.push(
        `| ${escapeMarkdown(m.siteId)} | ${escapeMarkdown(m.name)} | ${moveText(m)} | ${fmt(m.scoreA)} | ${fmt(m.scoreB)} | ${m.scoreChange === null ? "–" : signed(m.scoreChange, 3)} | ${escapeMarkdown(causeText(m.mainCause))} |`,
      );
    }
    out.push("");
  }
  const tau = c.agreement.kendallTau === null ? "–" : c.agreement.kendallTau.toFixed(3);
  out.push("## Rank agreement", "", `Over the ${c.agreement.commonSites} sites screened in by both runs: Kendall's tau ${tau}; top-10 overlap ${c.agreement.top10Overlap} of 10.`, "");
  out.push("## Sites file", "", `- Added in B: ${ids(c.sitesAdded)}`, `- Removed in B: ${ids(c.sitesRemoved)}`, "");
  return out.join("\n");
}
