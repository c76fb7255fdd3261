/**
 * Extra (unknown) columns: numeric when every non-blank cell was meant as a number, text
 * otherwise. A cell such as `1,200` or `NaN` counts as "meant as a number", so a numeric column
 * with a slip is reported rather than silently turned into text.
 */
import { appendAll } from "../core/arrays.ts";
import type { InputIssue } from "../core/issues.ts";
import { parseNumberCell } from "./cells.ts";
import { ANY_NUMBER, outOfBounds } from "../core/bounds.ts";

interface ColumnState {
  /** First genuinely textual cell, which makes the column text. */
  textSeen: boolean;
  /** Number-like slips, kept (up to a cap) until we know the column is numeric. */
  readonly slips: InputIssue[];
  slipCount: number;
  readonly codes: Map<string, number>;
}

export interface ExtraColumnsResult {
  readonly numeric: ReadonlySet<string>;
  /** Errors for slips in columns that turned out numeric, in line order, up to the cap. */
  readonly issues: readonly InputIssue[];
  /** Count of all such errors, kept or not. */
  readonly issueCount: number;
  /** The same count by issue code. */
  readonly countByCode: ReadonlyMap<string, number>;
}

/**
 * Classifies extra columns as rows stream past. Memory is bounded by `maxSlipsPerColumn`.
 * @example const extras = new ExtraColumns(["water_stress"], "s.csv"); extras.observe("water_stress", "0.4", 2); extras.finish().numeric.has("water_stress") // true
 */
export class ExtraColumns {
  private readonly states = new Map<string, ColumnState>();

  constructor(
    names: Iterable<string>,
    private readonly file: string,
    private readonly maxSlipsPerColumn = Number.POSITIVE_INFINITY,
  ) {
    for (const name of names) this.states.set(name, { textSeen: false, slips: [], slipCount: 0, codes: new Map() });
  }

  observe(name: string, raw: string, line: number): void {
    const state = this.states.get(name);
    if (state === undefined || state.textSeen) return;
    const parsed = parseNumberCell(raw, name);
    const tooLarge = parsed.kind === "number" ? outOfBounds(parsed.value, ANY_NUMBER) : undefined;
    const cell = tooLarge === undefined ? parsed : { kind: "invalid" as const, code: "out_of_range", message: tooLarge, numberLike: true };
    if (cell.kind !== "invalid") return;
    if (!cell.numberLike) {
      state.textSeen = true;
      state.slips.length = 0;
      return;
    }
    state.slipCount++;
    state.codes.set(cell.code, (state.codes.get(cell.code) ?? 0) + 1);
    if (state.slips.length < this.maxSlipsPerColumn) {
      state.slips.push({ file: this.file, line, column: name, code: cell.code, message: cell.message, severity: "error" });
    }
  }

  finish(): ExtraColumnsResult {
    const numeric = new Set<string>();
    const issues: InputIssue[] = [];
    let issueCount = 0;
    const countByCode = new Map<string, number>();
    for (const [name, state] of this.states) {
      if (state.textSeen) continue;
      numeric.add(name);
      appendAll(issues, state.slips);
      issueCount += state.slipCount;
      for (const [code, count] of state.codes) countByCode.set(code, (countByCode.get(code) ?? 0) + count);
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { numeric, issues, issueCount, countByCode };
  }
}
