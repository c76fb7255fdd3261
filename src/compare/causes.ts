/**
 * Why the selection changed, established by re-solving: B's inputs are solved again with one
 * group of edits reverted at a time (then single cells of a site, then pairs of groups), and a
 * site that entered or left is caused by the edits whose revert alone undoes its move. Every
 * re-solve runs from the runs' own snapshots (`inputs.json`), never from the user's files, and
 * the number of solves is bounded ({@link DEFAULT_MAX_SOLVES}).
 */
import { isSolved } from "../optimize/types.ts";
import { runScenario, type RunOutcome } from "../pipeline/run.ts";
import { cashHighlights, runPlan } from "../report/plan.ts";
import type { SiteId } from "../sites/types.ts";
import type { Comparison } from "./compare.ts";
import type { RunRecord } from "./readRun.ts";
import { editGroups, revertedInputs, type EditGroup } from "./revert.ts";

/** Re-solves one comparison may spend on causes unless told otherwise. */
export const DEFAULT_MAX_SOLVES = 12;

export interface CauseOptions {
  /** At most this many re-solves (default {@link DEFAULT_MAX_SOLVES}; 0 = establish nothing). */
  readonly maxSolves?: number;
  /** Told before each re-solve (for a progress line). */
  readonly onTrial?: (done: number, groups: readonly EditGroup[]) => void;
}

/** One re-solve: B's inputs with `reverted` put back to A's values. */
export interface RevertTrial {
  readonly reverted: readonly EditGroup[];
  readonly status: string;
  /** Null when the reverted inputs did not load or the solve found no selection. */
  readonly selected: readonly SiteId[] | null;
  readonly objective: number | null;
  readonly peakEquityBn: number | null;
  /** Entered or left sites whose move this revert undoes. */
  readonly restores: readonly SiteId[];
}

export type Cause =
  /** Reverting one group alone undoes the move (several when each alone does). */
  | { readonly kind: "single"; readonly groups: readonly EditGroup[] }
  /** No group alone undoes it; this combination does. */
  | { readonly kind: "combination"; readonly groups: readonly EditGroup[] }
  /** Only reverting every edit (run A's inputs) undoes it, or no trial within the bound did. */
  | { readonly kind: "unexplained"; readonly boundReached: boolean };

export interface SiteCause {
  readonly siteId: SiteId;
  readonly change: "entered" | "left";
  readonly cause: Cause;
}

export type EditCauses =
  | { readonly status: "skipped"; readonly reason: string }
  | {
      readonly status: "established";
      readonly maxSolves: number;
      readonly solves: number;
      readonly boundReached: boolean;
      /** Every group of edits, in the order tried. */
      readonly groups: readonly EditGroup[];
      readonly trials: readonly RevertTrial[];
      readonly sites: readonly SiteCause[];
    };

const peakEquityOf = (outcome: RunOutcome): number | null => {
  const dated = runPlan(outcome);
  return dated === null ? null : cashHighlights(dated.timeline, dated.plan.ledger).peakEquityBn;
};

/**
 * Establishes the causes of a comparison's entered and left sites by re-solving (see the module
 * comment). Skipped, with the reason, when a run kept no inputs or the model uses layers.
 * @example const causes = await establishCauses(a, b, compareRuns(a, b)); causes.status === "established" && causes.sites[0]?.cause.kind // "single"
 */
