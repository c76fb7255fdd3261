/**
 * What changed in the inputs between two runs: the cells edited (with the model's assumption
 * where a blank cell is filled), rows added and removed, columns added and removed, and model
 * keys changed. Pure, over the snapshots the runs kept (`inputs.json`).
 */
import type { ScenarioModel } from "../scenario/schema.ts";
import type { SiteCells } from "../sites/snapshot.ts";
import type { SiteId } from "../sites/types.ts";
import type { InputsSnapshot } from "./readInputs.ts";

/** One edited cell. Text as read: "" is a blank cell. */
export interface CellEdit {
  readonly siteId: SiteId;
  readonly column: string;
  readonly before: string;
  readonly after: string;
  /** Months the model's schedule assumes for a blank cell (`assumeWhenBlank`), per side; null when the cell is not blank or nothing is assumed. */
  readonly assumedBefore: number | null;
  readonly assumedAfter: number | null;
}

/** One changed model key, as a path (`optimization.budgetBn`, `criteria.2.weight`); undefined = absent. */
export interface ModelEdit {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface InputDiff {
  /** By site in B's row order (removed sites' edits never appear), then by column order. */
  readonly cells: readonly CellEdit[];
  readonly rowsAdded: readonly SiteId[];
  readonly rowsRemoved: readonly SiteId[];
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  readonly model: readonly ModelEdit[];
}

/** True when the diff holds no change at all. */
export const isEmptyDiff = (d: InputDiff): boolean =>
  d.cells.length + d.rowsAdded.length + d.rowsRemoved.length + d.columnsAdded.length + d.columnsRemoved.length + d.model.length === 0;

const ASSUMED_COLUMNS: Readonly<Record<string, "permittingMonths" | "timeToPowerMonths">> = {
  permitting_months: "permittingMonths",
  time_to_power_months: "timeToPowerMonths",
};

/**
 * Months the model assumes for a blank cell of `column`, or null.
 * @example assumedForBlank(model, "permitting_months") // 36
 */
export function assumedForBlank(model: ScenarioModel, column: string): number | null {
  const key = ASSUMED_COLUMNS[column];
  return key === undefined ? null : (model.schedule?.assumeWhenBlank?.[key] ?? null);
}

/** Site id → its cells by column. */
export function cellsById(cells: SiteCells): Map<string, Map<string, string>> {
  const idAt = cells.columns.indexOf("site_id");
  return new Map(cells.rows.map((row) => [row[idAt] ?? "", new Map(cells.columns.map((c, i) => [c, row[i] ?? ""]))]));
}

/** Leaf values of a JSON value by dotted path; arrays by index. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(path, value);
    for (const [key, item] of entries) leaves(item, path === "" ? key : `${path}.${key}`, out);
  } else out.set(path, value);
  return out;
}

/**
 * Model keys whose value differs, in B's key order then keys only A has.
 * @example modelEdits(a, { ...a, optimization: { ...a.optimization, budgetBn: 90 } }) // [{ path: "optimization.budgetBn", before: 100, after: 90 }]
 */
export function modelEdits(a: ScenarioModel, b: ScenarioModel): ModelEdit[] {
  const la = leaves(a, "", new Map());
  const lb = leaves(b, "", new Map());
  const paths = [...new Set([...lb.keys(), ...la.keys()])];
  return paths.filter((p) => JSON.stringify(la.get(p)) !== JSON.stringify(lb.get(p))).map((path) => ({ path, before: la.get(path), after: lb.get(path) }));
}

/**
 * The input diff of two runs' snapshots, A the reference and B the new run.
 * @example inputDiff(before, after).cells // [{ siteId: "S0536", column: "capex_bn", before: "9.81", after: "12.5", ... }]
 */
export function inputDiff(a: InputsSnapshot, b: InputsSnapshot): InputDiff {
  const rowsA = cellsById(a.cells);
  const rowsB = cellsById(b.cells);
  const inA = new Set(a.cells.columns);
  const inB = new Set(b.cells.columns);
  const common = b.cells.columns.filter((c) => inA.has(c) && c !== "site_id");
  const cells: CellEdit[] = [];
  for (const [id, rowB] of rowsB) {
    const rowA = rowsA.get(id);
    if (rowA === undefined) continue;
    for (const column of common) {
      const before = rowA.get(column) ?? "";
      const after = rowB.get(column) ?? "";
      if (before === after) continue;
      cells.push({
        siteId: id as SiteId,
        column,
        before,
        after,
        assumedBefore: before === "" ? assumedForBlank(a.model, column) : null,
        assumedAfter: after === "" ? assumedForBlank(b.model, column) : null,
      });
    }
  }
  return {
    cells,
    rowsAdded: [...rowsB.keys()].filter((id) => !rowsA.has(id)) as SiteId[],
    rowsRemoved: [...rowsA.keys()].filter((id) => !rowsB.has(id)) as SiteId[],
    columnsAdded: b.cells.columns.filter((c) => !inA.has(c)),
    columnsRemoved: a.cells.columns.filter((c) => !inB.has(c)),
    model: modelEdits(a.model, b.model),
  };
}

/**
 * A cell's value for people: the text, or "blank", with the model's assumption.
 * @example cellText("", 36) // "blank (assumed 36)"
 */
export function cellText(text: string, assumed: number | null): string {
  if (text !== "") return text;
  return assumed === null ? "blank" : `blank (assumed ${assumed})`;
}

/** A model value for people: JSON, or "absent". */
export const modelValueText = (value: unknown): string => (value === undefined ? "absent" : JSON.stringify(value));

/**
 * {@link modelValueText} cut to `maxLength` characters with "…" and the full length, for one-line labels.
 * @example shortModelValueText("a description of 300 characters…", 40) // "\"a description of 300 cha… (300 characters)"
 */
export function shortModelValueText(value: unknown, maxLength = 40): string {
  const text = modelValueText(value);
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}… (${text.length.toLocaleString("en-US")} characters)`;
}

/** Model keys that only carry text for people (notes, the model's name, a filter's reason): no result depends on them. */
const TEXT_ONLY_KEYS = new Set(["description", "$comment", "$schema", "reason"]);

/**
 * Whether a model edit is to a key whose value cannot change a result: any `description`,
 * `$comment`, `$schema` or filter `reason`, and the model's `name` (it names the output folder).
 * @example isTextOnlyEdit({ path: "tranches.description", before: "a", after: "b" }) // true
 */
export function isTextOnlyEdit(edit: ModelEdit): boolean {
  const last = edit.path.split(".").at(-1) ?? "";
  return edit.path === "name" || TEXT_ONLY_KEYS.has(last);
}
