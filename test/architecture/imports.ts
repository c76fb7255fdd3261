/**
 * Reads every reference from a file under src/ to another file: static imports and re-exports
 * (type-only too), `import("…")` in code and in types, `require` through `createRequire`, worker
 * entry files started by name (`startModuleWorker("x", import.meta.url)`) and files named with
 * `new URL("…", import.meta.url)`. A reference whose target cannot be read from the text (a
 * template string with a substitution, a variable) is refused rather than skipped, so that no
 * import can hide from the stage order in stages.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import ts from "typescript";
import { IMPORT_MAY_USE, MAY_NOT_USE, STAGES } from "./stages.ts";

/** One reference: the file it is in and the specifier as written, both relative to the repository. */
export interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  /** The referenced file, relative to the repository (`src/...` unless the reference leaves src/). */
  readonly to: string;
}

/** A reference the check cannot follow, with where it is and why. */
export interface UncheckableImport {
  readonly from: string;
  readonly line: number;
  readonly why: string;
}

export interface FileImports {
  readonly edges: readonly ImportEdge[];
  readonly uncheckable: readonly UncheckableImport[];
}

/** The only kind of source file src/ may hold. */
export const SOURCE_EXTENSION = ".ts";

/** Extensions of code: a reference to such a file is an import, wherever it points. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;

const toPosix = (path: string): string => path.split(sep).join(posix.sep);

/** Every file under `srcDir`, as `src/...` paths, sorted (source or not: see {@link fileKindViolations}). */
export function sourceFiles(repoRoot: string, srcDir = "src"): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(toPosix(relative(repoRoot, path)));
    }
  };
  walk(join(repoRoot, srcDir));
  return out.sort();
}

/** Every file under src/ that is not a `.ts` source (a `.mts`, `.cts`, `.js`, `.d.ts`…): none is checked, so none may be there. */
export function fileKindViolations(files: readonly string[]): string[] {
  return files
    .filter((f) => !f.endsWith(SOURCE_EXTENSION) || f.endsWith(".d.ts"))
    .map((f) => `${f}: only ${SOURCE_EXTENSION} files may be under src/ (the layering check reads no other kind)`);
}

const isRelative = (specifier: string): boolean =>
  specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/") || specifier.startsWith("file:");

/** `import.meta.url`. */
const isImportMetaUrl = (node: ts.Node): boolean =>
  ts.isPropertyAccessExpression(node) &&
  node.name.text === "url" &&
  ts.isMetaProperty(node.expression) &&
  node.expression.keywordToken === ts.SyntaxKind.ImportKeyword;

