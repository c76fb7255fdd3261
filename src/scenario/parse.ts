/**
 * The model file, in memory: JSON syntax → zod schema → named rules, each problem with its line,
 * column and JSON path. Pure.
 */
import { appendAll } from "../core/arrays.ts";
import { findNodeAtLocation, parse as parseLenient, parseTree, type Node, type ParseError } from "jsonc-parser";
import { capIssues, MORE_ISSUES_CODE, type InputIssue, type Loaded } from "../core/issues.ts";
import { lineColumnFinder, nearestName, type TextPosition } from "../core/text.ts";
import { MAX_TABLE_ROWS } from "../core/limits.ts";
import { checkRobustFits, riskConsistent } from "./riskRules.ts";
import {
  checkBudgetFeasible,
  checkLockedSitesExist,
  checkZoneNamesExist,
  checkModelAgainstColumns,
  MODEL_RULES,
  modelIssue,
  pathText,
  type JsonPath,
  type RuleContext,
} from "./rules.ts";
import { modelSchema, type ScenarioModel } from "./schema.ts";
import { normalizeSiteId } from "../sites/siteId.ts";

export interface ModelParseOptions {
  /** Columns of the site CSV, to check that criteria and filters name real ones. */
  readonly columns?: readonly string[];
  /** Site ids of the CSV, to check that lockedIn and lockedOut name real sites. */
  readonly siteIds?: readonly string[];
  /** Regions and grid zones of the CSV's sites, to check that caps and zone limits name real ones. */
  readonly regions?: readonly string[];
  readonly gridZones?: readonly string[];
  /** Capex of every site, $B per GW, to check that the budget can buy any selection at all. */
  readonly capexesBn?: readonly number[];
}

/**
 * Reads a scenario model from JSON text.
 * @example const loaded = parseModelJson(readFileSync("models/baseline.json", "utf8"), "models/baseline.json"); loaded.ok // true
 */
export function parseModelJson(text: string, file: string, options: ModelParseOptions = {}): Loaded<ScenarioModel> {
  const source = text.replace(/^\uFEFF/, "");
  const position = lineColumnFinder(source);
  if (source.trim() === "")
    return {
      ok: false,
      issues: [{ file, line: 1, column: 1, code: "empty_file", message: "expected a JSON model object, found an empty file", severity: "error" }],
    };

  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return { ok: false, issues: [syntaxIssue(source, file, error instanceof Error ? error.message : String(error), position)] };
  }
  const deep = tooDeepAt(source);
  if (deep !== undefined) {
    const { line, column } = position(deep);
    return {
      ok: false,
      issues: [
        {
          file,
          line,
          column,
          code: "too_deep",
          message: `expected a model nested at most ${MAX_DEPTH} levels deep, found deeper nesting here`,
          severity: "error",
        },
      ],
    };
  }
  // Before the syntax tree, which for a list of millions is itself gigabytes.
  const longest = longestArray(data);
  if (longest !== undefined && longest.length > MAX_MODEL_ARRAY) {
    const at = keyPosition(source, longest.path, position);
    return {
      ok: false,
      issues: [
        {
          file,
          ...(at === undefined ? {} : { line: at.line, column: at.column }),
          path: pathText(longest.path),
          code: "too_many_items",
          message: `expected at most ${MAX_MODEL_ARRAY.toLocaleString("en-US")} items in a list (the most sites a run takes), found ${longest.length.toLocaleString("en-US")}`,
          severity: "error",
        },
      ],
    };
  }
  const tree = parseTree(source);
  const context: RuleContext = { file, locate: (path) => locate(tree, path, position) };
  const duplicates = duplicateKeys(tree, [], context, position);

  const parsed = modelSchema.safeParse(data);
  if (duplicates.some((i) => i.code === "reserved_key")) return { ok: false, issues: sortIssues(duplicates) };
  if (!parsed.success) {
    const renamed = new Set<string>();
    const schemaIssues = parsed.error.issues
      .flatMap((issue) => schemaIssue(issue, data, context, renamed))
      // A misspelt key already says "did you mean X?"; "X is missing" would say it twice.
      .filter((issue) => !(issue.code === "missing_key" && renamed.has(issue.path ?? "")));
    return { ok: false, issues: sortIssues([...duplicates, ...schemaIssues]) };
  }
  const model = normalizeModel(parsed.data);
  const ruleIssues = [...MODEL_RULES, riskConsistent].flatMap((rule) => rule(model, context));
  const columnIssues = [
    ...(options.columns === undefined ? [] : checkModelAgainstColumns(model, options.columns, file, context.locate)),
    ...(options.siteIds === undefined ? [] : checkLockedSitesExist(model, options.siteIds, context)),
    ...(options.siteIds === undefined ? [] : checkRobustFits(model, options.siteIds.length, context)),
    ...(options.regions === undefined || options.gridZones === undefined ? [] : checkZoneNamesExist(model, options.regions, options.gridZones, context)),
    ...(options.capexesBn === undefined ? [] : checkBudgetFeasible(model, options.capexesBn, file, context.locate)),
  ];
  const issues = sortIssues([...duplicates, ...ruleIssues, ...columnIssues]);
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };
  return { ok: true, value: model, warnings: issues };
}

