/**
 * Places a chart label near a point without touching the chart's step lines: a few candidate
 * spots around the point are tried in order, and the first whose box keeps clear of every line
 * (and inside the plot) wins. Text width is estimated from its length, so the check is a
 * conservative box test, not a glyph test.
 */

/** A month-by-month step line: value v[t] from x(t) to x(t+1), in chart units after `y`. */
export interface StepLine {
  readonly values: readonly number[];
  /** The value before month 0 (the line's start). */
  readonly before: number;
}

export interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface LabelSpot {
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly anchor: "start" | "middle" | "end";
}

export interface PlaceLabelInput {
  readonly text: string;
  /** The point the label names, in chart units. */
  readonly px: number;
  readonly py: number;
  readonly fontSize: number;
  readonly lines: readonly StepLine[];
  /** Horizontal lines (a budget line) to keep clear of, in chart units. */
  readonly levels: readonly number[];
  /** Other labels' boxes to keep clear of. */
  readonly boxes?: readonly Box[];
  readonly x: (month: number) => number;
  readonly y: (value: number) => number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

/** Average advance of a bold system-font character, as a share of the font size (generous). */
const CHAR_WIDTH = 0.62;

/**
 * The box of a label's text, estimated from its length (see CHAR_WIDTH).
 * @example textBox("budget $100B", 900, 96, 12, "end").right // 900
 */
export function textBox(text: string, x: number, baseline: number, fontSize: number, anchor: LabelSpot["anchor"]): Box {
  const width = text.length * fontSize * CHAR_WIDTH;
  const left = anchor === "start" ? x : anchor === "end" ? x - width : x - width / 2;
  return { left, right: left + width, top: baseline - fontSize * 0.8, bottom: baseline + fontSize * 0.25 };
}
/** Clear space kept between a label's box and a line. */
const GAP = 3;

/**
 * The first spot (above right, above left, below right, below left, then further out) where the
 * label's box stays clear of the lines; the first candidate if none is.
 * @example placeLabel({ text: "tightest", px: 500, py: 100, fontSize: 11, lines: [], levels: [], x, y, plot }).anchor // "start"
 */
export function placeLabel(input: PlaceLabelInput): LabelSpot {
  const ascent = input.fontSize * 0.8;
  const descent = input.fontSize * 0.25;
  const candidates: LabelSpot[] = [];
  for (const dy of [14, 30, 48]) {
    for (const dx of [10, 24]) {
      candidates.push(
        { x: input.px + dx, y: input.py - dy + descent, anchor: "start" },
        { x: input.px - dx, y: input.py - dy + descent, anchor: "end" },
        { x: input.px + dx, y: input.py + dy + ascent, anchor: "start" },
        { x: input.px - dx, y: input.py + dy + ascent, anchor: "end" },
      );
    }
  }
  const box = (spot: LabelSpot): Box => textBox(input.text, spot.x, spot.y, input.fontSize, spot.anchor);
  const clear = (spot: LabelSpot): boolean => {
    const b = box(spot);
    const p = input.plot;
    if (b.left < p.left || b.right > p.right || b.top < p.top || b.bottom > p.bottom) return false;
    for (const level of input.levels) if (level > b.top - GAP && level < b.bottom + GAP) return false;
    for (const o of input.boxes ?? []) if (o.left < b.right + GAP && o.right > b.left - GAP && o.top < b.bottom + GAP && o.bottom > b.top - GAP) return false;
    return input.lines.every((line) => !stepLineCrosses(line, b, input.x, input.y));
  };
  return candidates.find(clear) ?? (candidates[0] as LabelSpot);
}

/** Whether a step line passes through a box (grown by GAP): its horizontal runs and its risers. */
function stepLineCrosses(line: StepLine, b: Box, x: (month: number) => number, y: (value: number) => number): boolean {
  const inY = (v: number): boolean => y(v) > b.top - GAP && y(v) < b.bottom + GAP;
  let previous = line.before;
  for (const [t, v] of line.values.entries()) {
    const x0 = x(t);
    const x1 = x(t + 1);
    // The riser at x0 from the previous value to this one.
    if (x0 > b.left - GAP && x0 < b.right + GAP) {
      const [lo, hi] = [Math.min(y(previous), y(v)), Math.max(y(previous), y(v))];
      if (hi > b.top - GAP && lo < b.bottom + GAP) return true;
    }
    if (x1 > b.left - GAP && x0 < b.right + GAP && inY(v)) return true;
    previous = v;
  }
  return false;
}
