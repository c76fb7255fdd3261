/**
 * What a site id may be, and when two ids are the same site. Documented in the README ("Sites
 * CSV"): an id is read in Unicode NFC form, so the same letters typed as composed or decomposed
 * characters are one id; it may hold letters, digits, punctuation, symbols and plain spaces, up
 * to {@link SITE_ID_MAX_CHARS} characters, but no control, bidi or invisible (zero-width, soft
 * hyphen, byte-order mark) character and no space other than U+0020; and two ids that differ
 * only in letter case or in compatibility form (`Ｓ0001`, `S0001`, `s0001`) are duplicates.
 */
import { firstUnsafe } from "../core/terminalText.ts";

export const SITE_ID_MAX_CHARS = 100;

/** Whitespace other than the plain space: no-break, ideographic, en/em spaces, line breaks, tabs. */
const OTHER_SPACE = /[^\S ]/u;

/**
 * The id as stored: NFC.
 * @example normalizeSiteId("Cafe\u0301") === "Caf\u00e9" // true
 */
export function normalizeSiteId(raw: string): string {
  return raw.normalize("NFC");
}

/**
 * Why a (trimmed, normalized) id cannot be used, or undefined when it can.
 * @example siteIdProblem("S\u200b0001") // "contains the invisible character \\u200b at character 2: ..."
 */
export function siteIdProblem(id: string): string | undefined {
  const unsafe = firstUnsafe(id);
  if (unsafe !== undefined)
    return `contains the control or invisible character ${unsafe.escaped} at character ${unsafe.index + 1}: an id may hold letters, digits, punctuation and plain spaces only`;
  const space = OTHER_SPACE.exec(id);
  if (space !== null)
    return `contains a space character other than a plain space (U+${(space[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}) at character ${space.index + 1}: use a plain space or none`;
  const length = [...id].length;
  if (length > SITE_ID_MAX_CHARS) return `is ${length} characters long: an id may have at most ${SITE_ID_MAX_CHARS}`;
  return undefined;
}

/**
 * The key under which look-alike ids collide: compatibility forms folded (NFKC), then case.
 * @example siteIdKey("Ｓ0001") === siteIdKey("s0001") // true
 */
export function siteIdKey(id: string): string {
  return id.normalize("NFKC").toUpperCase().toLowerCase();
}