/** The normalize step: site ids in NFC, as the sites CSV stores them (see `src/sites/siteId.ts`). */
function normalizeModel(model: ScenarioModel): ScenarioModel {
  const opt = model.optimization;
  const lockedIn = opt.lockedIn?.map(normalizeSiteId);
  const lockedOut = opt.lockedOut?.map(normalizeSiteId);
  return {
    ...model,
    optimization: { ...opt, ...(lockedIn === undefined ? {} : { lockedIn }), ...(lockedOut === undefined ? {} : { lockedOut }) },
  };
}

/** Far beyond any real model (about 6 levels), and well within the recursion the checks below use. */
const MAX_DEPTH = 64;

/** Offset of the first bracket nested deeper than {@link MAX_DEPTH} in valid JSON, if any. */
function tooDeepAt(source: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === "}" || c === "]") depth--;
  }
  return undefined;
}

/** Items in any list of a model: as many as the sites a run takes; checked before the schema, which would build an issue per bad item. */
const MAX_MODEL_ARRAY = MAX_TABLE_ROWS;

/** The longest array in parsed JSON (nesting is at most {@link MAX_DEPTH} deep by then) and its path. */
function longestArray(data: unknown, path: JsonPath = []): { readonly path: JsonPath; readonly length: number } | undefined {
  if (data === null || typeof data !== "object") return undefined;
  let best: { readonly path: JsonPath; readonly length: number } | undefined = Array.isArray(data) ? { path, length: data.length } : undefined;
  if (best !== undefined && best.length > MAX_MODEL_ARRAY) return best;
  const entries: [string | number, unknown][] = Array.isArray(data) ? data.map((v, i) => [i, v]) : Object.entries(data);
  for (const [key, value] of entries) {
    const inner = longestArray(value, [...path, key]);
    if (inner !== undefined && (best === undefined || inner.length > best.length)) best = inner;
    if (best !== undefined && best.length > MAX_MODEL_ARRAY) return best;
  }
  return best;
}

