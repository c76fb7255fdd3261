/**
 * The model file from disk: the I/O edge of the scenario stage.
 */
import { readFile } from "node:fs/promises";
import type { Loaded } from "../core/issues.ts";
import { binaryReason, decodeLines } from "../sites/decode.ts";
import { unreadable } from "../sites/load.ts";
import { parseModelJson, type ModelParseOptions } from "./parse.ts";
import type { ScenarioModel } from "./schema.ts";

/**
 * Reads and validates a model file. Unlike the CSV, a model is not decoded as Latin-1 on a
 * fallback: it is short and hand-written, so a clear error is kinder than a guess.
 * @example const loaded = await loadModel("models/baseline.json", { columns: table.columns });
 */
export async function loadModel(path: string, options: ModelParseOptions = {}): Promise<Loaded<ScenarioModel>> {
  const problem = await unreadable(path);
  if (problem !== undefined) return { ok: false, issues: [problem] };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, issues: [{ file: path, code: "unreadable", message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}`, severity: "error" }] };
  }
  const notText = binaryReason(bytes);
  if (notText !== undefined) return { ok: false, issues: [{ file: path, line: 1, code: "not_text", message: `the file ${notText.replace("CSV", "JSON")}`, severity: "error" }] };
  const decoded = decodeLines(bytes, 1);
  const badLine = decoded.latin1Lines[0];
  if (badLine !== undefined) {
    return { ok: false, issues: [{ file: path, line: badLine, code: "not_utf8", message: "expected UTF-8 text, found bytes that are not valid UTF-8: save the model as UTF-8", severity: "error" }] };
  }
  return parseModelJson(decoded.text, path, options);
}
