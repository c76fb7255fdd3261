import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { runFromFiles } from "../../src/index.ts";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-watch-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Generous: the machine is shared, and these bound waits, they do not measure speed. */
const WAIT_MS = 120_000;

/** A child's output so far, and a bounded wait for a pattern after a given offset. */
class Watched {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;
  constructor(readonly child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => (this.stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }
  async waitFor(pattern: RegExp, from = 0, stream: "stdout" | "stderr" = "stdout"): Promise<RegExpExecArray> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const match = pattern.exec(this[stream].slice(from));
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no ${pattern} in ${stream} after offset ${from}:\n${this.stdout}\n--- stderr ---\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Saves like a spreadsheet: a temporary file renamed over the original. */
function saveByRename(path: string, text: string): void {
  const temp = join(dir, `.~lock-${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** The CSV text with one cell of one site's row changed; the row's 1-based line comes back too. */
function withCell(text: string, siteId: string, column: string, value: string): { text: string; line: number } {
  const lines = text.split("\n");
  const header = (Papa.parse<string[]>(lines[0] ?? "").data[0] ?? []).map((h) => h.trim());
  const col = header.indexOf(column);
  const index = lines.findIndex((l) => l.startsWith(`${siteId},`));
  if (col < 0 || index < 0) throw new Error(`no ${column} or ${siteId} in the CSV`);
  const cells = Papa.parse<string[]>(lines[index] ?? "").data[0] ?? [];
  cells[col] = value;
  lines[index] = Papa.unparse([cells], { newline: "" });
  return { text: lines.join("\n"), line: index + 1 };
}

async function selectionOf(sitesText: string, model: string, name: string): Promise<string[]> {
  const sub = join(dir, name);
  mkdirSync(sub);
  writeFileSync(join(sub, "sites.csv"), sitesText);
  const run = await runFromFiles(join(sub, "sites.csv"), model);
  if (run.status !== "ran") throw new Error(`reference run failed: ${JSON.stringify(run.issues.slice(0, 3))}`);
  const r = run.outcome.result;
  if (r.status !== "optimal" && r.status !== "time_limit") throw new Error(`reference run is ${r.status}`);
  return [...r.selected];
}

const idsAfter = (text: string, label: "entered" | "left"): string[] =>
  [...text.matchAll(new RegExp(`^  ${label}: (\\S+) `, "gm"))].map((m) => m[1] ?? "").sort();

describe("gigasite run --watch", () => {
  it("reacts to a valid edit, a broken save and the fix, and exits 0 on Ctrl-C", async () => {
    const sites = join(dir, "sites.csv");
    const model = join(dir, "baseline.json");
    copyFileSync("data/sites.csv", sites);
    copyFileSync("models/baseline.json", model);
    const original = readFileSync(sites, "utf8");

    // Independent expectations, through the library on separate copies.
    const before = await selectionOf(original, model, "ref-before");
    const victim = before[0] ?? "";
    const edit = withCell(original, victim, "firm_power_mw", "500");
    const after = await selectionOf(edit.text, model, "ref-after");
    const entered = after.filter((id) => !before.includes(id)).sort();
    const left = before.filter((id) => !after.includes(id)).sort();
    expect(left).toContain(victim);

    const child = spawn(process.execPath, gigasiteArgs("run", "--watch", "--debounce", "400", "--sites", sites, "--model", model, "--out", join(dir, "out")), {
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const w = new Watched(child);
    try {
      await w.waitFor(/^watching .* \(Ctrl-C to stop\)$/m);
      expect(w.stdout).toMatch(/^── run 1 at \S+ \(start\) ──$/m);

      // 1. A valid edit, saved the way spreadsheets do: a half-written file, then two renames.
      let mark = w.stdout.length;
      writeFileSync(sites, edit.text.slice(0, Math.floor(edit.text.length / 2)));
      saveByRename(sites, edit.text);
      saveByRename(sites, edit.text);
      await w.waitFor(/^run 2 took /m, mark);
      const second = w.stdout.slice(mark);
      expect(second).toMatch(/^── run 2 at \S+ \(.*sites\.csv changed\) ──$/m);
      expect(second).toMatch(/^changes since run 1:$/m);
      expect(idsAfter(second, "entered")).toEqual(entered);
      expect(idsAfter(second, "left")).toEqual(left);
      expect(second).toMatch(/^ {2}objective \(total score\): [\d.]+ -> [\d.]+ \([+-][\d.]+\)$/m);
      // The same input changes and causes as compare --last, after the outputs are written.
      expect(second).toMatch(/^Input changes$/m);
      expect(second).toMatch(/^Why \(re-solved with edits reverted\)$/m);
      expect(second).toMatch(new RegExp(`^  ${victim} left because its firm_power_mw fell [\\d.]+ → 500; reverting that edit alone brings it back$`, "m"));
      expect(w.stderr).not.toMatch(/error/i);
      const runJson = join(dir, "out", "baseline", "run.json");
      expect((JSON.parse(readFileSync(runJson, "utf8")) as { selected: string[] }).selected).toEqual(after);

      // 2. A broken save: errors with line and column, and the last good result is kept.
      mark = w.stdout.length;
      const errMark = w.stderr.length;
      const broken = withCell(edit.text, after[1] ?? "", "lat", "north");
      saveByRename(sites, broken.text);
      await w.waitFor(/^run 3: the inputs have errors \(\d+\); keeping the result of run 2\. Fix and save again\.$/m, mark);
      await w.waitFor(new RegExp(`sites\\.csv:${broken.line}: lat: `), errMark, "stderr");
      expect(w.stdout.slice(mark)).not.toMatch(/changes since/);
      expect((JSON.parse(readFileSync(runJson, "utf8")) as { selected: string[] }).selected).toEqual(after);

      // 3. The fix: compared with the last good run (2), nothing changed.
      mark = w.stdout.length;
      saveByRename(sites, edit.text);
      await w.waitFor(/^run 4 took /m, mark);
      const fourth = w.stdout.slice(mark);
      expect(fourth).toMatch(/^changes since run 2:$/m);
      expect(fourth).toMatch(/^ {2}no change in the selection, schedule, objective or budget$/m);

      // 4. Back to the original: the victim returns.
      mark = w.stdout.length;
      saveByRename(sites, original);
      await w.waitFor(/^run 5 took /m, mark);
      const fifth = w.stdout.slice(mark);
      expect(idsAfter(fifth, "entered")).toEqual(left);
      expect(idsAfter(fifth, "left")).toEqual(entered);

      // 5. The model file is watched too: a smaller budget shows as a budget delta.
      mark = w.stdout.length;
      const modelText = readFileSync(model, "utf8");
      const smaller = modelText.replace(/"budgetBn": 100\b/, '"budgetBn": 95');
      expect(smaller).not.toBe(modelText);
      saveByRename(model, smaller);
      await w.waitFor(/^run 6 took /m, mark);
      const sixth = w.stdout.slice(mark);
      expect(sixth).toMatch(/^── run 6 at \S+ \(.*baseline\.json changed\) ──$/m);
      expect(sixth).toMatch(/^ {2}budget: \$100\.0B -> \$95\.0B \(-\$5\.0B\)$/m);

      // No storm: six runs for five saves (one of them a burst of three writes).
      expect(w.stdout.match(/^── run \d+ /gm)?.length).toBe(6);

      child.kill("SIGINT");
      expect(await w.exited).toBe(0);
      expect(w.stdout).toMatch(/^stopped watching$/m);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }, 600_000);
});
