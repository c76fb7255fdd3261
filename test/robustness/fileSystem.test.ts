/**
 * The CLI at the file-system edge: no user file is replaced, nothing is written outside the
 * chosen path, and a file system that refuses gives exit 5 with the path and the cause.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { smallModel } from "../analysis/smallModel.ts";
import { gigasite } from "../helpers/gigasiteCli.ts";

const quick = ["--no-report", "--frontier", "0"];
// Where the size of the run does not matter (the refusals happen at the file-system edge, after
// the solve), the 21-site fixture under a small model named "baseline" keeps each run short.
const smallModelFile = join(mkdtempSync(join(tmpdir(), "gigasite-fs-model-")), "baseline.json");
writeFileSync(smallModelFile, JSON.stringify(await smallModel("baseline")));
const small = ["--sites", "test/fixtures/sites-small.csv", "--model", smallModelFile];
const noStack = /\n\s+at .+:\d+:\d+/;

describe("--export-lp", () => {
  it("never replaces a file gigasite did not write, an input or a folder; replaces its own export", async () => {
    const root = mkdtempSync(join(tmpdir(), "gigasite-lp-"));
    const thesis = join(root, "thesis.txt");
    writeFileSync(thesis, "my thesis");
    const refused = await gigasite("run", ...small, "--out", join(root, "out"), ...quick, "--export-lp", thesis);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/thesis\.txt exists and is not an LP file that gigasite wrote/);
    expect(readFileSync(thesis, "utf8")).toBe("my thesis");

    // The model's own layer input, named as the export target.
    const layerModel = await gigasite(
      "run",
      "--model",
      "models/with-layers.json",
      "--out",
      join(root, "out"),
      ...quick,
      "--export-lp",
      "data/layers/flood_zones.geojson",
    );
    expect(layerModel.code).toBe(2);
    expect(layerModel.stderr).toMatch(/flood_zones\.geojson is an input of this run/);

    const folder = await gigasite("run", ...small, "--out", join(root, "out"), ...quick, "--export-lp", root);
    expect(folder.code).toBe(5);
    expect(folder.stderr).toContain(`${root}: is a folder, not a file`);
    expect(readdirSync(root).filter((f) => f.startsWith(".gigasite-tmp"))).toEqual([]);

    const lp = join(root, "model.lp");
    expect((await gigasite("run", ...small, "--out", join(root, "out"), ...quick, "--export-lp", lp)).code).toBe(0);
    const again = await gigasite("run", ...small, "--out", join(root, "out"), ...quick, "--export-lp", lp);
    expect(again.code).toBe(0);
    expect(readFileSync(lp, "utf8")).toMatch(/^\\ gigasite run --export-lp/);
  }, 180_000);
});

describe("environment failures", () => {
  it("an --out under a file: exit 5 naming the path and the cause, no stack trace", async () => {
    const root = mkdtempSync(join(tmpdir(), "gigasite-env-"));
    writeFileSync(join(root, "file.txt"), "x");
    const result = await gigasite("run", ...small, "--out", join(root, "file.txt", "runs"), ...quick);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/file\.txt\/runs\/baseline: a part of the path is a file, not a folder/);
    expect(result.stderr).not.toMatch(/this is a bug/);
    expect(result.stderr).not.toMatch(noStack);
  }, 60_000);

  it("a folder the user may not write: exit 5 with permission denied or not permitted", async (context) => {
    // /sys refuses new entries to every user, root included (a chmod-ed folder would not stop root).
    if (!existsSync("/sys/kernel")) {
      console.log("skipped: no /sys/kernel here, the one folder that refuses writes even to root");
      context.skip();
      return;
    }
    const result = await gigasite("run", ...small, "--out", "/sys/kernel/gigasite-out", ...quick);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/\/sys\/kernel\/gigasite-out\/baseline: (permission denied|operation not permitted|the file system is read-only)/);
    expect(result.stderr).not.toMatch(noStack);
  }, 60_000);

  it("a full disk: exit 5, the path and the cause, no staging or temporary file left", async (context) => {
    const mountPoint = mkdtempSync(join(tmpdir(), "gigasite-full-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], { stdio: "ignore" });
    } catch {
      console.log("skipped: a small tmpfs cannot be mounted here (needs root), so no disk can be filled");
      context.skip();
      return;
    }
    try {
      mkdirSync(join(mountPoint, "out"));
      const result = await gigasite("run", "--sites", "data/sites.csv", "--out", join(mountPoint, "out"), ...quick);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/out\/baseline: no space left on the device/);
      expect(result.stderr).not.toMatch(noStack);
      const left = existsSync(join(mountPoint, "out", "baseline")) ? readdirSync(join(mountPoint, "out", "baseline")) : [];
      expect(left.filter((f) => f.startsWith(".gigasite-stage") || f.startsWith(".gigasite-tmp"))).toEqual([]);
    } finally {
      execFileSync("umount", [mountPoint]);
    }
  }, 60_000);
});

describe("model names", () => {
  it("a model named '..' is refused before anything is written", async () => {
    const root = mkdtempSync(join(tmpdir(), "gigasite-name-"));
    const model = JSON.parse(readFileSync("models/baseline.json", "utf8")) as { name: string };
    model.name = "..";
    writeFileSync(join(root, "dotdot.json"), JSON.stringify(model, null, 2));
    const out = join(root, "a", "out");
    const result = await gigasite("run", "--model", join(root, "dotdot.json"), "--out", out, ...quick);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dotdot\.json:2:\d+: name: expected 1 to 100 letters/);
    expect(existsSync(join(root, "a"))).toBe(false);
  }, 60_000);
});
