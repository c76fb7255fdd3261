/**
 * The comparison as one ordered list of sections of lines and tables: compare.md and the
 * terminal both render this list, so they show the same things in the same order.
 */
import { objectiveBreakdown } from "../report/objective.ts";
import { money, round, signed, signedMoney } from "../core/format.ts";
import type { EditCauses } from "./causes.ts";
import { causeLines, editValues, groupLabel } from "./causeText.ts";
import type { SiteId } from "../sites/types.ts";
import type { Comparison, ObjectivePartValue, SiteFacts } from "./compare.ts";
import { isEmptyDiff, modelValueText } from "./inputDiff.ts";
import type { MainCause, RankMove } from "./rankMoves.ts";

export type Block =
  | { readonly kind: "lines"; readonly lines: readonly string[] }
  | { readonly kind: "table"; readonly head: readonly string[]; readonly right: readonly boolean[]; readonly rows: readonly (readonly string[])[] };

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

const month = (date: string | null): string => date?.slice(0, 7) ?? "–";
const fixed = (v: number | null, decimals: number): string => (v === null ? "–" : round(v, decimals).toFixed(decimals));
const lines = (...items: string[]): Block => ({ kind: "lines", lines: items });
const list = (ids: readonly string[]): string => (ids.length === 0 ? "none" : ids.join(", "));
/** Models with more changed keys than this list the first ones and a count. */
const MODEL_EDITS_SHOWN = 20;

/** "capex_bn −3.20 pts". @example causeText({ criterion: "capex_bn", pointsChange: -3.2 }) // "capex_bn -3.20 pts" */
export function causeText(cause: MainCause | null): string {
  return cause ? `${cause.criterion} ${signed(cause.pointsChange, 2)} pts` : "";
}

/** The rank change as arrows readers scan quickly: "12 → 4 (▲8)". */
export function moveText(m: Pick<RankMove, "rankA" | "rankB">): string {
  if (m.rankA === null) return `${m.rankB === null ? "out → out" : `new → ${m.rankB}`}`;
  if (m.rankB === null) return `${m.rankA} → out`;
  const d = m.rankA - m.rankB;
  return d === 0 ? `${m.rankA}` : `${m.rankA} → ${m.rankB} (${d > 0 ? "▲" : "▼"}${Math.abs(d)})`;
}

/** "709.5" or "1187.1 = score 795.1 + early-power bonus 392.0". */
export function objectiveWithParts(value: number | null, parts: readonly ObjectivePartValue[], decimals = 1): string {
  if (value === null) return "–";
  return parts.length > 1 ? `${value.toFixed(decimals)} = ${objectiveBreakdown(parts, decimals, false)}` : value.toFixed(decimals);
}

const factsText = (f: SiteFacts | undefined): string =>
  f === undefined
    ? ""
    : `${f.name} (${f.region}${f.score === null ? "" : `, score ${f.score.toFixed(2)}`}${f.slot === null ? "" : `, slot ${f.slot}`}${f.goLiveDate === null ? "" : `, go-live ${f.goLiveDate}`})`;

