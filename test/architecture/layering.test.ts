// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the made-up source files hold template strings on purpose
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  allViolations,
  fileKindViolations,
  importCycles,
  importsOfText,
  layeringViolations,
  readImports,
  sourceFiles,
  stageOf,
  type ImportEdge,
} from "./imports.ts";
import { IMPORT_MAY_USE, STAGES } from "./stages.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const files = sourceFiles(ROOT);
const imports = readImports(ROOT, files);
const edges = imports.edges;

describe("the stage order of src/", () => {
  it("names every folder under src/ (a new folder must be placed in the order)", () => {
    const folders = readdirSync(`${ROOT}src`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const placed = new Set<string>([...STAGES, "import", "cli"]);
    expect(folders.filter((f) => !placed.has(f))).toEqual([]);
    expect([...STAGES, ...IMPORT_MAY_USE].filter((s) => !folders.includes(s))).toEqual([]);
  });

  it("has no file at the top of src/ but the public API", () => {
    expect(files.filter((f) => stageOf(f) !== "index" && f.split("/").length === 2)).toEqual([]);
  });

  it("reads every relative import, worker entry file and required file to an existing file", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.filter((e) => e.specifier.startsWith("./") && e.specifier.endsWith("Worker.ts")).length).toBeGreaterThan(0);
    expect(edges.filter((e) => !existsSync(`${ROOT}${e.to}`)).map((e) => `${e.from} imports "${e.specifier}": no such file`)).toEqual([]);
  });

  it("holds only .ts files, follows every import, and has no stage importing a later stage, and a CLI that uses only src/index.ts", () => {
    expect(allViolations(files, imports)).toEqual([]);
  });

  it("has no import cycle between files", () => {
    expect(importCycles(edges)).toEqual([]);
  });
});

