import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/scenario/load.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadModel", () => {
  it("loads a bundled model and checks it against columns when given", async () => {
    expect((await loadModel("models/baseline.json")).ok).toBe(true);
    const loaded = await loadModel("models/baseline.json", { columns: ["site_id", "capex_bn"] });
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.path)).toContain("criteria[0].column");
  });

  it("turns a missing path, a directory, a binary and a non-UTF-8 file into issues", async () => {
    const binary = join(dir, "model.bin.json");
    writeFileSync(binary, Uint8Array.from([0x7b, 0, 0x7d]));
    const latin1 = join(dir, "latin1.json");
    writeFileSync(latin1, Uint8Array.from([...Buffer.from('{\n  "name": "S'), 0xe3, ...Buffer.from('o"\n}\n')]));
    const results = [];
    for (const path of [join(dir, "missing.json"), dir, binary, latin1]) {
      const loaded = await loadModel(path);
      results.push(loaded.ok ? ["ok"] : loaded.issues.map((i) => [i.code, i.line]));
    }
    expect(results).toEqual([[["not_found", undefined]], [["is_directory", undefined]], [["not_text", 1]], [["not_utf8", 2]]]);
  });

  it("reports syntax errors of a CRLF file at the right line", async () => {
    const path = join(dir, "crlf.json");
    writeFileSync(path, '{\r\n  "name": "x",\r\n  "criteria": [,]\r\n}\r\n');
    const loaded = await loadModel(path);
    expect(loaded.ok ? [] : loaded.issues.map((i) => [i.code, i.line, i.column])).toEqual([["json_syntax", 3, 16]]);
  });
});
