import type { ProblemObjective } from "../optimize/types.ts";
/**
 * What changed between two in-memory runs: the sites that entered and left the selection, the
 * ones that moved slot, and the objective and budget deltas. Pure; watch mode and the what-if
 * example print it, and run-vs-run comparisons can reuse it.
 */
import { isSolved, type OptimizeResult } from "../optimize/types.ts";
import { budgetUsedBn as budgetUsedOf, type RunOutcome } from "../pipeline/run.ts";
import type { SiteId } from "../sites/types.ts";
import { money, round, signed, signedMoney } from "../core/format.ts";

/** A site that entered or left the selection, with what a reader needs to recognise it. */
export interface SiteMove {
  readonly siteId: SiteId;
  readonly name: string;
  readonly region: string;
  /** Overall score in the run where the site is selected; null if it was not scored there. */
  readonly score: number | null;
  /** Slot in the run where the site is selected; null without a schedule. */
  readonly slot: number | null;
}

export interface SlotMove {
  readonly siteId: SiteId;
  readonly slotBefore: number;
  readonly slotAfter: number;
}

/** A number before and after; `delta` is null when either side is missing. */
export interface Change {
  readonly before: number | null;
  readonly after: number | null;
  readonly delta: number | null;
}

export interface OutcomeDelta {
  readonly statusBefore: OptimizeResult["status"];
  readonly statusAfter: OptimizeResult["status"];
  readonly objectiveKind: ProblemObjective["kind"];
  /** In the second run's selection but not the first's, in the second run's order. */
  readonly entered: readonly SiteMove[];
  /** In the first run's selection but not the second's, in the first run's order. */
  readonly left: readonly SiteMove[];
  /** Selected in both. */
  readonly kept: readonly SiteId[];
  /** Kept sites whose deployment slot changed. */
  readonly reslotted: readonly SlotMove[];
  readonly objective: Change;
  /** Capex of the selection, $B. */
  readonly budgetUsedBn: Change;
  /** The model's budget, $B. */
  readonly budgetBn: Change;
  /** True when nothing in the selection, schedule, objective or budget changed. */
  readonly unchanged: boolean;
}

const solvedOf = (outcome: RunOutcome) => {
  const r = outcome.result;
  return isSolved(r) ? r : null;
};

function change(before: number | null, after: number | null): Change {
  return { before, after, delta: before === null || after === null ? null : after - before };
}

function slotsOf(outcome: RunOutcome): Map<SiteId, number> {
  return new Map((solvedOf(outcome)?.plan?.sites ?? []).map((e) => [e.siteId, e.slot]));
}

function moveOf(outcome: RunOutcome, siteId: SiteId, slots: ReadonlyMap<SiteId, number>): SiteMove {
  const scored = outcome.ranked.find((s) => s.site.siteId === siteId);
  const site = scored?.site ?? outcome.table.sites.find((s) => s.siteId === siteId);
  return { siteId, name: site?.name ?? "", region: site?.region ?? "", score: scored?.overall ?? null, slot: slots.get(siteId) ?? null };
}

/**
 * Compares two runs (typically of edited inputs): entered, left and re-slotted sites, and the
 * objective, budget-used and budget deltas. Neither run is modified.
 * @example const d = diffOutcomes(before, after); d.entered.map((m) => m.siteId) // ["S0412"]
 */
