/**
 * Edit groups and how to undo them: B's inputs with some of the edits between A and B put back
 * to A's values, as a site table and a model ready to run. Pure; the table goes through the one
 * CSV parser and the model through the one model parser, so a revert is checked like any input.
 */
import type { Loaded } from "../core/issues.ts";
import { parseModelJson } from "../scenario/parse.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import { tableFromCells } from "../sites/snapshot.ts";
import type { SiteId, SiteTable } from "../sites/types.ts";
import { cellsById, isTextOnlyEdit, type CellEdit, type InputDiff, type ModelEdit } from "./inputDiff.ts";
import type { InputsSnapshot } from "./readInputs.ts";

/** Edits that are reverted together. */
export type EditGroup =
  /** Every edited cell of one site. */
  | { readonly kind: "site"; readonly siteId: SiteId; readonly edits: readonly CellEdit[] }
  /** One edited cell (a site group split when it has several). */
  | { readonly kind: "cell"; readonly siteId: SiteId; readonly edit: CellEdit }
  | { readonly kind: "rowAdded"; readonly siteId: SiteId }
  | { readonly kind: "rowRemoved"; readonly siteId: SiteId }
  | { readonly kind: "columnAdded"; readonly column: string }
  | { readonly kind: "columnRemoved"; readonly column: string }
  | { readonly kind: "model"; readonly edit: ModelEdit };

/**
 * The groups of a diff: one per edited site (first the sites in `first`), per added or removed
 * row and column, and per model key that can change a result (text-only keys such as a
 * `description` are never re-solved: see {@link isTextOnlyEdit}).
 * @example editGroups(diff, ["S0536"]).map(groupKey) // ["site:S0536", "site:S0425", "rowAdded:S9001"]
 */
export function editGroups(diff: InputDiff, first: readonly string[] = []): EditGroup[] {
  const bySite = new Map<SiteId, CellEdit[]>();
  for (const edit of diff.cells) bySite.set(edit.siteId, [...(bySite.get(edit.siteId) ?? []), edit]);
  const sites = [...bySite].map(([siteId, edits]): EditGroup => ({ kind: "site", siteId, edits }));
  const rank = (g: EditGroup): number => {
    const i = "siteId" in g ? first.indexOf(g.siteId) : -1;
    return i < 0 ? first.length : i;
  };
  const rows: EditGroup[] = [
    ...diff.rowsAdded.map((siteId): EditGroup => ({ kind: "rowAdded", siteId })),
    ...diff.rowsRemoved.map((siteId): EditGroup => ({ kind: "rowRemoved", siteId })),
  ];
  return [
    ...[...sites, ...rows]
      .map((g, i) => ({ g, i }))
      .sort((x, y) => rank(x.g) - rank(y.g) || x.i - y.i)
      .map((x) => x.g),
    ...diff.columnsAdded.map((column): EditGroup => ({ kind: "columnAdded", column })),
    ...diff.columnsRemoved.map((column): EditGroup => ({ kind: "columnRemoved", column })),
    ...diff.model.filter((edit) => !isTextOnlyEdit(edit)).map((edit): EditGroup => ({ kind: "model", edit })),
  ];
}

/** A stable key of a group, for JSON and tests. @example groupKey({ kind: "rowAdded", siteId: "S9" }) // "rowAdded:S9" */
export function groupKey(g: EditGroup): string {
  switch (g.kind) {
    case "site":
    case "rowAdded":
    case "rowRemoved":
      return `${g.kind}:${g.siteId}`;
    case "cell":
      return `cell:${g.siteId}:${g.edit.column}`;
    case "columnAdded":
    case "columnRemoved":
      return `${g.kind}:${g.column}`;
    case "model":
      return `model:${g.edit.path}`;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object") node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) ?? "";
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
}

/** B's inputs with `groups` reverted to A's values: a checked table and model, or the issues. */
export function revertedInputs(a: InputsSnapshot, b: InputsSnapshot, groups: readonly EditGroup[]): Loaded<{ table: SiteTable; model: ScenarioModel }> {
  const rowsA = cellsById(a.cells);
  const rows = cellsById(b.cells);
  let columns = [...b.cells.columns];
  const model = JSON.parse(JSON.stringify(b.model)) as Record<string, unknown>;
  const revertCell = (siteId: string, edit: CellEdit): void => void rows.get(siteId)?.set(edit.column, edit.before);
  for (const g of groups) {
    if (g.kind === "site") for (const edit of g.edits) revertCell(g.siteId, edit);
    else if (g.kind === "cell") revertCell(g.siteId, g.edit);
    else if (g.kind === "rowAdded") rows.delete(g.siteId);
    else if (g.kind === "rowRemoved") rows.set(g.siteId, new Map(rowsA.get(g.siteId)));
    else if (g.kind === "columnAdded") columns = columns.filter((c) => c !== g.column);
    else if (g.kind === "columnRemoved") {
      columns.push(g.column);
      for (const [id, row] of rows) row.set(g.column, rowsA.get(id)?.get(g.column) ?? "");
    } else setPath(model, g.edit.path, g.edit.before);
  }
  const table = tableFromCells({ columns, rows: [...rows.values()].map((row) => columns.map((c) => row.get(c) ?? "")) }, "(inputs with edits reverted)");
  if (!table.ok) return table;
  const parsed = parseModelJson(JSON.stringify(model, null, 2), "(model with edits reverted)", {
    columns: table.value.columns,
    siteIds: table.value.sites.map((s) => s.siteId),
  });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { table: table.value, model: parsed.value }, warnings: [] };
}
