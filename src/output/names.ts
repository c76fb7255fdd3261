/** Names from input that become part of a path: a model's `name` names its output folder (see scenario/modelName.ts). */
import { join } from "node:path";
import { MODEL_NAME_PATTERN } from "../scenario/modelName.ts";
import { InternalError } from "../core/internalError.ts";

/**
 * `<out>/<modelName>`, for a name that meets {@link MODEL_NAME_PATTERN}.
 * @example outputFolder("out", "baseline") // "out/baseline"
 */
export function outputFolder(outRoot: string, modelName: string): string {
  // Models are checked when loaded; a name that gets here unchecked is a bug, never a path.
  if (!MODEL_NAME_PATTERN.test(modelName))
    throw new InternalError(`model name ${JSON.stringify(modelName)} cannot name a folder: models are checked when loaded`);
  return join(outRoot, modelName);
}
