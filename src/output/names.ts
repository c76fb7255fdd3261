/**
 * Names from input that become part of a path. A model's `name` names its output folder
 * `<out>/<name>/`, so it must be one plain folder name: letters, digits, `.`, `_` and `-`, starting
 * with a letter or digit (so never `.`, `..` or a hidden name), at most 100 characters (far below
 * the 255-byte limit of file names). The model schema refuses any other name up front.
 */
import { join } from "node:path";

export const MODEL_NAME_MAX_CHARS = 100;

/** The rule for a model's name, shared by the model schema and the output writer. */
export const MODEL_NAME_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MODEL_NAME_MAX_CHARS - 1}}$`);

export const MODEL_NAME_RULE = `expected 1 to ${MODEL_NAME_MAX_CHARS} letters, digits, '.', '_' or '-', starting with a letter or digit (it names the output folder)`;

/**
 * `<out>/<modelName>`, for a name that meets {@link MODEL_NAME_PATTERN}.
 * @example outputFolder("out", "baseline") // "out/baseline"
 */
export function outputFolder(outRoot: string, modelName: string): string {
  // Models are checked when loaded; a name that gets here unchecked is a bug, never a path.
  if (!MODEL_NAME_PATTERN.test(modelName)) throw new Error(`model name ${JSON.stringify(modelName)} cannot name a folder (this is a bug: models are checked when loaded)`);
  return join(outRoot, modelName);
}
