/**
 * Run vs run: what changed in the inputs and what it did (edited sites' scores and dates), what
 * entered and left the selection, the plan's go-live changes, the objective (with its parts),
 * budget and peak-equity deltas, rank moves without noise, and how far the rankings agree.
 */
import { dayOf } from "../schedule/dates.ts";
import type { SiteId } from "../sites/types.ts";
import { kendallTau, topOverlap } from "./agreement.ts";
import { inputDiff, type CellEdit, type InputDiff } from "./inputDiff.ts";
import { mainCauseOf, rankMoves, type MainCause, type RankMove, type ShiftedOnly } from "./rankMoves.ts";
import type { RankedRow, RunRecord } from "./readRun.ts";

export { mainCauseOf, type MainCause, type RankMove, type ShiftedOnly } from "./rankMoves.ts";

/** A selected site whose go-live slot or date differs between the runs (null: not selected there). */
export interface PlanChange {
  readonly siteId: SiteId;
  readonly slotA: number | null;
  readonly slotB: number | null;
  readonly goLiveA: string | null;
  readonly goLiveB: string | null;
}

/** A model value without its notes (`description`, `$comment`), which no result depends on. */
function withoutNotes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNotes);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "description" && key !== "$comment")
      .map(([key, v]) => [key, withoutNotes(v)]),
  );
}

/**
 * An objective definition (JSON) in words: its kind, then each setting as "key value".
 * @example objectiveText('{"kind":"maxScore","earlyPowerPointsPerMonth":1}') // "maxScore with earlyPowerPointsPerMonth 1"
 */
export function objectiveText(definition: string): string {
  const parsed = JSON.parse(definition) as unknown;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return String(parsed ?? "the default (maxScore)");
  const { kind, ...settings } = parsed as Record<string, unknown>;
  const value = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v).replace(/"/g, "") : String(v));
  const rest = Object.entries(settings).map(([key, v]) => `${key} ${value(v)}`);
  return `${String(kind ?? "maxScore")}${rest.length > 0 ? ` with ${rest.join(", ")}` : ""}`;
}

/** One part of an objective, as run.json lists it. */
export interface ObjectivePartValue {
  readonly label: string;
  readonly value: number;
}

export interface RunSide {
  readonly dir: string;
  readonly model: string;
  readonly status: string;
  readonly objectiveKind: string;
  readonly objective: number | null;
  readonly objectiveParts: readonly ObjectivePartValue[];
  /** The model's objective definition as JSON (from inputs.json), null for a run without it. */
  readonly objectiveDefinition: string | null;
  readonly budgetBn: number;
  readonly budgetUsedBn: number;
  readonly peakEquityBn: number | null;
  /** Go-live date of the last scheduled site, null without a schedule. */
  readonly lastOnlineDate: string | null;
}

/** A site as a reader recognises it, in the run where it is (or was) selected. */
export interface SiteFacts {
  readonly siteId: SiteId;
  readonly name: string;
  readonly region: string;
  /** Rank among screened-in sites, null when screened out. */
  readonly rank: number | null;
  readonly screenedOutReason: string | null;
  readonly score: number | null;
  readonly slot: number | null;
  readonly goLiveDate: string | null;
}

/** A site whose row was edited, and what the edit did to it. */
export interface EditedSite {
  readonly siteId: SiteId;
  readonly name: string;
  readonly edits: readonly CellEdit[];
  readonly rankA: number | null;
  readonly rankB: number | null;
  readonly scoreA: number | null;
  readonly scoreB: number | null;
  readonly mainCause: MainCause | null;
  /** Earliest go-live (ranked.csv `ready_date`). */
  readonly readyA: string | null;
  readonly readyB: string | null;
  readonly screenedOutA: string | null;
  readonly screenedOutB: string | null;
}

