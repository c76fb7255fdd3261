/**
 * The two file forms of a comparison: `compare.md` for people and `compare.json` for scripts.
 * Pure: the same comparison gives the same bytes (no timestamps). The terminal renders the same
 * sections as compare.md (see `sections.ts`).
 */
import { round } from "../core/format.ts";
import { escapeMarkdown } from "../report/summary.ts";
import type { EditCauses } from "./causes.ts";
import type { Comparison } from "./compare.ts";
import { groupKey } from "./revert.ts";
import { comparisonSections, type Block } from "./sections.ts";

export { causeText, moveText } from "./sections.ts";

/** Format version of compare.json; bumped when a field changes meaning. */
export const COMPARE_JSON_VERSION = 2;

const r6 = (v: number | null): number | null => (v === null ? null : round(v, 6));

function causesJson(causes: EditCauses | null): unknown {
  if (causes === null) return null;
  if (causes.status === "skipped") return { status: "skipped", reason: causes.reason };
  return {
    status: "established",
    max_solves: causes.maxSolves,
    solves: causes.solves,
    bound_reached: causes.boundReached,
    sites: causes.sites.map((s) => ({
      site_id: s.siteId,
      change: s.change,
      cause: s.cause.kind,
      edits: s.cause.kind === "unexplained" ? [] : s.cause.groups.map(groupKey),
    })),
    trials: causes.trials.map((t) => ({
      reverted: t.reverted.map(groupKey),
      status: t.status,
      selected: t.selected,
      objective: r6(t.objective),
      peak_equity_bn: r6(t.peakEquityBn),
      undoes: t.restores,
    })),
  };
}

/**
 * compare.json: the comparison with snake_case keys like run.json, floats rounded.
 * @example comparisonJson(c, null).entered // ["S0412"]
 */
export function comparisonJson(c: Comparison, causes: EditCauses | null = null): Record<string, unknown> {
  const side = (s: Comparison["a"]): Record<string, unknown> => ({
    dir: s.dir,
    model: s.model,
    status: s.status,
    objective_kind: s.objectiveKind,
    objective: s.objective,
    objective_parts: s.objectiveParts,
    budget_bn: s.budgetBn,
    budget_used_bn: s.budgetUsedBn,
    peak_equity_bn: s.peakEquityBn,
    last_online_date: s.lastOnlineDate,
  });
  const d = c.inputs;
  return {
    format: "gigasite-compare",
    version: COMPARE_JSON_VERSION,
    a: side(c.a),
    b: side(c.b),
    inputs:
      d === null
        ? null
        : {
            cells: d.cells.map((e) => ({
              site_id: e.siteId,
              column: e.column,
              before: e.before,
              after: e.after,
              assumed_before: e.assumedBefore,
              assumed_after: e.assumedAfter,
            })),
            rows_added: d.rowsAdded,
            rows_removed: d.rowsRemoved,
            columns_added: d.columnsAdded,
            columns_removed: d.columnsRemoved,
            model: d.model.map((m) => ({ path: m.path, before: m.before ?? null, after: m.after ?? null })),
          },
    edited_sites: c.editedSites.map((s) => ({
      site_id: s.siteId,
      rank_a: s.rankA,
      rank_b: s.rankB,
      score_a: s.scoreA,
      score_b: s.scoreB,
      ready_a: s.readyA,
      ready_b: s.readyB,
      main_cause: s.mainCause ? { criterion: s.mainCause.criterion, points_change: round(s.mainCause.pointsChange, 6) } : null,
    })),
    entered: c.entered,
    left: c.left,
    kept: c.kept,
    causes: causesJson(causes),
    objective_delta: r6(c.objectiveDelta),
    objectives_differ: c.objectivesDiffer,
    budget_delta_bn: round(c.budgetDeltaBn, 6),
    budget_used_delta_bn: round(c.budgetUsedDeltaBn, 6),
    peak_equity_delta_bn: r6(c.peakEquityDeltaBn),
    plan_changes: c.planChanges.map((p) => ({ site_id: p.siteId, slot_a: p.slotA, slot_b: p.slotB, go_live_a: p.goLiveA, go_live_b: p.goLiveB })),
    last_online_shift_days: c.lastOnlineShiftDays,
    top_n: c.topN,
    rank_moves: c.rankMoves.map((m) => ({
      site_id: m.siteId,
      name: m.name,
      rank_a: m.rankA,
      rank_b: m.rankB,
      score_a: m.scoreA,
      score_b: m.scoreB,
      score_change: r6(m.scoreChange),
      main_cause: m.mainCause ? { criterion: m.mainCause.criterion, points_change: round(m.mainCause.pointsChange, 6) } : null,
    })),
    shifted_only: { count: c.shiftedOnly.count, by_shift: c.shiftedOnly.byShift },
    agreement: { common_sites: c.agreement.commonSites, kendall_tau: r6(c.agreement.kendallTau), top10_overlap: c.agreement.top10Overlap },
    sites_added: c.sitesAdded,
    sites_removed: c.sitesRemoved,
    warnings: c.warnings,
  };
}

function markdownBlock(block: Block): string[] {
  if (block.kind === "lines") return [...block.lines.map((l) => `- ${escapeMarkdown(l)}`), ""];
  return [
    `| ${block.head.map(escapeMarkdown).join(" | ")} |`,
    `| ${block.right.map((r) => (r ? "---:" : "---")).join(" | ")} |`,
    ...block.rows.map((row) => `| ${row.map(escapeMarkdown).join(" | ")} |`),
    "",
  ];
}

/**
 * compare.md: the comparison for people, the sections the terminal shows, in the same order.
 * @example compareMarkdown(c, null).startsWith("# gigasite compare") // true
 */
export function compareMarkdown(c: Comparison, causes: EditCauses | null = null): string {
  const out: string[] = [
    `# gigasite compare: ${escapeMarkdown(c.a.model)} → ${escapeMarkdown(c.b.model)}`,
    "",
    `A: \`${c.a.dir}\` (${c.a.status}); B: \`${c.b.dir}\` (${c.b.status})`,
    "",
  ];
  for (const section of comparisonSections(c, causes)) {
    if (section.title !== "") out.push(`## ${section.title}`, "");
    for (const block of section.blocks) out.push(...markdownBlock(block));
  }
  return out.join("\n");
}
