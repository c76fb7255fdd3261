/** Edits and their causes in words: the sentences compare.md, the terminal and watch mode share. */
import type { SiteId } from "../sites/types.ts";
import type { Cause, EditCauses, SiteCause } from "./causes.ts";
import { cellText, shortModelValueText, type CellEdit } from "./inputDiff.ts";
import type { EditGroup } from "./revert.ts";

/** "9.81 → 12.5", "3 → blank (assumed 36)". */
export const editValues = (e: CellEdit): string => `${cellText(e.before, e.assumedBefore)} → ${cellText(e.after, e.assumedAfter)}`;

/** What happened to a cell, as a verb phrase: "rose 9.81 → 12.5", "was blanked: 3 → blank (assumed 36)". */
export function editVerb(e: CellEdit): string {
  const [x, y] = [Number(e.before), Number(e.after)];
  if (e.after === "") return `was blanked: ${editValues(e)}`;
  if (e.before === "") return `was filled in: ${editValues(e)}`;
  if (Number.isFinite(x) && Number.isFinite(y)) return `${y > x ? "rose" : "fell"} ${editValues(e)}`;
  return `changed ${editValues(e)}`;
}

/**
 * A group of edits as a short label, for tables.
 * @example groupLabel({ kind: "rowAdded", siteId: "S9001" }) // "row S9001 added"
 */
export function groupLabel(g: EditGroup): string {
  switch (g.kind) {
    case "site":
      return `${g.siteId} ${g.edits.map((e) => `${e.column} ${editValues(e)}`).join("; ")}`;
    case "cell":
      return `${g.siteId} ${g.edit.column} ${editValues(g.edit)}`;
    case "rowAdded":
      return `row ${g.siteId} added`;
    case "rowRemoved":
      return `row ${g.siteId} removed`;
    case "columnAdded":
      return `column ${g.column} added`;
    case "columnRemoved":
      return `column ${g.column} removed`;
    case "model":
      return `model ${g.edit.path} ${shortModelValueText(g.edit.before)} → ${shortModelValueText(g.edit.after)}`;
  }
}

/** The edit as the reason of a sentence about `target`: "its capex_bn rose 9.81 → 12.5". */
function groupReason(g: EditGroup, target: SiteId): string {
  const owner = (id: SiteId): string => (id === target ? "its" : `${id}'s`);
  switch (g.kind) {
    case "site":
      return g.edits.length === 1 && g.edits[0]
        ? `${owner(g.siteId)} ${g.edits[0].column} ${editVerb(g.edits[0])}`
        : `${owner(g.siteId)} row was edited (${g.edits.map((e) => `${e.column} ${editValues(e)}`).join("; ")})`;
    case "cell":
      return `${owner(g.siteId)} ${g.edit.column} ${editVerb(g.edit)}`;
    case "rowAdded":
    case "rowRemoved":
    case "columnAdded":
    case "columnRemoved":
      return groupLabel(g).replace(/ (added|removed)$/, " was $1");
    case "model":
      return `the model's ${g.edit.path} changed ${shortModelValueText(g.edit.before)} → ${shortModelValueText(g.edit.after)}`;
  }
}

function causeSentence(site: SiteCause, cause: Cause, maxSolves: number, edits: number): string {
  const undo = site.change === "left" ? "brings it back" : "takes it out again";
  if (cause.kind === "single") {
    const reasons = cause.groups.map((g) => groupReason(g, site.siteId));
    return cause.groups.length === 1
      ? `${site.siteId} ${site.change} because ${reasons[0]}; reverting that edit alone ${undo}`
      : `${site.siteId} ${site.change} because ${reasons.slice(0, -1).join(", ")} or ${reasons.at(-1)}: reverting any one of these edits alone ${undo}`;
  }
  if (cause.kind === "combination")
    return `${site.siteId} ${site.change} because of a combination: no edit alone ${undo}, reverting ${cause.groups.map(groupLabel).join(" and ")} together does`;
  if (cause.boundReached) return `${site.siteId} ${site.change}: cause not established within ${maxSolves} re-solves (--max-solves N raises the bound)`;
  return `${site.siteId} ${site.change} because of the edits together: no single edit${edits > 2 ? " or pair of edits" : ""} ${undo}, only all ${edits} together (run A's inputs)`;
}

/**
 * One sentence per entered or left site, then how many re-solves it took.
 * @example causeLines(causes) // ["S0536 left because its capex_bn rose 9.81 → 12.5; reverting that edit alone brings it back", ...]
 */
export function causeLines(causes: EditCauses): string[] {
  if (causes.status === "skipped") return [`causes not established: ${causes.reason}`];
  const lines = causes.sites.map((s) => causeSentence(s, s.cause, causes.maxSolves, causes.groups.length));
  const bound = causes.boundReached ? `; the bound of ${causes.maxSolves} was reached` : "";
  lines.push(
    `(established by ${causes.solves} re-solve${causes.solves === 1 ? "" : "s"} of B's inputs with edits reverted, at most ${causes.maxSolves}${bound})`,
  );
  return lines;
}
