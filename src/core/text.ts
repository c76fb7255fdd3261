/**
 * Small text helpers shared by the loaders: edit distance and "did you mean" suggestions.
 */
import { cleanText } from "./terminalText.ts";

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
 * characters (optimal string alignment), case-sensitive: "worts" is one slip from "worst".
 * @example editDistance("permiting_months", "permitting_months") // 1
 * @example editDistance("worts", "worst") // 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows keep memory at O(|b|); names are short, so time is not a concern.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known name closest to `name`, if it is close enough to be a plausible typo: same name in
 * another case, or at most 2 edits and at most a third of the name's length.
 * @example nearestName("permiting_months", ["permitting_months", "capex_bn"]) // "permitting_months"
 * @example nearestName("water_stress", ["permitting_months", "capex_bn"]) // undefined
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const limit = Math.min(2, Math.floor(name.length / 3));
  const normalized = normalizeName(name);
  for (const candidate of known) {
    if (candidate === name) continue;
    // Case and separator slips ("Site ID", "site-id") count as no edit at all.
    if (normalizeName(candidate) === normalized) return candidate;
    // Lengths further apart than the limit need more edits than it allows: no need to count them.
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "_");
}

/**
 * `" (did you mean 'x'?)"`-style suffix, or "" when nothing is close.
 * @example didYouMean("lattitude", ["lat", "latitude"]) // ": did you mean 'latitude'?"
 */
export function didYouMean(name: string, known: readonly string[]): string {
  const suggestion = nearestName(name, known);
  return suggestion === undefined ? "" : `: did you mean '${suggestion}'?`;
}

/**
 * A value quoted for a message, shortened so a runaway cell cannot flood the terminal.
 * @example quoteValue("abc") // "'abc'"
 */
export function quoteValue(value: string, maxChars = 40): string {
  const shown = value.length > maxChars ? `${value.slice(0, maxChars)}…` : value;
  return `'${cleanText(shown)}'`;
}

/** 1-based line and column of a character offset. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Line and column finder for one text; build once, query many times (binary search over line starts).
 * @example lineColumnFinder("ab\ncd")(4) // { line: 2, column: 2 }
 */
export function lineColumnFinder(text: string): (offset: number) => TextPosition {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1 };
  };
}
