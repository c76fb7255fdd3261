/**
 * The model file from disk: the I/O edge of the scenario stage.
 */
import type { Loaded } from "../core/issues.ts";
import { decodeLines } from "../sites/decode.ts";
import { readInputBytes } from "../sites/load.ts";
import { parseModelJson, type ModelParseOptions } from "./parse.ts";
import type { ScenarioModel } from "./schema.ts";

/**
 * Reads and validates a model file. Unlike the CSV, a model is not decoded as Latin-1 on a
 * fallback: it is short and hand-written, so a clear error is kinder than a guess.
 * @example const loaded = await loadModel("models/baseline.json", { columns: table.columns });
 */
export async function loadModel(path: string, options: ModelParseOptions = {}): Promise<Loaded<ScenarioModel>> {
  const bytes = await readInputBytes(path);
  if (!bytes.ok) return bytes;
  const decoded = decodeLines(bytes.value, 1);
  const badLine = decoded.latin1Lines[0];
  if (badLine !== undefined) {
    return {
      ok: false,
      issues: [
        {
          file: path,
          line: badLine,
          code: "not_utf8",
          message: "expected UTF-8 text, found bytes that are not valid UTF-8: save the model as UTF-8",
          severity: "error",
        },
      ],
    };
  }
  return parseModelJson(decoded.text, path, options);
}