export interface Comparison {
  readonly a: RunSide;
  readonly b: RunSide;
  /** Selected in B, not in A (facts from B). */
  readonly entered: readonly SiteId[];
  /** Selected in A, not in B (facts from A). */
  readonly left: readonly SiteId[];
  readonly kept: readonly SiteId[];
  /** Entered sites and added rows (from B), left sites and removed rows (from A). */
  readonly facts: ReadonlyMap<SiteId, SiteFacts>;
  /** Input changes, null when either run kept no inputs (written before inputs.json). */
  readonly inputs: InputDiff | null;
  readonly editedSites: readonly EditedSite[];
  /** Sites in the top N of either run whose rank moved for a reason of their own. */
  readonly rankMoves: readonly RankMove[];
  readonly shiftedOnly: ShiftedOnly;
  readonly topN: number;
  /** B − A; null when either has no objective or the two optimize different objectives. */
  readonly objectiveDelta: number | null;
  /** The runs optimize different objectives (kind or parameters). */
  readonly objectivesDiffer: boolean;
  readonly budgetDeltaBn: number;
  readonly budgetUsedDeltaBn: number;
  readonly peakEquityDeltaBn: number | null;
  /** Sites whose go-live slot or date differs, in B's slot order, then sites that left. */
  readonly planChanges: readonly PlanChange[];
  readonly lastOnlineShiftDays: number | null;
  readonly agreement: { readonly commonSites: number; readonly kendallTau: number | null; readonly top10Overlap: number };
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
  return {
    dir: record.dir,
    model: r.model,
    status: r.status,
    objectiveKind: r.objective_kind,
    objective: r.objective,
    objectiveParts: r.objective_parts,
    objectiveDefinition: record.inputs === null ? null : JSON.stringify(withoutNotes(record.inputs.model.optimization.objective ?? null)),
    budgetBn: r.budget_bn,
    budgetUsedBn: r.budget_used_bn,
    peakEquityBn: r.plan?.peak_equity_bn ?? null,
    lastOnlineDate:
      sites.length > 0
        ? ([...sites]
            .map((e) => e.go_live_date)
            .sort()
            .at(-1) ?? null)
        : null,
  };
}

function planChanges(a: RunRecord, b: RunRecord): PlanChange[] {
  const planOf = (r: RunRecord): Map<string, { slot: number; goLive: string }> =>
    new Map((r.run.plan?.sites ?? []).map((e) => [e.site_id, { slot: e.slot, goLive: e.go_live_date }]));
  const pa = planOf(a);
  const pb = planOf(b);
  const changes: PlanChange[] = [];
  const order = [
    ...[...pb].sort((x, y) => x[1].slot - y[1].slot).map(([id]) => id),
    ...[...pa]
      .sort((x, y) => x[1].slot - y[1].slot)
      .map(([id]) => id)
      .filter((id) => !pb.has(id)),
  ];
  for (const id of order) {
    const ea = pa.get(id);
    const eb = pb.get(id);
    if (ea?.slot === eb?.slot && ea?.goLive === eb?.goLive) continue;
    changes.push({ siteId: id as SiteId, slotA: ea?.slot ?? null, slotB: eb?.slot ?? null, goLiveA: ea?.goLive ?? null, goLiveB: eb?.goLive ?? null });
  }
  return changes;
}

function editedSites(diff: InputDiff, rowsA: ReadonlyMap<string, RankedRow>, rowsB: ReadonlyMap<string, RankedRow>): EditedSite[] {
  const bySite = new Map<string, CellEdit[]>();
  for (const edit of diff.cells) bySite.set(edit.siteId, [...(bySite.get(edit.siteId) ?? []), edit]);
  return [...bySite].map(([id, edits]) => {
    const ra = rowsA.get(id);
    const rb = rowsB.get(id);
    return {
      siteId: id as SiteId,
      name: rb?.name ?? ra?.name ?? "",
      edits,
      rankA: ra?.rank ?? null,
      rankB: rb?.rank ?? null,
      scoreA: ra?.overallScore ?? null,
      scoreB: rb?.overallScore ?? null,
      mainCause: ra && rb ? mainCauseOf(ra, rb) : null,
      readyA: ra?.readyDate ?? null,
      readyB: rb?.readyDate ?? null,
      screenedOutA: ra?.screenedOutReason ?? null,
      screenedOutB: rb?.screenedOutReason ?? null,
    };
  });
}