/** The input changes: edited cells with their knock-on scores, ranks and dates, rows, columns, model keys. */
export function inputSection(c: Comparison): Section {
  const d = c.inputs;
  if (d === null) {
    const rows = [
      c.sitesAdded.length > 0 ? `sites only in B: ${list(c.sitesAdded)}` : "",
      c.sitesRemoved.length > 0 ? `sites only in A: ${list(c.sitesRemoved)}` : "",
    ].filter((l) => l !== "");
    return {
      title: "Input changes",
      blocks: [lines("not available: a run keeps no inputs.json (written by an older gigasite); re-run it to see the edited cells", ...rows)],
    };
  }
  if (isEmptyDiff(d)) return { title: "Input changes", blocks: [lines("none: both runs read the same sites and the same model")] };
  const blocks: Block[] = [];
  if (c.editedSites.length > 0) {
    blocks.push({
      kind: "table",
      head: ["site", "name", "edit", "score A → B", "main cause", "rank A → B", "ready A → B"],
      right: [false, false, false, true, false, false, false],
      rows: c.editedSites.map((s) => [
        s.siteId,
        s.name,
        s.edits.map((e) => `${e.column} ${editValues(e)}`).join("; "),
        s.scoreA === null && s.scoreB === null ? "–" : `${fixed(s.scoreA, 2)} → ${fixed(s.scoreB, 2)}`,
        causeText(s.mainCause) || (s.screenedOutB ?? ""),
        moveText(s),
        s.readyA === s.readyB ? month(s.readyA) : `${month(s.readyA)} → ${month(s.readyB)}`,
      ]),
    });
  }
  const more: string[] = [];
  const rowText = (id: string): string => {
    const f = c.facts.get(id as SiteId);
    const where = f === undefined ? "" : f.rank !== null ? `rank ${f.rank}, score ${fixed(f.score, 2)}` : `screened out: ${f.screenedOutReason ?? "–"}`;
    return `${id} ${f?.name ?? ""} (${where})`;
  };
  for (const id of d.rowsAdded) more.push(`row added: ${rowText(id)}`);
  for (const id of d.rowsRemoved) more.push(`row removed: ${rowText(id)}`);
  if (d.columnsAdded.length > 0) more.push(`columns added: ${list(d.columnsAdded)}`);
  if (d.columnsRemoved.length > 0) more.push(`columns removed: ${list(d.columnsRemoved)}`);
  for (const m of d.model.slice(0, MODEL_EDITS_SHOWN)) more.push(`model ${m.path}: ${modelValueText(m.before)} → ${modelValueText(m.after)}`);
  if (d.model.length > MODEL_EDITS_SHOWN) more.push(`… and ${d.model.length - MODEL_EDITS_SHOWN} more model keys`);
  if (more.length > 0) blocks.push(lines(...more));
  return { title: "Input changes", blocks };
}

/**
 * The causes alone, as watch mode prints them after the input changes.
 * @example causesSection(causes).title // "Why (re-solved with edits reverted)"
 */
export function causesSection(causes: EditCauses): Section {
  return { title: "Why (re-solved with edits reverted)", blocks: causeBlocks(causes) };
}

function causeBlocks(causes: EditCauses | null): Block[] {
  if (causes === null) return [];
  const blocks: Block[] = [lines(...causeLines(causes))];
  if (causes.status === "established" && causes.trials.length > 0) {
    blocks.push({
      kind: "table",
      head: ["re-solve with reverted", "status", "undoes", "objective", "peak equity"],
      right: [false, false, false, true, true],
      rows: causes.trials.map((t) => [
        t.reverted.map(groupLabel).join(" + "),
        t.status,
        t.restores.length === 0 ? "nothing" : t.restores.join(", "),
        fixed(t.objective, 1),
        t.peakEquityBn === null ? "–" : money(t.peakEquityBn),
      ]),
    });
  }
  return blocks;
}

function totalsTable(c: Comparison): Block {
  const delta = (x: number | null, y: number | null, show: (v: number) => string): string => (x === null || y === null ? "–" : show(y - x));
  const objective = c.objectivesDiffer ? "– (different objectives)" : c.objectiveDelta === null ? "–" : signed(c.objectiveDelta, 1);
  const shift = c.lastOnlineShiftDays === null ? "–" : `${c.lastOnlineShiftDays > 0 ? "+" : ""}${c.lastOnlineShiftDays} days`;
  return {
    kind: "table",
    head: ["", "A", "B", "B − A"],
    right: [false, true, true, true],
    rows: [
      [
        `objective (${c.b.objectiveKind})`,
        objectiveWithParts(c.a.objective, c.a.objectiveParts),
        objectiveWithParts(c.b.objective, c.b.objectiveParts),
        objective,
      ],
      ["budget used", money(c.a.budgetUsedBn), money(c.b.budgetUsedBn), delta(c.a.budgetUsedBn, c.b.budgetUsedBn, (bn) => signedMoney(bn, 2))],
      ["budget", money(c.a.budgetBn), money(c.b.budgetBn), delta(c.a.budgetBn, c.b.budgetBn, (bn) => signedMoney(bn, 2))],
      [
        "peak equity",
        c.a.peakEquityBn === null ? "–" : money(c.a.peakEquityBn),
        c.b.peakEquityBn === null ? "–" : money(c.b.peakEquityBn),
        delta(c.a.peakEquityBn, c.b.peakEquityBn, (bn) => signedMoney(bn, 2)),
      ],
      ["last go-live", c.a.lastOnlineDate ?? "–", c.b.lastOnlineDate ?? "–", shift],
    ],
  };
}

