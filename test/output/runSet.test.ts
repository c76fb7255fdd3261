/**
 * The run-set writer: kills at any moment and concurrent writers leave one whole, consistent set;
 * only our own leftovers of dead processes are cleaned.
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { settleOutputs, writeOutputs } from "../../src/output/runSet.ts";

const run = promisify(execFile);
const NAMES = ["ranked.csv", "selection.csv", "summary.md", "run.json"];
const writer = (dir: string, tag: string, megabytes: string): string[] => ["--import", "tsx", "test/robustness/writeBig.ts", dir, tag, megabytes];

/** The tag every file of the set carries, or a list of the distinct tags when they differ. */
function setTags(dir: string): string[] {
  return [...new Set(NAMES.map((name) => readFileSync(join(dir, name), "utf8").split(":")[0] ?? ""))];
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith(".gigasite-") && f !== ".gigasite-output");

/** A pid that certainly ran and has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("run sets", () => {
  it("a writer killed at any moment leaves the old set or the new one, never a mix", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gigasite-set-")), "out");
    await run(process.execPath, writer(dir, "old", "0.01"));
    for (const delayMs of [0, 150, 300, 450, 600, 800]) {
      const child = spawn(process.execPath, writer(dir, "new", "2"), { stdio: "ignore" });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill("SIGKILL");
      await exited;
      await settleOutputs(dir);
      const tags = setTags(dir);
      expect(tags.length, `after a kill at ${delayMs} ms the set is ${tags.join(" + ")}`).toBe(1);
      for (const name of NAMES) {
        const text = readFileSync(join(dir, name), "utf8");
        expect(text.startsWith(`${tags[0]}:${name}:`), `${name} belongs to its set`).toBe(true);
      }
      // Start the next round from the old set again.
      await run(process.execPath, writer(dir, "old", "0.01"));
    }
    expect(leftovers(dir)).toEqual([]);
  }, 120_000);

  it("concurrent writers into one folder each complete, and the folder holds one whole set", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gigasite-concurrent-")), "out");
    const tags = ["w1", "w2", "w3", "w4"];
    const results = await Promise.all(tags.map((tag) => run(process.execPath, writer(dir, tag, "1"))));
    expect(results.map((r) => r.stdout.trim())).toEqual(["written", "written", "written", "written"]);
    const final = setTags(dir);
    expect(final.length).toBe(1);
    expect(tags).toContain(final[0]);
    expect(leftovers(dir)).toEqual([]);
  }, 120_000);

  it("a commit left by a killed writer is finished by the next reader; dead stages are removed, live ones kept", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gigasite-recover-")), "out");
    const first = await writeOutputs(dir, new Map(NAMES.map((n) => [n, `old:${n}:`])));
    expect(first.status).toBe("written");
    // The state a writer killed after two of its renames leaves behind.
    const commit = join(dir, ".gigasite-commit");
    mkdirSync(commit);
    for (const name of NAMES) writeFileSync(join(commit, name), `new:${name}:`);
    writeFileSync(join(commit, "manifest.json"), JSON.stringify({ pid: deadPid(), files: NAMES }));
    renameSync(join(commit, "ranked.csv"), join(dir, "ranked.csv"));
    renameSync(join(commit, "selection.csv"), join(dir, "selection.csv"));
    writeFileSync(join(dir, ".gigasite-lock"), JSON.stringify({ pid: deadPid(), token: "dead" }));
    expect(setTags(dir).sort()).toEqual(["new", "old"]);
    await settleOutputs(dir);
    expect(setTags(dir)).toEqual(["new"]);
    expect(existsSync(commit)).toBe(false);
    expect(existsSync(join(dir, ".gigasite-lock"))).toBe(false);

    const deadStage = join(dir, `.gigasite-stage-${deadPid()}-abc123`);
    const liveStage = join(dir, `.gigasite-stage-${process.ppid}-def456`);
    mkdirSync(deadStage);
    mkdirSync(liveStage);
    expect((await writeOutputs(dir, new Map(NAMES.map((n) => [n, `next:${n}:`])))).status).toBe("written");
    expect(existsSync(deadStage)).toBe(false);
    expect(existsSync(liveStage), "another live process's staging folder is not ours to remove").toBe(true);
    expect(setTags(dir)).toEqual(["next"]);
  });

  it("refuses names that are not plain file names", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gigasite-names-")), "out");
    await expect(writeOutputs(dir, new Map([["../escape.csv", "x"]]))).rejects.toThrow(/not a plain file name/);
    expect(existsSync(dir)).toBe(false);
  });

  it("creates every missing folder of a deep path, and removes what it created when the write fails", async () => {
    const root = mkdtempSync(join(tmpdir(), "gigasite-deep-"));
    const written = await writeOutputs(join(root, "a", "b", "c"), new Map([["run.json", "{}"]]));
    expect(written.status).toBe("written");
    expect(readFileSync(join(root, "a", "b", "c", "run.json"), "utf8")).toBe("{}");
    writeFileSync(join(root, "file.txt"), "x");
    const under = await writeOutputs(join(root, "file.txt", "d", "e"), new Map([["run.json", "{}"]]));
    expect(under).toMatchObject({ status: "failed", code: "ENOTDIR" });
    expect(readdirSync(root).sort()).toEqual(["a", "file.txt"]);
  });

  it("a folder the file system says cannot exist (/proc) fails at once instead of waiting for ever", async (context) => {
    if (!existsSync("/proc/self")) {
      console.log("skipped: no /proc here, the file system whose mkdir answers 'no such file' under an existing folder");
      context.skip();
      return;
    }
    // Node's own recursive mkdir never returns here; the writer creates one level at a time.
    const failed = await writeOutputs("/proc/gigasite-out/baseline", new Map([["run.json", "{}"]]));
    expect(failed).toMatchObject({ status: "failed", code: "ENOENT" });
    if (failed.status === "failed") expect(failed.message).toMatch(/^\/proc\/gigasite-out\/baseline: no such file or folder/);
  }, 10_000);
});
