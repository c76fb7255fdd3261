/**
 * One JSON contract: every `--json` result carries `format` and `version`; with `--json` a failure
 * is the same error document on stdout, whatever the command, with the exit code; in text mode
 * errors go to stderr and stdout stays empty.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasite } from "../helpers/gigasiteCli.ts";

const SITES = "test/compare/edit-loop/before.csv";
const MODEL = "test/compare/edit-loop/model.json";
const out = mkdtempSync(join(tmpdir(), "gigasite-json-"));

/** The error document every command prints with --json. */
function expectErrorDocument(stdout: string, command: string, exitCode: number): Record<string, unknown> {
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  expect(doc).toMatchObject({ format: "gigasite-error", version: 1, command, exit_code: exitCode });
  expect(typeof doc.message).toBe("string");
  expect(Array.isArray(doc.issues)).toBe(true);
  return doc;
}

describe("--json results carry format and version", () => {
  it.each([
    ["risk", ["risk", "--sites", SITES, "--model", MODEL, "--samples", "200", "--out", out, "--json"], "gigasite-risk"],
    ["explain", ["explain", "TX-ABL-01", "--sites", SITES, "--model", MODEL, "--json"], "gigasite-explain"],
  ])("%s", { timeout: 120_000 }, async (_name, args, format) => {
    const r = await gigasite(...args);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format, version: 1 });
  });
});

describe("--json failures: one error document on stdout, with the exit code", () => {
  it("bad input found by the loader lists every issue (run, risk)", { timeout: 120_000 }, async () => {
    for (const command of ["run", "risk"]) {
      const r = await gigasite(command, "--sites", "no-such.csv", "--model", "no-such.json", "--out", out, "--json");
      expect(r.code).toBe(2);
      const doc = expectErrorDocument(r.stdout, command, 2);
      expect(doc.error).toBe("badInput");
      expect((doc.issues as { file: string; code: string }[]).map((i) => [i.file, i.code])).toEqual([
        ["no-such.csv", "not_found"],
        ["no-such.json", "not_found"],
      ]);
      expect(r.stderr).not.toContain("no such file");
    }
  });

  it("a failure raised by a command (explain of an unknown site, compare with one folder) and an option error", { timeout: 120_000 }, async () => {
    const explain = await gigasite("explain", "NOPE", "--sites", SITES, "--model", MODEL, "--json");
    expect(explain.code).toBe(2);
    expect(expectErrorDocument(explain.stdout, "explain", 2).message).toBe(`NOPE is not in ${SITES}`);
    const compare = await gigasite("compare", "out/a", "--json");
    expect(compare.code).toBe(2);
    expect(expectErrorDocument(compare.stdout, "compare", 2).message).toMatch(/^compare takes two run folders/);
    const option = await gigasite("run", "--time-limit", "soon", "--json");
    expect(option.code).toBe(2);
    expect(expectErrorDocument(option.stdout, "run", 2).message).toContain("soon");
  });

  it("in text mode explain's not-found error goes to stderr and stdout stays empty", { timeout: 120_000 }, async () => {
    const r = await gigasite("explain", "NOPE", "--sites", SITES, "--model", MODEL);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error: NOPE is not in ${SITES}\n`);
  });
});
