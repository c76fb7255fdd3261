import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gigasite } from "../helpers/gigasiteCli.ts";
import { RISK_CSV_COLUMNS } from "../../src/risk/outputs.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-risk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gigasite risk", () => {
  it("evaluates the bundled baseline plan: the same JSON for 0 and 2 workers, risk.csv written", async () => {
    const a = await gigasite("risk", "--samples", "2000", "--workers", "0", "--out", join(dir, "a"), "--json");
    expect(a.code, a.stderr).toBe(0);
    const b = await gigasite("risk", "--samples", "2000", "--workers", "2", "--out", join(dir, "b"), "--json");
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const json = JSON.parse(a.stdout) as {
      samples: number;
      seed: number;
      milestones: { probability_met: number }[];
      probability_all_met: number;
      sites: unknown[];
    };
    expect([json.samples, json.seed, json.milestones.length, json.sites.length]).toEqual([2000, 1, 10, 10]);
    expect(json.probability_all_met).toBeLessThanOrEqual(Math.min(...json.milestones.map((m) => m.probability_met)));
    const csv = readFileSync(join(dir, "a", "baseline", "risk.csv"), "utf8").split("\n");
    expect(csv[0]).toBe(RISK_CSV_COLUMNS.join(","));
    expect(csv.filter((l) => l.startsWith("milestone,"))).toHaveLength(10);
    expect(csv.filter((l) => l.startsWith("site,"))).toHaveLength(10);
    expect(readFileSync(join(dir, "b", "baseline", "risk.csv"), "utf8")).toBe(csv.join("\n"));
  }, 120_000);

  it("prints the tables and the summary lines; a bad option is exit 2", async () => {
    const r = await gigasite("risk", "--samples", "500", "--seed", "3", "--out", join(dir, "c"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/delay risk \(500 samples, seed 3\): all 10 milestones met in \d/);
    expect(r.stdout).toMatch(/P\(milestone met\): 1: /);
    const bad = await gigasite("risk", "--samples", "0");
    expect(bad.code).toBe(2);
  }, 120_000);
});