/** Where the last key of a path first appears as a key in the text (without a syntax tree), if it does. */
function keyPosition(source: string, path: JsonPath, position: (offset: number) => TextPosition): TextPosition | undefined {
  const key = [...path].reverse().find((part): part is string => typeof part === "string");
  if (key === undefined) return undefined;
  const match = new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`).exec(source);
  return match === null ? undefined : position(match.index);
}

/** In file order, at most `MAX_ISSUES_PER_KIND` of each kind (and a count of the rest). */
function sortIssues(issues: readonly InputIssue[]): InputIssue[] {
  const key = (i: InputIssue): number =>
    i.code === MORE_ISSUES_CODE ? Number.POSITIVE_INFINITY : (i.line ?? 0) * 1e6 + (typeof i.column === "number" ? i.column : 0);
  return capIssues([...issues].sort((a, b) => key(a) - key(b)));
}

/** A JSON syntax error with its line and column, and a hint for the usual slips. */
function syntaxIssue(source: string, file: string, message: string, position: (offset: number) => TextPosition): InputIssue {
  const offset = errorOffset(source, message);
  const { line, column } = position(offset);
  const cleaned = message
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/^Unexpected end of JSON input$/, "unexpected end of file");
  return { file, line, column, code: "json_syntax", message: `invalid JSON: ${cleaned}${syntaxHint(source, offset)}`, severity: "error" };
}

function errorOffset(source: string, message: string): number {
  const match = /at position (\d+)/.exec(message);
  if (match?.[1] !== undefined) return Number(match[1]);
  // Node 20 leaves the position out of some messages; a second, strict parser finds it.
  const errors: ParseError[] = [];
  parseLenient(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? source.length;
}

function syntaxHint(source: string, offset: number): string {
  const here = source[offset];
  const before = source.slice(0, offset).trimEnd().at(-1);
  if (here === "/") return ' (JSON has no comments: put notes in a "$comment" or "description" key)';
  if (here === "'") return " (JSON strings use double quotes)";
  if (before === "," && (here === "}" || here === "]")) return " (remove the trailing comma)";
  return "";
}

/** The position of a path's key, or of the nearest enclosing node that exists. */
function locate(tree: Node | undefined, path: JsonPath, position: (offset: number) => TextPosition): TextPosition | undefined {
  if (tree === undefined) return undefined;
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(tree, [...path.slice(0, length)]);
    if (node === undefined) continue;
    const key = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
    return position((key ?? node).offset);
  }
  return position(tree.offset);
}

/** Keys that would change an object's prototype instead of naming a pillar, region or zone. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * JSON.parse keeps the last of two equal keys without a word, a typo hides that way; and a key
 * such as `__proto__` would vanish from a record (a pillar dropped in silence).
 */
function duplicateKeys(node: Node | undefined, path: JsonPath, context: RuleContext, position: (offset: number) => TextPosition): InputIssue[] {
  if (node === undefined) return [];
  const issues: InputIssue[] = [];
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const name: unknown = property.children?.[0]?.value;
      if (typeof name !== "string") continue;
      if (RESERVED_KEYS.has(name)) {
        const at = position(property.offset);
        issues.push({
          ...modelIssue(
            context,
            [...path, name],
            "reserved_key",
            `key "${name}" is a reserved name in JavaScript and cannot name anything in a model: rename it`,
          ),
          line: at.line,
          column: at.column,
        });
      }
      if (seen.has(name)) {
        // Point at the second occurrence; the path finder would find the first.
        const at = position(property.offset);
        issues.push({
          ...modelIssue(context, [...path, name], "duplicate_key", `key "${name}" appears twice in this object: JSON keeps only the last one`),
          line: at.line,
          column: at.column,
        });
      }
      seen.add(name);
      appendAll(issues, duplicateKeys(property.children?.[1], [...path, name], context, position));
    }
  } else if (node.type === "array") {
    for (const [index, child] of (node.children ?? []).entries()) appendAll(issues, duplicateKeys(child, [...path, index], context, position));
  }
  return issues;
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string | undefined;
  readonly keys?: readonly string[] | undefined;
  readonly values?: readonly unknown[] | undefined;
  readonly options?: readonly unknown[] | undefined;
  readonly discriminator?: string | undefined;
  readonly minimum?: number | bigint | undefined;
  readonly maximum?: number | bigint | undefined;
  readonly inclusive?: boolean | undefined;
  readonly origin?: string | undefined;
}

/** Keys an earlier version of the model file used, with what replaced them. */
const RENAMED_KEYS: Readonly<Record<string, { readonly to: string; readonly why: string }>> = {
  "schedule.slots": { to: "milestones", why: "milestone k's date is when at least k sites must be live; slot k is now the k-th site to go live" },
};

function schemaIssue(issue: ZodIssueLike, data: unknown, context: RuleContext, renamed: Set<string>): InputIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
  const found = valueAt(data, path);
  const shown = describe(found);
  const last = path[path.length - 1];
  switch (issue.code) {
    case "unrecognized_keys":
      return (issue.keys ?? []).map((key) => {
        const moved = RENAMED_KEYS[pathText([...path, key])];
        if (moved !== undefined) {
          renamed.add(pathText([...path, moved.to]));
          return modelIssue(context, [...path, key], "renamed_key", `"${key}" is now "${moved.to}": ${moved.why}`);
        }
        const suggestion = nearestName(key, knownKeys(data, path));
        if (suggestion !== undefined && valueAt(data, [...path, suggestion]) === undefined) renamed.add(pathText([...path, suggestion]));
        const hint = suggestion === undefined ? "" : `: did you mean "${suggestion}"?`;
        return modelIssue(context, [...path, key], "unknown_key", `unknown key "${key}"${hint}`);
      });
    case "invalid_type":
      if (found === undefined) return [modelIssue(context, path, "missing_key", `missing required key "${String(last)}" (${expectedText(issue.expected)})`)];
      return [modelIssue(context, path, "wrong_type", `expected ${expectedText(issue.expected)}, found ${shown}`)];
    case "invalid_value": {
      const options = (issue.values ?? []).map((v) => JSON.stringify(v));
      const suggestion = typeof found === "string" ? nearestName(found, (issue.values ?? []).map(String)) : undefined;
      const hint = suggestion === undefined ? "" : `: did you mean "${suggestion}"?`;
      return [modelIssue(context, path, "invalid_value", `expected ${options.join(" or ")}, found ${shown}${hint}`)];
    }
    case "invalid_union": {
      if (issue.discriminator !== undefined) {
        const options = (issue.options ?? []).map(String);
        const suggestion = typeof found === "string" ? nearestName(found, options) : undefined;
        const hint = suggestion === undefined ? "" : `: did you mean "${suggestion}"?`;
        return [
          modelIssue(
            context,
            path,
            "invalid_value",
            `expected "${issue.discriminator}" to be ${options.map((o) => `"${o}"`).join(" or ")}, found ${shown}${hint}`,
          ),
        ];
      }
      return [modelIssue(context, path, "wrong_type", `expected a number, a text or true/false, found ${shown}`)];
    }
    case "too_small":
    case "too_big": {
      const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      if (issue.origin === "array")
        return [
          modelIssue(
            context,
            path,
            issue.code,
            `expected ${issue.code === "too_small" ? "at least" : "at most"} ${bound} item(s), found ${Array.isArray(found) ? found.length : shown}`,
          ),
        ];
      if (issue.origin === "string") return [modelIssue(context, path, issue.code, `expected a non-empty text, found ${shown}`)];
      const op = issue.code === "too_small" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
      return [modelIssue(context, path, issue.code, `expected a number ${op} ${bound}, found ${shown}`)];
    }
    default: {
      // Our own refinements and regex checks carry a sentence that starts with "expected".
      const message = /^expected/.test(issue.message)
        ? issue.message
        : /^not /.test(issue.message)
          ? `expected ${issue.message.slice(4)}`
          : `invalid value (${issue.message})`;
      return [modelIssue(context, path, issue.code === "custom" ? "invalid_value" : issue.code, `${message}, found ${shown}`)];
    }
  }
}

function expectedText(expected: string | undefined): string {
  switch (expected) {
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "string":
      return "a text in double quotes";
    case "boolean":
      return "true or false";
    case "array":
      return "a list [...]";
    case "object":
    case "record":
      return "an object {...}";
    default:
      return expected ?? "another value";
  }
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let current: unknown = data;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = Object.hasOwn(current, part) ? (current as Record<string | number, unknown>)[part] : undefined;
  }
  return current;
}

/** The keys the schema allows in the object at `path`, for "did you mean". */
function knownKeys(data: unknown, path: JsonPath): string[] {
  let schema: unknown = modelSchema;
  let value: unknown = data;
  for (const part of path) {
    const def = defOf(unwrap(schema, value));
    if (def === undefined) return [];
    if (def.type === "object") schema = def.shape?.[String(part)];
    else if (def.type === "array") schema = def.element;
    else if (def.type === "record") schema = def.valueType;
    else if (def.type === "tuple") schema = typeof part === "number" ? def.items?.[part] : undefined;
    else return [];
    value = valueAt(value, [part]);
  }
  const def = defOf(unwrap(schema, value));
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

/** The parts of a zod 4 schema definition that the key finder walks through. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly innerType?: unknown;
  readonly element?: unknown;
  readonly valueType?: unknown;
  readonly items?: readonly unknown[];
  readonly options?: readonly unknown[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
  readonly in?: unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return schema !== null && typeof schema === "object" && "def" in schema ? (schema.def as SchemaDef) : undefined;
}

/** Through optional/default wrappers, and into the union option the data's discriminator picks. */
function unwrap(schema: unknown, value: unknown): unknown {
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(schema);
    if (def === undefined) return schema;
    if (def.innerType !== undefined) schema = def.innerType;
    else if (def.type === "pipe") schema = def.in;
    else if (def.type === "union" && def.discriminator !== undefined) {
      const tag = valueAt(value, [def.discriminator]);
      const option = def.options?.find((o) => defOf(defOf(o)?.shape?.[def.discriminator ?? ""])?.values?.includes(tag));
      if (option === undefined) return schema;
      schema = option;
    } else return schema;
  }
  return schema;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `${JSON.stringify(text)} (a text)`;
  }
  return String(value);
}
