import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-cli-bad-"));
const binary = join(dir, "binary.csv");
writeFileSync(binary, Buffer.from([0x00, 0xff, 0x10, 0x00, 0x89, 0x50, 0x4e, 0x47]));
const badJson = join(dir, "bad.json");
writeFileSync(badJson, '{\n  "name": "x",\n  "criteria": [\n');

const cases: readonly { readonly name: string; readonly args: readonly string[]; readonly stderr: RegExp }[] = [
  { name: "missing sites file", args: ["run", "--sites", join(dir, "nope.csv")], stderr: /nope\.csv/ },
  { name: "a folder as the sites file", args: ["run", "--sites", dir], stderr: /folder|directory/i },
  { name: "a binary sites file", args: ["run", "--sites", binary], stderr: /binary\.csv/ },
  { name: "a model that is not JSON", args: ["run", "--model", badJson], stderr: /bad\.json:\d+:\d+/ },
  { name: "a bad number option", args: ["run", "--time-limit", "soon"], stderr: /expected a number > 0, found "soon"/ },
  { name: "an unknown solver", args: ["run", "--solver", "cplex"], stderr: /expected jsLPSolver or highs/ },
  { name: "an unknown option", args: ["run", "--budget", "3"], stderr: /unknown option/ },
  { name: "validate on a missing file", args: ["validate", join(dir, "nope.csv")], stderr: /nope\.csv/ },
];

describe("the CLI on bad input", () => {
  it.each(cases)(
    "$name: exit 2, a message, no stack trace",
    async ({ args, stderr }) => {
      const failure = await promisify(execFile)(process.execPath, [...gigasiteArgs(...args), ...(args[0] === "run" ? ["--out", join(dir, "out")] : [])]).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toMatch(stderr);
      expect(failure?.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    },
    60_000,
  );
});
