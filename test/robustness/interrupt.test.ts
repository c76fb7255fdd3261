import { spawn, execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

const run = promisify(execFile);
const NAMES = ["ranked.csv", "selection.csv", "summary.md", "run.json"];

/** Starts the writer child and SIGKILLs it as soon as its staging folder shows up. */
async function killMidWrite(dir: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/robustness/writeBig.ts", dir, "new", "40"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (readdirSync(dir).some((f) => f.startsWith(".gigasite-stage-"))) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill("SIGKILL");
  await exited;
}

describe("nothing lost", () => {
  it("a writer killed mid-write leaves every previous output whole", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "gigasite-kill-")), "out");
    await run(process.execPath, ["--import", "tsx", "test/robustness/writeBig.ts", dir, "old", "1"]);
    const before = new Map(NAMES.map((n) => [n, readFileSync(join(dir, n), "utf8")]));
    await killMidWrite(dir);
    for (const name of NAMES) {
      const now = readFileSync(join(dir, name), "utf8");
      // Whole: either the previous file or the complete new one, never a mix or a truncation.
      const whole = now === before.get(name) || (now.startsWith(`new:${name}:`) && now.length === 40 * 1024 * 1024);
      expect(whole, `${name} is whole`).toBe(true);
    }
    // A later run clears the leftovers of the killed one and completes.
    await run(process.execPath, ["--import", "tsx", "test/robustness/writeBig.ts", dir, "new", "1"]);
    expect(readdirSync(dir).filter((f) => f.startsWith(".gigasite-"))).toEqual([".gigasite-output"]);
    expect(readFileSync(join(dir, "run.json"), "utf8").startsWith("new:run.json:")).toBe(true);
  }, 120_000);

  it("the CLI refuses a folder holding files it did not write, unless --force, and never touches them", async () => {
    const root = mkdtempSync(join(tmpdir(), "gigasite-foreign-"));
    const dir = join(root, "baseline");
    mkdirSync(dir);
    writeFileSync(join(dir, "my-notes.txt"), "mine");
    writeFileSync(join(dir, "summary.md"), "my own summary");
    const args = gigasiteArgs("run", "--out", root, "--no-report");
    const refused = await run(process.execPath, args).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toMatch(/holds files gigasite did not write/);
    expect(refused?.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toBe("my own summary");
    expect(existsSync(join(dir, "run.json"))).toBe(false);

    // --force writes beside foreign files, but still never over one that has an output's name.
    const forcedOver = await run(process.execPath, [...args, "--force"]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(forcedOver?.code).toBe(2);
    expect(forcedOver?.stderr).toMatch(/summary\.md, which gigasite did not write/);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toBe("my own summary");

    rmSync(join(dir, "summary.md"));
    await run(process.execPath, [...args, "--force"]);
    expect(readFileSync(join(dir, "my-notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(join(dir, "run.json"))).toBe(true);
  }, 180_000);

  it("the CLI never writes over its inputs", async () => {
    const root = mkdtempSync(join(tmpdir(), "gigasite-inputs-"));
    const dir = join(root, "baseline");
    mkdirSync(dir);
    const sites = join(dir, "ranked.csv");
    writeFileSync(sites, readFileSync("data/sites.csv"));
    writeFileSync(join(dir, ".gigasite-output"), "");
    const original = readFileSync(sites, "utf8");
    const failed = await run(process.execPath, gigasiteArgs("run", "--sites", sites, "--out", root, "--no-report", "--force")).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/overwrite an input/);
    expect(readFileSync(sites, "utf8")).toBe(original);
  }, 180_000);
});