/**
 * The sections in order: input changes, selection (with causes), totals, plan changes, rank
 * moves, rank agreement. Warnings come first, as lines without a title.
 * @example comparisonSections(c, null).map((s) => s.title) // ["", "Input changes", "Selection", ...]
 */
export function comparisonSections(c: Comparison, causes: EditCauses | null): Section[] {
  const sections: Section[] = [];
  if (c.warnings.length > 0) sections.push({ title: "", blocks: [lines(...c.warnings.map((w) => `warning: ${w}`))] });
  sections.push(inputSection(c));
  const moved = [...c.entered.map((id) => `entered ${id} ${factsText(c.facts.get(id))}`), ...c.left.map((id) => `left ${id} ${factsText(c.facts.get(id))}`)];
  sections.push({ title: "Selection", blocks: [lines(...(moved.length > 0 ? moved : ["same sites"]), `kept ${c.kept.length} sites`), ...causeBlocks(causes)] });
  sections.push({ title: "Totals", blocks: [totalsTable(c)] });
  sections.push({
    title: "Plan changes (go-live slot and month)",
    blocks:
      c.planChanges.length === 0
        ? [lines("no selected site changed its slot or go-live month")]
        : [
            {
              kind: "table",
              head: ["site", "slot A → B", "go-live A → B"],
              right: [false, false, false],
              rows: c.planChanges.map((p) => [
                p.siteId,
                p.slotA === p.slotB ? String(p.slotA) : `${p.slotA ?? "–"} → ${p.slotB ?? "–"}`,
                p.goLiveA === p.goLiveB ? month(p.goLiveA) : `${month(p.goLiveA)} → ${month(p.goLiveB)}`,
              ]),
            },
          ],
  });
  const rankBlocks: Block[] = [];
  // Edited sites are shown with their edits under Input changes; listing them again is noise.
  const edited = new Set<string>([...c.editedSites.map((s) => s.siteId), ...(c.inputs?.rowsAdded ?? []), ...(c.inputs?.rowsRemoved ?? [])]);
  const moves = c.rankMoves.filter((m) => !edited.has(m.siteId));
  if (moves.length > 0) {
    rankBlocks.push({
      kind: "table",
      head: ["site", "name", "rank A → B", "score A", "score B", "change", "main cause"],
      right: [false, false, false, true, true, true, false],
      rows: moves.map((m) => [
        m.siteId,
        m.name,
        moveText(m),
        fixed(m.scoreA, 2),
        fixed(m.scoreB, 2),
        m.scoreChange === null ? "–" : signed(m.scoreChange, 2),
        causeText(m.mainCause),
      ]),
    });
  }
  const shifted = c.shiftedOnly;
  if (shifted.count > 0) {
    const groups = shifted.byShift.map((s) => `${s.sites} ${s.shift > 0 ? "▲" : "▼"}${Math.abs(s.shift)}`).join(", ");
    rankBlocks.push(
      lines(
        `${shifted.count} other site${shifted.count === 1 ? "" : "s"} moved only because sites above them entered, left or moved (score unchanged): ${groups}`,
      ),
    );
  }
  const editedMoved = c.rankMoves.filter((m) => edited.has(m.siteId)).map((m) => m.siteId);
  if (editedMoved.length > 0) rankBlocks.push(lines(`${list(editedMoved)}: edited, added or removed, see Input changes`));
  if (rankBlocks.length === 0) rankBlocks.push(lines("no site in the top ranks moved"));
  sections.push({ title: `Rank moves in the top ${c.topN}`, blocks: rankBlocks });
  const tau = c.agreement.kendallTau === null ? "–" : c.agreement.kendallTau.toFixed(3);
  sections.push({
    title: "Rank agreement",
    blocks: [
      lines(`over the ${c.agreement.commonSites} sites screened in by both runs: Kendall's tau ${tau}, top-10 overlap ${c.agreement.top10Overlap} of 10`),
    ],
  });
  return sections;
}