describe("the layering check itself", () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to.replace(/^src\//, "../") });
  /** Every violation of one made-up file under src/. */
  const check = (from: string, text: string): string[] => allViolations([from], importsOfText(from, text));

  it("names the file and the import of a stage reaching forward", () => {
    expect(layeringViolations([edge("src/schedule/ledger.ts", "src/optimize/types.ts"), edge("src/optimize/solve.ts", "src/schedule/ledger.ts")])).toEqual([
      'src/schedule/ledger.ts imports "../optimize/types.ts": stage schedule may not import the later stage optimize',
    ]);
  });

  it("refuses an import of code outside src/, such as a test helper, whatever stage its path names", () => {
    expect(check("src/analysis/x.ts", 'import { enumerate } from "../../test/optimize/enumerate.ts";')).toEqual([
      'src/analysis/x.ts imports "../../test/optimize/enumerate.ts": src/ imports code only from src/ (test/optimize/enumerate.ts is outside it)',
    ]);
    expect(check("src/analysis/x.ts", 'export * from "../../bench/generate.ts";')).toHaveLength(1);
    expect(stageOf("test/optimize/enumerate.ts")).toBeNull();
    expect(stageOf("src/../test/optimize/enumerate.ts")).toBeNull();
    // Data beside the code is read, not imported.
    expect(check("src/cli/program.ts", 'const v = createRequire(import.meta.url)("../../package.json");')).toEqual([]);
  });

  it("follows a worker entry file started by name, and refuses one whose name is computed", () => {
    const started = importsOfText("src/report/x.ts", 'const w = startModuleWorker("../analysis/sensitivityWorker", import.meta.url, {});');
    expect(started.edges.map((e) => e.to)).toEqual(["src/analysis/sensitivityWorker.ts"]);
    expect(check("src/schedule/x.ts", 'const w = startModuleWorker("../analysis/sensitivityWorker", import.meta.url, {});')).toHaveLength(1);
    expect(check("src/risk/x.ts", 'const w = startModuleWorker("../cli/computeWorker", import.meta.url);')).toEqual([
      'src/risk/x.ts imports "../cli/computeWorker.ts": the library never imports the CLI',
    ]);
    expect(check("src/risk/x.ts", 'import { startModuleWorker as start } from "../core/moduleWorker.ts";\nconst w = start(name, import.meta.url);')).toEqual([
      "src/risk/x.ts:2: startModuleWorker without a literal worker name beside import.meta.url: the worker's file cannot be checked",
    ]);
    expect(check("src/risk/x.ts", 'const w = new Worker(new URL("../analysis/sweep.ts", import.meta.url));')).toHaveLength(1);
  });

  it("refuses a template-string import() with a substitution, and follows one without", () => {
    expect(check("src/schedule/x.ts", "const m = await import(`../optimize/${name}.ts`);")).toEqual([
      "src/schedule/x.ts:1: import() with a computed specifier (`../optimize/${name}.ts`): name the file in a string literal",
    ]);
    expect(check("src/schedule/x.ts", "const m = await import(`../optimize/solve.ts`);")).toEqual([
      'src/schedule/x.ts imports "../optimize/solve.ts": stage schedule may not import the later stage optimize',
    ]);
    expect(check("src/schedule/x.ts", "const m = await import(specifier);")).toHaveLength(1);
    expect(check("src/schedule/x.ts", 'type T = import("../optimize/types.ts").Candidate;')).toHaveLength(1);
  });

  it("follows createRequire, under any name, and refuses a require function passed on", () => {
    expect(check("src/schedule/x.ts", 'const require = createRequire(import.meta.url);\nconst solve = require("../optimize/solve.ts");')).toHaveLength(1);
    expect(
      check("src/schedule/x.ts", 'import { createRequire as cr } from "node:module";\nconst r = cr(import.meta.url);\nr.resolve("../analysis/sweep.ts");'),
    ).toHaveLength(1);
    expect(check("src/schedule/x.ts", "const solve = module.createRequire(import.meta.url)(`../optimize/${x}`);")).toHaveLength(1);
    expect(check("src/schedule/x.ts", "const r = createRequire(import.meta.url);\nload(r);")).toEqual([
      "src/schedule/x.ts:2: the require function r is passed on: its imports cannot be checked",
    ]);
    // A package named by a template stays inside that package.
    expect(check("src/report/x.ts", "const r = createRequire(import.meta.url);\nconst t = r(`world-atlas/countries-${detail}.json`);")).toEqual([]);
  });

  it("refuses any file under src/ that is not a .ts file", () => {
    expect(fileKindViolations(["src/core/a.ts", "src/core/b.mts", "src/core/c.cts", "src/core/d.js", "src/core/e.d.ts"])).toEqual([
      "src/core/b.mts: only .ts files may be under src/ (the layering check reads no other kind)",
      "src/core/c.cts: only .ts files may be under src/ (the layering check reads no other kind)",
      "src/core/d.js: only .ts files may be under src/ (the layering check reads no other kind)",
      "src/core/e.d.ts: only .ts files may be under src/ (the layering check reads no other kind)",
    ]);
    expect(check("src/core/x.ts", 'import { y } from "./y.mts";')).toHaveLength(1);
  });

  it("refuses the CLI reaching past src/index.ts, and the library importing the CLI", () => {
    expect(
      layeringViolations([
        edge("src/cli/watch.ts", "src/report/format.ts"),
        edge("src/cli/main.ts", "src/index.ts"),
        edge("src/cli/main.ts", "src/cli/program.ts"),
      ]),
    ).toEqual(['src/cli/watch.ts imports "../report/format.ts": the CLI uses the library only through src/index.ts']);
    expect(layeringViolations([edge("src/report/tables.ts", "src/cli/terminal.ts")])).toHaveLength(1);
    expect(layeringViolations([edge("src/report/tables.ts", "src/index.ts")])).toHaveLength(1);
  });

  it("keeps the report a renderer: it imports neither the optimizer nor the re-solves around a run", () => {
    expect(
      layeringViolations([edge("src/report/html/render.ts", "src/optimize/types.ts"), edge("src/report/html/build.ts", "src/analysis/frontier.ts")]),
    ).toEqual([
      'src/report/html/render.ts imports "../optimize/types.ts": stage report may not import optimize (test/architecture/stages.ts, MAY_NOT_USE)',
      'src/report/html/build.ts imports "../analysis/frontier.ts": stage report may not import the later stage analysis',
    ]);
    expect(layeringViolations([edge("src/analysis/reportHtml.ts", "src/report/html/render.ts"), edge("src/report/plan.ts", "src/pipeline/run.ts")])).toEqual(
      [],
    );
  });

  it("keeps import/ a branch", () => {
    expect(layeringViolations([edge("src/import/write.ts", "src/output/singleFile.ts"), edge("src/import/load.ts", "src/sites/load.ts")])).toEqual([]);
    expect(layeringViolations([edge("src/import/write.ts", "src/report/tables.ts"), edge("src/report/tables.ts", "src/import/load.ts")])).toHaveLength(2);
  });

  it("finds a cycle inside one stage and names its files in order", () => {
    const cycle = [
      edge("src/cli/watch.ts", "src/cli/commands/run.ts"),
      edge("src/cli/commands/run.ts", "src/cli/watch.ts"),
      edge("src/cli/main.ts", "src/cli/watch.ts"),
    ];
    expect(importCycles(cycle)).toEqual(["src/cli/commands/run.ts → src/cli/watch.ts → src/cli/commands/run.ts"]);
    expect(importCycles([edge("src/a/x.ts", "src/a/y.ts"), edge("src/a/y.ts", "src/a/z.ts"), edge("src/a/z.ts", "src/a/x.ts")])).toEqual([
      "src/a/x.ts → src/a/y.ts → src/a/z.ts → src/a/x.ts",
    ]);
    expect(importCycles([edge("src/a/x.ts", "src/a/y.ts")])).toEqual([]);
  });
});
