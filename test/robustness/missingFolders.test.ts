/**
 * Files written at a path the user names, in a folder that does not exist yet, and a file named
 * where a run folder is expected.
 */
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasite } from "../helpers/gigasiteCli.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "gigasite-folders-"));

describe("missing folders and files in the place of folders", () => {
  it("import gppd --out newdir/sites.csv makes the folder, as run --out does", async () => {
    const dir = join(tmp(), "newdir", "deeper");
    const result = await gigasite("import", "gppd", "test/fixtures/gppd/world-plants.csv", "--out", join(dir, "sites.csv"));
    expect(result.stderr).not.toMatch(/gigasite-tmp/);
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["sites.assumptions.json", "sites.csv"]);
  }, 120_000);

  it("run --export-lp newdir/model.lp makes the folder; nothing names a temporary file", async () => {
    const root = tmp();
    const lp = join(root, "newdir", "model.lp");
    const result = await gigasite("run", "--out", join(root, "out"), "--no-report", "--export-lp", lp);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/gigasite-tmp/);
    expect(existsSync(lp)).toBe(true);
  }, 120_000);

  it("compare given a regular file as a run folder says so in one line, exit 2", async () => {
    const result = await gigasite("compare", "data/sites.csv", "data/sites.csv");
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      "data/sites.csv: is a file, not a run folder: name the folder gigasite run wrote (e.g. out/baseline)",
      "data/sites.csv: is a file, not a run folder: name the folder gigasite run wrote (e.g. out/baseline)",
    ]);
    expect(result.stderr).not.toMatch(/ENOTDIR/);
  }, 60_000);
});