export async function establishCauses(a: RunRecord, b: RunRecord, comparison: Comparison, options: CauseOptions = {}): Promise<EditCauses> {
  const maxSolves = options.maxSolves ?? DEFAULT_MAX_SOLVES;
  const targets = [
    ...comparison.left.map((siteId) => ({ siteId, change: "left" as const })),
    ...comparison.entered.map((siteId) => ({ siteId, change: "entered" as const })),
  ];
  if (a.inputs === null || b.inputs === null || comparison.inputs === null)
    return { status: "skipped", reason: "a run keeps no inputs.json (written by an older gigasite): re-run it" };
  if (a.inputs.layers.length > 0 || b.inputs.layers.length > 0)
    return { status: "skipped", reason: "the model uses GeoJSON layers, which a run does not keep: causes are not re-solved" };
  if (maxSolves <= 0) return { status: "skipped", reason: "--max-solves 0" };
  const snapA = a.inputs;
  const snapB = b.inputs;
  const groups = editGroups(
    comparison.inputs,
    targets.map((t) => t.siteId),
  );
  const trials: RevertTrial[] = [];
  let boundReached = false;

  const undoes = (selected: ReadonlySet<string>, t: (typeof targets)[number]): boolean =>
    t.change === "left" ? selected.has(t.siteId) : !selected.has(t.siteId);
  const trial = async (reverted: readonly EditGroup[]): Promise<RevertTrial | null> => {
    if (trials.length >= maxSolves) {
      boundReached = true;
      return null;
    }
    options.onTrial?.(trials.length, reverted);
    const inputs = revertedInputs(snapA, snapB, reverted);
    let result: RevertTrial;
    if (!inputs.ok) result = { reverted, status: "invalid", selected: null, objective: null, peakEquityBn: null, restores: [] };
    else {
      const outcome = await runScenario(inputs.value.table, inputs.value.model);
      const solved = isSolved(outcome.result) ? outcome.result : null;
      const selected = new Set<string>(solved?.selected ?? []);
      result = {
        reverted,
        status: outcome.result.status,
        selected: solved ? [...solved.selected].sort() : null,
        objective: solved?.objective ?? null,
        peakEquityBn: solved ? peakEquityOf(outcome) : null,
        restores: solved ? targets.filter((t) => undoes(selected, t)).map((t) => t.siteId) : [],
      };
    }
    trials.push(result);
    return result;
  };

  if (targets.length > 0 || comparison.objectiveDelta !== null) {
    for (const g of groups) if ((await trial([g])) === null) break;
  }
  const explainedBy = (id: SiteId, size: number): EditGroup[][] =>
    trials.filter((t) => t.reverted.length === size && t.restores.includes(id)).map((t) => [...t.reverted]);

  // A site group of several cells that undoes a move is split, to name the cell.
  for (const g of groups) {
    if (g.kind !== "site" || g.edits.length < 2) continue;
    if (!targets.some((t) => explainedBy(t.siteId, 1).some((r) => r[0] === g))) continue;
    for (const edit of g.edits) if ((await trial([{ kind: "cell", siteId: g.siteId, edit }])) === null) break;
  }
  // Moves no single group undoes: pairs of groups, while the bound allows.
  const unexplained = (): typeof targets => targets.filter((t) => !trials.some((r) => r.restores.includes(t.siteId)));
  pairs: for (let i = 0; i < groups.length && groups.length > 2; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      if (unexplained().length === 0) break pairs;
      if ((await trial([groups[i] as EditGroup, groups[j] as EditGroup])) === null) break pairs;
    }
  }
  const sites = targets.map(({ siteId, change }): SiteCause => {
    const singles = trials.filter((t) => t.reverted.length === 1 && t.restores.includes(siteId));
    // Name the single cell where a split found it, else the whole site group.
    const cells = singles.filter((t) => t.reverted[0]?.kind === "cell");
    const chosen = cells.length > 0 ? cells : singles;
    if (chosen.length > 0) return { siteId, change, cause: { kind: "single", groups: chosen.map((t) => t.reverted[0] as EditGroup) } };
    const combination = trials.find((t) => t.reverted.length > 1 && t.restores.includes(siteId));
    if (combination) return { siteId, change, cause: { kind: "combination", groups: combination.reverted } };
    return { siteId, change, cause: { kind: "unexplained", boundReached } };
  });
  return { status: "established", maxSolves, solves: trials.length, boundReached, groups, trials, sites };
}
