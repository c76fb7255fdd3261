/**
 * The one table style of the terminal: cli-table3 with plain (uncoloured) heads and borders,
 * compact rows. Every command that prints a table draws it through here, and {@link fitTable}
 * makes any table fit the terminal's width.
 */
import { stripVTControlCharacters } from "node:util";
import Table from "cli-table3";

type TableOptions = NonNullable<ConstructorParameters<typeof Table>[0]>;

/** A cli-table3 table in gigasite's terminal style; `options` gives the heads, alignments and widths. */
export function terminalTable(options: Omit<TableOptions, "style">): InstanceType<typeof Table> {
  return new Table({ ...options, style: { head: [], border: [], compact: true } });
}

/** Columns a table may use: the terminal's width on a terminal, unlimited when the output is piped or redirected (every column kept). */
export function terminalWidth(stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stdout): number {
  return stream.isTTY ? (stream.columns ?? 80) : Number.POSITIVE_INFINITY;
}

/** One column of a table that {@link fitTable} may narrow. */
export interface FitColumn {
  readonly head: string;
  readonly align?: "left" | "right";
  /**
   * How the column's cells give way when the table is too wide: `shorten` cuts them to `minWidth`
   * with "…" (names), `wrap` wraps them over lines of at least `minWidth` (sentences); by default
   * they are kept whole. Heads always wrap at their spaces.
   */
  readonly give?: "shorten" | "wrap";
  /** The narrowest a `shorten` or `wrap` column becomes (default 12). */
  readonly minWidth?: number;
  /** Columns with a rank are left out, the lowest rank first, while the table is still too wide; others are always shown. */
  readonly dropRank?: number;
}

/** A table fitted to a width: its text and the heads of the columns left out. */
export interface FittedTable {
  readonly text: string;
  readonly dropped: readonly string[];
}

const visibleLength = (text: string): number => stripVTControlCharacters(text).length;
const widest = (lines: readonly string[]): number => lines.reduce((w, line) => Math.max(w, visibleLength(line)), 0);

/** Words of `text` greedily on lines of at most `width` (a longer word keeps its own line). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/)) {
      if (line === "") line = word;
      else if (visibleLength(line) + 1 + visibleLength(word) <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** `text` cut to `width` characters with "…" (uncoloured text; a coloured cell is kept whole). */
export function shorten(text: string, width: number): string {
  if (visibleLength(text) <= width || visibleLength(text) !== text.length) return text;
  return `${text.slice(0, Math.max(1, width - 1)).trimEnd()}…`;
}

interface Layout {
  readonly shown: number[];
  readonly widths: Map<number, number>;
}

/** Width of the drawn table: each column's content plus one space either side, and one border per column plus one. */
const drawnWidth = (layout: Layout): number => layout.shown.reduce((sum, c) => sum + (layout.widths.get(c) ?? 0) + 3, 1);

/**
 * Draws `rows` under `columns` in at most `width` terminal columns, so the terminal never wraps
 * a row: heads wrap at their spaces, `shorten` and `wrap` columns narrow to their `minWidth`,
 * then columns with a `dropRank` are left out (lowest first) and named in `dropped` for a note.
 * With an infinite width (piped output) every column is drawn whole.
 * @example fitTable([{ head: "site" }, { head: "name", give: "shorten" }], [["S0001", "Dayton Industrial Park"]], 20).text
 */
export function fitTable(columns: readonly FitColumn[], rows: readonly (readonly string[])[], width: number): FittedTable {
  const cell = (r: readonly string[], c: number): string => r[c] ?? "";
  const cellWidth = (c: number): number => widest(rows.flatMap((r) => cell(r, c).split("\n")));
  const headWords = (c: number): number => widest((columns[c]?.head ?? "").split(/[ \n]+/));
  const floor = (c: number): number => {
    const column = columns[c];
    const content = column?.give === undefined ? cellWidth(c) : Math.min(cellWidth(c), column.minWidth ?? 12);
    return Math.max(content, headWords(c), 1);
  };
  const all = columns.map((_, c) => c);
  // Natural widths: whole cells and heads; then, while too wide, heads wrapped to their cells' width.
  const layout: Layout = { shown: [...all], widths: new Map(all.map((c) => [c, Math.max(cellWidth(c), visibleLength(columns[c]?.head ?? ""), 1)])) };
  for (const c of all) if (drawnWidth(layout) > width) layout.widths.set(c, Math.max(cellWidth(c), headWords(c), 1));
  const narrow = (give: FitColumn["give"]): void => {
    for (const c of layout.shown) {
      if (drawnWidth(layout) <= width) return;
      if (columns[c]?.give !== give) continue;
      const excess = drawnWidth(layout) - width;
      const current = layout.widths.get(c) ?? 0;
      layout.widths.set(c, Math.max(floor(c), current - excess));
    }
  };
  narrow("shorten");
  narrow("wrap");
  const droppable = all.filter((c) => columns[c]?.dropRank !== undefined).sort((a, b) => (columns[a]?.dropRank ?? 0) - (columns[b]?.dropRank ?? 0));
  const dropped: string[] = [];
  for (const c of droppable) {
    if (drawnWidth(layout) <= width) break;
    layout.shown.splice(layout.shown.indexOf(c), 1);
    dropped.push((columns[c]?.head ?? "").replace(/\s+/g, " "));
  }
  // What dropping freed goes back: first to the shortened or wrapped cells, then to the heads.
  const widen = (c: number, target: number): void => {
    const room = width - drawnWidth(layout);
    const current = layout.widths.get(c) ?? 0;
    if (room > 0 && target > current) layout.widths.set(c, Math.min(target, current + room));
  };
  for (const c of layout.shown) if (columns[c]?.give !== undefined) widen(c, Math.max(cellWidth(c), headWords(c)));
  for (const c of layout.shown) widen(c, visibleLength(columns[c]?.head ?? ""));
  const fitCell = (text: string, c: number): string => {
    const w = layout.widths.get(c) ?? 0;
    const column = columns[c];
    if (column?.give === "shorten")
      return text
        .split("\n")
        .map((line) => shorten(line, w))
        .join("\n");
    if (column?.give === "wrap") return wrapWords(text, w).join("\n");
    return text;
  };
  const table = terminalTable({
    head: layout.shown.map((c) => wrapWords(columns[c]?.head ?? "", layout.widths.get(c) ?? 0).join("\n")),
    colAligns: layout.shown.map((c) => columns[c]?.align ?? "left"),
  });
  for (const row of rows) table.push(layout.shown.map((c) => fitCell(cell(row, c), c)));
  return { text: table.toString(), dropped };
}

/**
 * {@link fitTable}, then a line naming the columns left out and where they are in full.
 * @example fittedTableText(columns, rows, 100, "selection.csv")
 */
export function fittedTableText(columns: readonly FitColumn[], rows: readonly (readonly string[])[], width: number, fullIn?: string): string {
  const fitted = fitTable(columns, rows, width);
  if (fitted.dropped.length === 0) return fitted.text;
  return `${fitted.text}\nnot shown at this width: ${fitted.dropped.join(", ")} (${fullIn === undefined ? "" : `${fullIn} has every column; `}a wider terminal or piped output shows them)`;
}
