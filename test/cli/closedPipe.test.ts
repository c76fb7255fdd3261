import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

/** Runs gigasite with stdout and stderr on pipes that this side closes after the first chunk, as `| head -1` does. */
function readFirstChunkThenClose(args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [...args], { stdio: ["ignore", "pipe", "pipe"] });
  const close = (): void => {
    child.stdout.destroy();
    child.stderr.destroy();
  };
  child.stdout.once("data", close);
  child.stderr.once("data", close);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

describe("a reader that closes the pipe early", () => {
  it("validate of a CSV with thousands of errors ends with its own exit code (2), not the bug code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-pipe-"));
    const header = readFileSync("data/sites.csv", "utf8").split("\n")[0] as string;
    const rows = Array.from({ length: 3000 }, (_, i) => `X${i},n,abc,def,US,TX,ERCOT,x,1,1,1,1,1,1,1,true,false,1,1`);
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, `${[header, ...rows].join("\n")}\n`);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await readFirstChunkThenClose(gigasiteArgs("validate", csv))).toEqual({ code: 2, signal: null });
    }
  }, 120_000);
});
