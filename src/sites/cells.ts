/**
 * Reading one CSV cell as a number or a boolean, with messages that name the likely slip
 * (thousands separator, decimal comma, percent sign, unit suffix) and the fix.
 */
import { quoteValue } from "../core/text.ts";

export type NumberCell =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  /**
   * `numberLike` is true when the cell was clearly meant as a number (e.g. `1,200`, `NaN`), so an
   * extra column made of such cells is still numeric; plain text makes it a text column.
   */
  | { readonly kind: "invalid"; readonly code: string; readonly message: string; readonly numberLike: boolean };

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))\s*%$/;
const WITH_UNIT = /^([+-]?(\d+\.?\d*|\.\d+))\s*([A-Za-z$€£/]+)$/;
const CURRENCY_PREFIX = /^[$€£]\s*([+-]?(\d+\.?\d*|\.\d+))$/;

const invalid = (code: string, message: string, numberLike: boolean): NumberCell => ({ kind: "invalid", code, message, numberLike });

/**
 * Reads a trimmed cell as a finite number. Blank is `blank` (unknown), never zero.
 * @example parseNumberCell("3.5", "capex_bn") // { kind: "number", value: 3.5 }
 * @example parseNumberCell("3,5", "capex_bn").kind // "invalid" (message suggests 3.5)
 */
export function parseNumberCell(raw: string, column: string): NumberCell {
  const cell = raw.trim();
  if (cell === "") return { kind: "blank" };
  if (PLAIN_NUMBER.test(cell)) {
    const value = Number(cell);
    if (Number.isFinite(value)) return { kind: "number", value };
    return invalid("not_finite", `expected a finite number, found ${quoteValue(cell)} (too large to represent)`, true);
  }
  const found = quoteValue(cell);
  if (NOT_FINITE.test(cell)) return invalid("not_finite", `expected a finite number, found ${found}`, true);
  if (THOUSANDS.test(cell)) {
    const fixed = cell.replace(/,/g, "");
    return invalid("thousands_separator", `expected a number without thousands separators, found ${found}: write ${fixed}`, true);
  }
  if (DECIMAL_COMMA.test(cell)) {
    const fixed = String(Number(cell.replace(",", ".")));
    return invalid("decimal_comma", `expected a number with a decimal point, found ${found}: write ${fixed}`, true);
  }
  const percent = PERCENT.exec(cell);
  if (percent) {
    const number = String(Number(percent[1]));
    const hint = column.endsWith("_pct") ? `write ${number}, the column is already in percent` : `write the number without '%'`;
    return invalid("percent_sign", `expected a plain number, found ${found}: ${hint}`, true);
  }
  const currency = CURRENCY_PREFIX.exec(cell);
  if (currency)
    return invalid("unit_in_cell", `expected a plain number, found ${found}: write ${String(Number(currency[1]))}, the unit is in the column name`, true);
  const unit = WITH_UNIT.exec(cell);
  if (unit) return invalid("unit_in_cell", `expected a plain number, found ${found}: write ${String(Number(unit[1]))}, the unit is in the column name`, true);
  return invalid("not_a_number", `expected a number, found ${found}`, false);
}

export type BooleanCell =
  | { readonly kind: "blank" }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "invalid"; readonly code: string; readonly message: string };

const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);

/**
 * Reads a trimmed cell as true/false/yes/no/1/0 (any case); blank is `blank` (unknown).
 * @example parseBooleanCell("Yes") // { kind: "boolean", value: true }
 */
export function parseBooleanCell(raw: string): BooleanCell {
  const cell = raw.trim();
  if (cell === "") return { kind: "blank" };
  const lower = cell.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { kind: "boolean", value: true };
  if (FALSE_WORDS.has(lower)) return { kind: "boolean", value: false };
  return { kind: "invalid", code: "not_a_boolean", message: `expected true/false, yes/no or 1/0, found ${quoteValue(cell)}` };
}
