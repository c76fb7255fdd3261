/**
 * The one sanitizer for text that came from a file (a cell, a model string, a path) on its way to
 * a terminal or an error message. Control characters (C0 but newline and tab, DEL, C1), bidi
 * overrides and isolates, and invisible format characters are shown as escapes (`\x1b`,
 * `\u202e`), so a cell cannot clear the screen, set the window title, reorder a line or hide a
 * difference between two ids.
 */

/**
 * Characters that must never reach a terminal raw. Newline and tab are kept out of this set (a
 * quoted cell may hold a line break); {@link cleanText} escapes them too for one-line messages.
 * Covers C0 controls, DEL and C1 controls, soft hyphen, Arabic letter mark, zero-width and bidi
 * format characters, line and paragraph separators, word joiner and invisible operators, and the
 * byte-order mark.
 */
/**
 * The characters that act on a terminal or reorder what it shows: C0 controls but newline and
 * tab, DEL, C1 controls, bidi embeddings, overrides and isolates. No text cell may hold them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point: they are refused.
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export const UNSAFE_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point: they are escaped.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;
const UNSAFE_OR_BREAK = new RegExp(`${UNSAFE_TEXT.source}|[\\n\\t]`, "gu");

const escapeChar = (c: string): string => {
  if (c === "\n") return "\\n";
  if (c === "\t") return "\\t";
  const code = c.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/**
 * One line of text, safe for a terminal: every unsafe character, newline and tab as an escape.
 * @example cleanText("evil\u001b]0;pwned\u0007") // "evil\\x1b]0;pwned\\x07"
 * @example cleanText("Abilene\nNorth") // "Abilene\\nNorth"
 */
export function cleanText(text: string): string {
  UNSAFE_OR_BREAK.lastIndex = 0;
  return UNSAFE_OR_BREAK.test(text) ? text.replace(UNSAFE_OR_BREAK, escapeChar) : text;
}

/**
 * Multi-line text (a rendered table or report) safe for a terminal: unsafe characters escaped,
 * newlines and tabs kept.
 * @example cleanLines("a\u001b[2Jb\nc") // "a\\x1b[2Jb\nc"
 */
export function cleanLines(text: string): string {
  return text.replace(new RegExp(UNSAFE_TEXT.source, "gu"), escapeChar);
}

/**
 * The first character of a text that matches `pattern` (default: any unsafe one) and its 0-based
 * index, if it has one.
 * @example firstUnsafe("ok\u202egnp") // { index: 2, escaped: "\\u202e" }
 */
export function firstUnsafe(text: string, pattern: RegExp = UNSAFE_TEXT): { readonly index: number; readonly escaped: string } | undefined {
  const match = pattern.exec(text);
  return match === null ? undefined : { index: match.index, escaped: escapeChar(match[0]) };
}
