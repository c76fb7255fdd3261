/**
 * Reads the relative imports of every file under src/ (static, type-only, re-exports and dynamic
 * `import()`), and checks them against the stage order in stages.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { IMPORT_MAY_USE, STAGES } from "./stages.ts";

/** One import: the file it is in and the specifier as written, both relative to the repository. */
export interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  /** The imported file, `src/...`. */
  readonly to: string;
}

const toPosix = (path: string): string => path.split(sep).join(posix.sep);

/** Every `.ts` file under `srcDir`, as `src/...` paths, sorted. */
export function sourceFiles(repoRoot: string, srcDir = "src"): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) out.push(toPosix(relative(repoRoot, path)));
    }
  };
  walk(join(repoRoot, srcDir));
  return out.sort();
}

/** The relative imports of each file (package imports such as `zod` are not the layering's concern). */
export function importEdges(repoRoot: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(repoRoot, from), "utf8");
    const info = ts.preProcessFile(text, true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const to = toPosix(relative(repoRoot, resolve(repoRoot, dirname(from), fileName)));
      edges.push({ from, specifier: fileName, to });
    }
  }
  return edges;
}

/** `src/<stage>/...` → the stage; `src/index.ts` → "index"; any other top-level file → its name. */
export function stageOf(file: string): string {
  const parts = file.split("/").slice(1);
  return parts.length > 1 ? (parts[0] ?? "") : (parts[0] ?? "").replace(/\.ts$/, "");
}

/** Why `from` may not import `to`, or null when it may. */
export function ruleBroken(from: string, to: string): string | null {
  const a = stageOf(from);
  const b = stageOf(to);
  if (a === "cli") return b === "cli" || to === "src/index.ts" ? null : "the CLI uses the library only through src/index.ts";
  if (b === "cli") return "the library never imports the CLI";
  if (a === "index") return null;
  if (b === "index") return "only the CLI imports src/index.ts";
  if (a === b) return null;
  const order: readonly string[] = STAGES;
  if (a === "import") return IMPORT_MAY_USE.includes(b) ? null : `import/ may use only ${IMPORT_MAY_USE.join(", ")}`;
  if (b === "import") return "import/ is a branch: only src/index.ts and the CLI use it";
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
