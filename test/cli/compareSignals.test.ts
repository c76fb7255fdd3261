/**
 * Ctrl-C while compare establishes causes: its re-solves run in the compute thread, so the main
 * thread answers at once, says what it was doing, exits 130 and writes nothing (compare --out).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { GIGASITE_BIN, gigasiteArgs } from "../helpers/gigasiteCli.ts";
import { hasScript, onTerminal, processesWith, until } from "../helpers/processes.ts";

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "gigasite-compare-signals-"));
const children: { kill: (signal: NodeJS.Signals) => boolean; exitCode: number | null; signalCode: NodeJS.Signals | null }[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** The bundled sites with the capex of the baseline's first three selected sites tripled: three edits, each undoing a move. */
function editedSites(): string {
  const parsed = Papa.parse<Record<string, string>>(readFileSync("data/sites.csv", "utf8"), { header: true, skipEmptyLines: true });
  const selected = new Set(
    readFileSync("test/golden/baseline/selection.csv", "utf8")
      .split("\n")
      .slice(1, 4)
      .map((line) => line.split(",")[1]),
  );
  const rows = parsed.data.map((row) => (selected.has(row.site_id) ? { ...row, capex_bn: String(3 * Number(row.capex_bn)) } : row));
  const path = join(root, "edited.csv");
  writeFileSync(path, Papa.unparse(rows, { columns: parsed.meta.fields ?? [] }));
  return path;
}

describe.runIf(hasScript)("Ctrl-C during compare's re-solves", () => {
  it("ends it at once: it says it was establishing causes, exit 130, nothing written, no process left", async () => {
    await run(process.execPath, gigasiteArgs("run", "--out", join(root, "a"), "--no-report", "--quiet"));
    await run(process.execPath, gigasiteArgs("run", "--sites", editedSites(), "--out", join(root, "b"), "--no-report", "--quiet"));
    const cmp = join(root, "cmp");
    const compare = onTerminal([GIGASITE_BIN, "compare", join(root, "a", "baseline"), join(root, "b", "baseline"), "--out", cmp]);
    children.push(compare.child);
    await until(() => /causes: re-solve \d+/.test(compare.output()), "the re-solves' status line", 120_000);
    compare.child.stdin?.write("\x03");
    const ended = await compare.ended;
    expect(ended.code).toBe(130);
    expect(ended.output).toMatch(
      /\r?\ninterrupted \(Ctrl-C\): during the re-solves that establish causes \(\d+ of at most 12 started\), after [\d.]+ s; nothing written\r?\n$/,
    );
    expect(existsSync(join(cmp, "compare.md"))).toBe(false);
    expect(existsSync(join(cmp, "compare.json"))).toBe(false);
    expect(processesWith(root)).toEqual([]);
  }, 300_000);
});