function factsOf(record: RunRecord, ids: readonly SiteId[], into: Map<SiteId, SiteFacts>): void {
  const rows = new Map(record.ranked.map((r) => [r.siteId as string, r]));
  for (const id of ids) {
    const row = rows.get(id);
    into.set(id, {
      siteId: id,
      name: row?.name ?? "",
      region: row?.region ?? "",
      rank: row?.rank ?? null,
      screenedOutReason: row?.screenedOutReason ?? null,
      score: row?.overallScore ?? null,
      slot: row?.slot ?? null,
      goLiveDate: row?.goLiveDate ?? null,
    });
  }
}

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
  const facts = new Map<SiteId, SiteFacts>();
  factsOf(b, entered, facts);
  factsOf(a, left, facts);

  const rankedInBoth = a.ranked.filter((r) => r.rank !== null && rowsB.get(r.siteId)?.rank != null);
  const pairs = rankedInBoth.map((r) => [r.rank as number, rowsB.get(r.siteId)?.rank as number] as const);
  const topIds = (rows: readonly RankedRow[]): string[] => rows.filter((r) => r.rank !== null && r.rank <= 10).map((r) => r.siteId as string);

  const sideA = sideOf(a);
  const sideB = sideOf(b);
  const objectivesDiffer =
    sideA.objectiveKind !== sideB.objectiveKind ||
    (sideA.objectiveDefinition !== null && sideB.objectiveDefinition !== null
      ? sideA.objectiveDefinition !== sideB.objectiveDefinition
      : sideA.objectiveParts.map((p) => p.label).join() !== sideB.objectiveParts.map((p) => p.label).join());
  const objectiveDelta = !objectivesDiffer && sideA.objective !== null && sideB.objective !== null ? sideB.objective - sideA.objective : null;
  const lastShift = sideA.lastOnlineDate !== null && sideB.lastOnlineDate !== null ? dayOf(sideB.lastOnlineDate) - dayOf(sideA.lastOnlineDate) : null;

  const warnings: string[] = [];
  const inA = a.run.inputs;
  const inB = b.run.inputs;
  // With both snapshots the input changes section lists every difference; without, warn.
  const snapshots = a.inputs !== null && b.inputs !== null;
  if (!snapshots && inA.model.sha256 !== inB.model.sha256)
    warnings.push(`the runs used different models (${a.run.model} from ${inA.model.file}; ${b.run.model} from ${inB.model.file})`);
  if (!snapshots && inA.sites.sha256 !== inB.sites.sha256)
    warnings.push(`the runs used different site CSVs (${inA.sites.file}, ${inA.sites.rows} rows; ${inB.sites.file}, ${inB.sites.rows} rows)`);
  if (objectivesDiffer) {
    const what = (s: RunSide): string =>
      s.objectiveDefinition !== null
        ? objectiveText(s.objectiveDefinition)
        : `${s.objectiveKind} (${s.objectiveParts.map((p) => p.label).join(" + ") || "no parts"})`;
    warnings.push(
      `the runs optimize different objectives (A: ${what(sideA)}; B: ${what(sideB)}): their totals are not comparable, so no objective delta; compare the parts`,
    );
  }

  const diff = a.inputs !== null && b.inputs !== null ? inputDiff(a.inputs, b.inputs) : null;
  if (diff !== null) {
    factsOf(b, diff.rowsAdded, facts);
    factsOf(a, diff.rowsRemoved, facts);
  }
  const moves = rankMoves(rowsA, rowsB, topN);
  return {
    a: sideA,
    b: sideB,
    entered,
    left,
    kept,
    facts,
    inputs: diff,
    editedSites: diff === null ? [] : editedSites(diff, rowsA, rowsB),
    rankMoves: moves.moves,
    shiftedOnly: moves.shiftedOnly,
    topN,
    objectiveDelta,
    objectivesDiffer,
    budgetDeltaBn: sideB.budgetBn - sideA.budgetBn,
    budgetUsedDeltaBn: sideB.budgetUsedBn - sideA.budgetUsedBn,
    peakEquityDeltaBn: sideA.peakEquityBn !== null && sideB.peakEquityBn !== null ? sideB.peakEquityBn - sideA.peakEquityBn : null,
    planChanges: planChanges(a, b),
    lastOnlineShiftDays: lastShift,
    agreement: { commonSites: pairs.length, kendallTau: kendallTau(pairs), top10Overlap: topOverlap(topIds(a.ranked), topIds(b.ranked)) },
    sitesAdded: [...rowsB.keys()].filter((id) => !rowsA.has(id)).sort(byId) as SiteId[],
    sitesRemoved: [...rowsA.keys()].filter((id) => !rowsB.has(id)).sort(byId) as SiteId[],
    warnings,
  };
}
