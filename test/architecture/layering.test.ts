import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importCycles, importEdges, layeringViolations, sourceFiles, stageOf, type ImportEdge } from "./imports.ts";
import { IMPORT_MAY_USE, STAGES } from "./stages.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const files = sourceFiles(ROOT);
const edges = importEdges(ROOT, files);

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

  it("reads every relative import to an existing file", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.filter((e) => !existsSync(`${ROOT}${e.to}`)).map((e) => `${e.from} imports "${e.specifier}": no such file`)).toEqual([]);
  });

  it("has no stage importing a later stage, and a CLI that uses only src/index.ts", () => {
    expect(layeringViolations(edges)).toEqual([]);
  });

  it("has no import cycle between files", () => {
    expect(importCycles(edges)).toEqual([]);
  });
});

describe("the layering check itself", () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to.replace(/^src\//, "../") });

  it("names the file and the import of a stage reaching forward", () => {
    expect(layeringViolations([edge("src/schedule/ledger.ts", "src/optimize/types.ts"), edge("src/optimize/solve.ts", "src/schedule/ledger.ts")])).toEqual([
      'src/schedule/ledger.ts imports "../optimize/types.ts": stage schedule may not import the later stage optimize',
    ]);
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
