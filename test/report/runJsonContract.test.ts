/**
 * run.json's contract checks itself: a field the writer adds without the schema, or one it drops,
 * is caught by the same comparison the golden runs make (test/golden/golden.test.ts).
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRunJson } from "../../src/compare/readRun.ts";
import { writeCraftedRun } from "../compare/craftRun.ts";

async function craftedRunJson(): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), "gigasite-contract-"));
  await writeCraftedRun(dir, {
    model: "m",
    modelSha: "a",
    sitesSha: "b",
    objective: 80,
    budgetUsedBn: 9,
    sites: [{ id: "S1", score: 80, selected: true }],
    schedule: [["S1", "2026-07-01"]],
  });
  return JSON.parse(await readFile(join(dir, "run.json"), "utf8")) as Record<string, unknown>;
}

describe("run.json's writer and reader against each other", () => {
  it("reads back a complete run.json unchanged", async () => {
    const json = await craftedRunJson();
    const read = parseRunJson(JSON.stringify(json), "run.json");
    expect(read.ok && read.value).toEqual(json);
  });

  it("does not read back a field the schema does not name, so the golden comparison fails on it", async () => {
    const json = { ...(await craftedRunJson()), sources_and_uses: [] };
    const read = parseRunJson(JSON.stringify(json), "run.json");
    expect(read.ok).toBe(true);
    expect(read.ok && read.value).not.toEqual(json);
  });

  it("names every field the writer left out, objective_parts among them", async () => {
    const { objective_parts: _parts, warnings: _warnings, ...json } = await craftedRunJson();
    const read = parseRunJson(JSON.stringify(json), "run.json");
    expect(read.ok ? [] : read.issues.map((i) => i.path)).toEqual(["objective_parts", "warnings"]);
  });
});
