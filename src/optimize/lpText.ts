import { appendAll } from "../core/arrays.ts";
import type { LinearProgram, LinearTerm } from "./program.ts";

/** Old HiGHS readers rejected lines of 255 characters or more; we stay well below. */
const MAX_LINE_CHARS = 200;

/** Shortest exact decimal form; the LP format has no `Infinity`, and `-0` reads oddly. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`non-finite coefficient ${value} in the LP model (this is a bug)`);
  return Object.is(value, -0) ? "0" : String(value);
}

function termTokens(terms: readonly LinearTerm[], names: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const term of terms) {
    if (term.coefficient === 0) continue;
    const sign = term.coefficient < 0 ? "-" : "+";
    const magnitude = Math.abs(term.coefficient);
    const name = names[term.variable];
    if (name === undefined) throw new Error(`row refers to unknown variable ${term.variable} (this is a bug)`);
    const body = magnitude === 1 ? name : `${formatNumber(magnitude)} ${name}`;
    tokens.push(tokens.length === 0 && sign === "+" ? body : `${sign} ${body}`);
  }
  return tokens;
}

/** Joins tokens into lines that start with a space (a continuation in LP format). */
function wrap(head: string, tokens: readonly string[], tail: string): string[] {
  const lines: string[] = [];
  let line = ` ${head}`;
  for (const token of [...tokens, tail]) {
    if (token === "") continue;
    if (line.length + 1 + token.length > MAX_LINE_CHARS && line.trim() !== "") {
      lines.push(line);
      line = "  ";
    }
    line += line.endsWith(" ") ? token : ` ${token}`;
  }
  lines.push(line);
  return lines;
}

/**
 * CPLEX LP text of a mixed 0/1 program, rows wrapped under 255 characters. The constant
 * objective offset is written as a comment because LP readers disagree on constants in the
 * objective. With `relax`, binaries become `0 <= v <= 1` bounds (the LP relaxation). With
 * `explain`, a comment block first says what each variable means (site and month).
 * @example toLpText({ sense: "max", variables: [{ name: "x_0", kind: "binary", upper: 1, candidate: 0, month: null, objective: 2, meaning: "site S1 selected" }], rows: [{ name: "count", terms: [{ variable: 0, coefficient: 1 }], sense: "=", rhs: 1 }], objectiveOffset: 0 })
 * // "\\ gigasite model ...\nMaximize\n obj: 2 x_0\nSubject To\n count: x_0 = 1\nBinary\n x_0\nEnd\n"
 */
export function toLpText(program: LinearProgram, relax = false, explain: readonly string[] | null = null): string {
  const names = program.variables.map((v) => v.name);
  const binaries = program.variables.filter((v) => v.kind === "binary").map((v) => v.name);
  const out: string[] = [];
  for (const line of explain ?? []) out.push(`\\ ${line}`);
  out.push(`\\ gigasite model: ${binaries.length} binaries, ${program.variables.length - binaries.length} continuous, ${program.rows.length} rows`);
  out.push(`\\ objective offset (add to the solver's objective): ${formatNumber(program.objectiveOffset)}`);
  if (explain !== null) for (const v of program.variables) out.push(`\\   ${v.name}: ${v.meaning}`);
  out.push(program.sense === "max" ? "Maximize" : "Minimize");
  const objectiveTokens = termTokens(
    program.variables.map((v, i) => ({ variable: i, coefficient: v.objective })),
    names,
  );
  // An all-zero objective still needs one term to be valid LP text.
  const firstName = names[0];
  if (objectiveTokens.length === 0 && firstName !== undefined) objectiveTokens.push(`0 ${firstName}`);
  appendAll(out, wrap("obj:", objectiveTokens, ""));
  out.push("Subject To");
  for (const row of program.rows) {
    const tokens = termTokens(row.terms, names);
    if (tokens.length === 0 && firstName !== undefined) tokens.push(`0 ${firstName}`);
    appendAll(out, wrap(`${row.name}:`, tokens, `${row.sense} ${formatNumber(row.rhs)}`));
  }
  const bounded = program.variables.filter((v) => relax || v.kind === "continuous");
  if (bounded.length > 0) out.push("Bounds");
  for (const v of bounded) out.push(` 0 <= ${v.name} <= ${formatNumber(v.upper)}`);
  if (!relax && binaries.length > 0) {
    out.push("Binary");
    appendAll(out, wrap("", binaries, ""));
  }
  out.push("End");
  return `${out.join("\n")}\n`;
}