export function diffOutcomes(before: RunOutcome, after: RunOutcome): OutcomeDelta {
  const selectedBefore = solvedOf(before)?.selected ?? [];
  const selectedAfter = solvedOf(after)?.selected ?? [];
  const inBefore = new Set<SiteId>(selectedBefore);
  const inAfter = new Set<SiteId>(selectedAfter);
  const slotsBefore = slotsOf(before);
  const slotsAfter = slotsOf(after);
  const entered = selectedAfter.filter((id) => !inBefore.has(id)).map((id) => moveOf(after, id, slotsAfter));
  const left = selectedBefore.filter((id) => !inAfter.has(id)).map((id) => moveOf(before, id, slotsBefore));
  const kept = selectedAfter.filter((id) => inBefore.has(id));
  const reslotted: SlotMove[] = [];
  for (const siteId of kept) {
    const slotBefore = slotsBefore.get(siteId);
    const slotAfter = slotsAfter.get(siteId);
    if (slotBefore !== undefined && slotAfter !== undefined && slotBefore !== slotAfter) reslotted.push({ siteId, slotBefore, slotAfter });
  }
  const objective = change(solvedOf(before)?.objective ?? null, solvedOf(after)?.objective ?? null);
  const budgetUsedBn = change(budgetUsedOf(before), budgetUsedOf(after));
  const budgetBn = change(before.problem.budgetBn, after.problem.budgetBn);
  const same = (c: Change): boolean => c.before === c.after || (c.delta !== null && Math.abs(c.delta) < 1e-9);
  const unchanged =
    before.result.status === after.result.status &&
    entered.length === 0 &&
    left.length === 0 &&
    reslotted.length === 0 &&
    same(objective) &&
    same(budgetUsedBn) &&
    same(budgetBn);
  return {
    statusBefore: before.result.status,
    statusAfter: after.result.status,
    objectiveKind: after.problem.objective.kind,
    entered,
    left,
    kept,
    reslotted,
    objective,
    budgetUsedBn,
    budgetBn,
    unchanged,
  };
}

function changeLine(label: string, c: Change, show: (v: number) => string, showDelta: (v: number) => string): string | null {
  if (c.before === null && c.after === null) return null;
  const text = (v: number | null): string => (v === null ? "none" : show(v));
  if (c.delta !== null && Math.abs(c.delta) < 1e-9) return `${label}: ${text(c.after)} (unchanged)`;
  return `${label}: ${text(c.before)} -> ${text(c.after)}${c.delta === null ? "" : ` (${showDelta(c.delta)})`}`;
}

const siteText = (m: SiteMove): string =>
  `${m.siteId} ${m.name} (${m.region}${m.score === null ? "" : `, score ${m.score.toFixed(1)}`}${m.slot === null ? "" : `, slot ${m.slot}`})`;

/**
 * The delta as plain lines for a terminal or a log (no colour): status, entered, left,
 * re-slotted, objective, budget used and budget.
 * @example describeOutcomeDelta(diffOutcomes(before, after)) // ["entered: S0412 Abilene Campus (TX, score 71.2, slot 4)", ...]
 */
export function describeOutcomeDelta(delta: OutcomeDelta): string[] {
  if (delta.unchanged) return ["no change in the selection, schedule, objective or budget"];
  const lines: string[] = [];
  if (delta.statusBefore !== delta.statusAfter) lines.push(`status: ${delta.statusBefore} -> ${delta.statusAfter}`);
  for (const m of delta.entered) lines.push(`entered: ${siteText(m)}`);
  for (const m of delta.left) lines.push(`left: ${siteText(m)}`);
  for (const m of delta.reslotted) lines.push(`moved: ${m.siteId} slot ${m.slotBefore} -> ${m.slotAfter}`);
  if (delta.entered.length === 0 && delta.left.length === 0) lines.push("selection: same sites");
  const objectiveLabel = delta.objectiveKind === "minCost" ? "objective ($B/yr)" : "objective (total score)";
  const lineFor = [
    changeLine(
      objectiveLabel,
      delta.objective,
      (v) => round(v, 2).toFixed(2),
      (v) => signed(v, 2),
    ),
    changeLine("budget used", delta.budgetUsedBn, (v) => money(v, 1), signedMoney),
    changeLine("budget", delta.budgetBn, (v) => money(v, 1), signedMoney),
  ];
  for (const line of lineFor) if (line !== null) lines.push(line);
  return lines;
}
