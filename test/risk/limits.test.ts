/**
 * The sample and scenario counts and the seeds `risk` and robust planning take: refused with a
 * clear message before anything is allocated, and a long evaluation stops at Ctrl-C.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/core/issues.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { cpuSeconds } from "../helpers/processes.ts";
import { gigasite, gigasiteArgs } from "../helpers/gigasiteCli.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "gigasite-risk-limits-"));

function robustWith(edit: (risk: { seed?: number; robust: { scenarios: number; seed?: number } }) => void): string {
  const model = JSON.parse(readFileSync("models/risk/robust.json", "utf8")) as { risk: { seed?: number; robust: { scenarios: number; seed?: number } } };
  edit(model.risk);
  const path = join(tmp(), "robust.json");
  writeFileSync(path, JSON.stringify(model, null, 2));
  return path;
}

describe("risk limits", () => {
  it("refuses --samples beyond 1,000,000 and seeds beyond 2^32 − 1 as exit 2, in one line", async () => {
    for (const [option, value, message] of [
      ["--samples", "99999999999999999999", "expected a whole number of samples from 1 to 1,000,000"],
      ["--samples", "1000000000", "expected a whole number of samples from 1 to 1,000,000"],
      ["--seed", "4294967296", "expected a whole-number seed from 0 to 4,294,967,295"],
      ["--seed", "1e300", "expected a whole-number seed from 0 to 4,294,967,295"],
    ] as const) {
      const result = await gigasite("risk", option, value, "--out", tmp());
      expect(result.code, `${option} ${value}`).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it("refuses model seeds beyond 2^32 − 1 and robust planning too large for the data, at their line and column", async () => {
    const seeds = robustWith((risk) => {
      risk.seed = 4294967296;
      risk.robust.seed = 2 ** 40;
    });
    const loaded = await loadRunInputs("data/sites.csv", seeds);
    const lines = loaded.ok ? [] : loaded.issues.map(formatIssue);
    expect(lines.filter((l) => /risk\.seed: expected a seed from 0 to 4,294,967,295/.test(l)).length).toBe(1);
    expect(lines.filter((l) => /risk\.robust\.seed: expected a seed from 0 to 4,294,967,295/.test(l)).length).toBe(1);
    const big = robustWith((risk) => {
      risk.robust.scenarios = 1000;
    });
    const refused = await loadRunInputs("data/sites.csv", big);
    expect(refused.ok ? [] : refused.issues.map(formatIssue)).toEqual([
      expect.stringMatching(
        /robust\.json:\d+:\d+: risk\.robust\.scenarios: robust planning over 1,000 scenarios, 10 milestones and 760 sites is up to 7,600,000 scenario terms in the MILP, more than the 1,000,000 it can hold and solve: use at most 131 scenarios, or fewer sites$/,
      ),
    ]);
    expect((await loadRunInputs("data/sites.csv", "models/risk/robust.json")).ok).toBe(true);
  }, 60_000);

  it("Ctrl-C stops an evaluation of 1,000,000 samples part way, exit 130, saying how far it got", async () => {
    const out = tmp();
    const child = spawn(process.execPath, gigasiteArgs("risk", "--samples", "1000000", "--workers", "0", "--out", out), { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stderr.on("data", (d: Buffer) => (output += d.toString("utf8")));
    const ended = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Past loading and solving (a few CPU seconds), into the samples (about 30 CPU seconds for a million).
    while (child.exitCode === null && (cpuSeconds(child.pid as number) ?? 0) < 12) await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGINT");
    expect(await ended).toBe(130);
    const match = /interrupted \(Ctrl-C\): after ([\d,]+) of 1,000,000 samples; nothing written/.exec(output);
    expect(match, output).not.toBeNull();
    const done = Number((match?.[1] ?? "").replaceAll(",", ""));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(1_000_000);
  }, 300_000);
});
