import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasite } from "../helpers/gigasiteCli.ts";
import { writeCraftedRun } from "./craftRun.ts";

describe("gigasite compare (CLI)", () => {
  it("prints JSON with entered and left, writes compare.md and compare.json, and exits 2 on a missing folder", async () => {
    const root = await mkdtemp(join(tmpdir(), "gigasite-compare-cli-"));
    const common = { modelSha: "m", sitesSha: "c", objective: 10, budgetUsedBn: 50 };
    await writeCraftedRun(join(root, "a"), {
      ...common,
      model: "a",
      sites: [
        { id: "S1", score: 90, selected: true },
        { id: "S2", score: 80 },
      ],
    });
    await writeCraftedRun(join(root, "b"), {
      ...common,
      model: "a",
      sites: [
        { id: "S2", score: 95, selected: true },
        { id: "S1", score: 85 },
      ],
    });
    const out = join(root, "cmp");
    const ok = await gigasite("compare", join(root, "a"), join(root, "b"), "--json", "--out", out);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout) as { entered: string[]; left: string[] };
    expect([json.entered, json.left]).toEqual([["S2"], ["S1"]]);
    expect(JSON.parse(await readFile(join(out, "compare.json"), "utf8"))).toEqual(json);
    expect(await readFile(join(out, "compare.md"), "utf8")).toContain("- entered S2 ");
    const missing = await gigasite("compare", join(root, "a"), join(root, "nope"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("run.json: not found");
    expect(missing.stderr).not.toContain("    at ");
  }, 60_000);
});