/** The text of a string literal or of a template string without substitutions; null for anything computed. */
function literalText(node: ts.Node | undefined): string | null {
  if (node === undefined) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

/** Functions whose calls name files, by the name they are exported under. */
const FILE_NAMING_FUNCTIONS = new Set(["createRequire", "startModuleWorker"]);

/**
 * The exported name a callee stands for: `createRequire` for `createRequire`, for an alias of it
 * (`import { createRequire as cr }`) and for `module.createRequire`; else the callee's own name.
 */
function calleeName(callee: ts.Expression, aliases: ReadonlyMap<string, string>): string | null {
  if (ts.isIdentifier(callee)) return aliases.get(callee.text) ?? callee.text;
  if (ts.isPropertyAccessExpression(callee) && FILE_NAMING_FUNCTIONS.has(callee.name.text)) return callee.name.text;
  return null;
}

/**
 * The references of one file's text. `from` is the file's path relative to the repository.
 * @example importsOfText("src/a/x.ts", 'import { y } from "../b/y.ts";').edges[0]?.to // "src/b/y.ts"
 */
export function importsOfText(from: string, text: string): FileImports {
  const source = ts.createSourceFile(from, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const uncheckable: UncheckableImport[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const refuse = (node: ts.Node, why: string): void => {
    uncheckable.push({ from, line: lineOf(node), why });
  };
  const add = (specifier: string, node: ts.Node): void => {
    if (specifier.startsWith("/") || specifier.startsWith("file:")) refuse(node, `an absolute path (${specifier}): name the file relative to this one`);
    // A package is not the layering's concern.
    else if (isRelative(specifier)) edges.push({ from, specifier, to: posix.join(posix.dirname(from), specifier) });
  };
  /** A specifier that may be computed: followed when literal; refused when relative and computed. */
  const follow = (node: ts.Node | undefined, what: string): void => {
    if (node === undefined) return;
    const literal = literalText(node);
    // A template whose fixed head names a package (`world-atlas/countries-${detail}.json`) stays inside that package.
    const inPackage = ts.isTemplateExpression(node) && node.head.text !== "" && !isRelative(node.head.text);
    if (literal !== null) add(literal, node);
    else if (!inPackage) refuse(node, `${what} with a computed specifier (${node.getText(source)}): name the file in a string literal`);
  };
  // Local names of createRequire and startModuleWorker imported under another name.
  const aliases = new Map<string, string>();
  for (const statement of source.statements) {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const exported = (element.propertyName ?? element.name).text;
      if (FILE_NAMING_FUNCTIONS.has(exported)) aliases.set(element.name.text, exported);
    }
  }
  const isCreateRequireCall = (node: ts.Node): node is ts.CallExpression =>
    ts.isCallExpression(node) && calleeName(node.expression, aliases) === "createRequire";
  // Names bound to a require function: `const require = createRequire(import.meta.url)`.
  const requireNames = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) {
      follow(node.moduleSpecifier, "an import");
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      follow(node.moduleReference.expression, "an import");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      follow(node.argument.literal, "an import type");
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined && isCreateRequireCall(node.initializer)) {
      requireNames.add(node.name.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const [first, second] = node.arguments;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) follow(first, "import()");
      else if (isCreateRequireCall(callee)) follow(first, "require");
      else if (ts.isIdentifier(callee) && (callee.text === "require" || requireNames.has(callee.text))) follow(first, "require");
      else if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === "resolve" &&
        ts.isIdentifier(callee.expression) &&
        requireNames.has(callee.expression.text)
      )
        follow(first, "require.resolve");
      else if (calleeName(callee, aliases) === "startModuleWorker") {
        const name = literalText(first);
        if (name === null || second === undefined || !isImportMetaUrl(second))
          refuse(node, "startModuleWorker without a literal worker name beside import.meta.url: the worker's file cannot be checked");
        else add(`${name.startsWith(".") ? "" : "./"}${name}${SOURCE_EXTENSION}`, node);
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "URL") {
      const [first, second] = node.arguments ?? [];
      if (second !== undefined && isImportMetaUrl(second)) follow(first, "new URL(…, import.meta.url)");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A require function passed on under another name, or createRequire called without being bound,
  // is found above only where it is called; a bare reference to it anywhere else is refused.
  const bare = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && requireNames.has(node.text)) {
      const parent = node.parent;
      const called = ts.isCallExpression(parent) && parent.expression === node;
      const resolved = ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === "resolve";
      const declared = ts.isVariableDeclaration(parent) && parent.name === node;
      if (!called && !resolved && !declared) refuse(node, `the require function ${node.text} is passed on: its imports cannot be checked`);
    }
    ts.forEachChild(node, bare);
  };
  bare(source);
  return { edges, uncheckable };
}

/** The references of each file (package imports such as `zod` are not the layering's concern). */
export function importEdges(repoRoot: string, files: readonly string[]): readonly ImportEdge[] {
  return readImports(repoRoot, files).edges;
}

/** The references of each source file under src/, and every one that cannot be followed. */
export function readImports(repoRoot: string, files: readonly string[]): FileImports {
  const edges: ImportEdge[] = [];
  const uncheckable: UncheckableImport[] = [];
  for (const from of files) {
    if (!from.endsWith(SOURCE_EXTENSION)) continue;
    const found = importsOfText(from, readFileSync(join(repoRoot, from), "utf8"));
    edges.push(...found.edges);
    uncheckable.push(...found.uncheckable);
  }
  return { edges, uncheckable };
}

/**
 * `src/<stage>/...` → the stage; `src/index.ts` → "index"; any other top-level file → its name;
 * a path outside src/ → null (it is no stage at all).
 */
export function stageOf(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "src" || parts.length < 2 || parts.includes("..")) return null;
  const rest = parts.slice(1);
  return rest.length > 1 ? (rest[0] ?? "") : (rest[0] ?? "").replace(/\.ts$/, "");
}

/** Why `from` may not import `to`, or null when it may. */
export function ruleBroken(from: string, to: string): string | null {
  const a = stageOf(from);
  const b = stageOf(to);
  if (a === null) return `${from} is not under src/`;
  if (b === null) {
    // Data beside the code (package.json, a bundled JSON file) may be read; code outside src/ may not be imported.
    return CODE_FILE.test(to) ? `src/ imports code only from src/ (${to} is outside it)` : null;
  }
  if (!to.endsWith(SOURCE_EXTENSION) && CODE_FILE.test(to)) return `only ${SOURCE_EXTENSION} files are imported under src/`;
  if (a === "cli") return b === "cli" || to === "src/index.ts" ? null : "the CLI uses the library only through src/index.ts";
  if (b === "cli") return "the library never imports the CLI";
  if (a === "index") return null;
  if (b === "index") return "only the CLI imports src/index.ts";
  if (a === b) return null;
  const order: readonly string[] = STAGES;
  if (a === "import") return IMPORT_MAY_USE.includes(b) ? null : `import/ may use only ${IMPORT_MAY_USE.join(", ")}`;
  if (b === "import") return "import/ is a branch: only src/index.ts and the CLI use it";
  if (MAY_NOT_USE[a]?.includes(b)) return `stage ${a} may not import ${b} (test/architecture/stages.ts, MAY_NOT_USE)`;
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  if (i < 0) return `src/${a} is not in the stage order (test/architecture/stages.ts)`;
  if (j < 0) return `src/${b} is not in the stage order (test/architecture/stages.ts)`;
  return j < i ? null : `stage ${a} may not import the later stage ${b}`;
}

/** Every import that breaks the stage order, as `file imports "specifier": reason`. */
export function layeringViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const why = ruleBroken(e.from, e.to);
    if (why !== null) out.push(`${e.from} imports "${e.specifier}": ${why}`);
  }
  return out;
}

/** Every problem with the files under src/ and their imports: wrong kinds of file, uncheckable references, the stage order. */
export function allViolations(files: readonly string[], imports: FileImports): string[] {
  return [...fileKindViolations(files), ...imports.uncheckable.map((u) => `${u.from}:${u.line}: ${u.why}`), ...layeringViolations(imports.edges)];
}

/** Each import cycle between files, as `a → b → … → a` (one cycle per strongly connected group). */
export function importCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    const list = next.get(e.from) ?? [];
    list.push(e.to);
    next.set(e.from, list);
  }
  // Tarjan's strongly connected components; a component of two or more files holds a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((group) => cyclePath(group.sort(), next).join(" → "));
}

/** One concrete cycle through the first file of a strongly connected group. */
function cyclePath(group: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[] {
  const start = group[0] ?? "";
  const inGroup = new Set(group);
  // Breadth-first from start back to start, staying inside the group: the shortest cycle through it.
  const cameFrom = new Map<string, string>();
  const queue: string[] = [start];
  while (queue.length > 0) {
    const v = queue.shift() ?? "";
    for (const w of next.get(v) ?? []) {
      if (!inGroup.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = cameFrom.get(u)) path.unshift(u);
        path.unshift(start);
        return path;
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...group, start];
}
