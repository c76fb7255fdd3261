/**
 * The I/O edge of layers: reads each GeoJSON file a model lists (paths relative to the model
 * file) and hands the text to the pure parser and index builder.
 */
import { appendAll } from "../core/arrays.ts";
import path from "node:path";
import type { InputIssue, Loaded } from "../core/issues.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import { checkLayerSpecs } from "./apply.ts";
import { parseGeoJson } from "./geojson.ts";
import { prepareLayer, type LoadedLayer } from "./layer.ts";
import { readInputBytes } from "../sites/load.ts";

/**
 * Reads, validates and indexes every layer of a model; all problems at once, in layer order.
 * A model without layers loads as an empty list.
 * @example const layers = await loadLayers(model, "models/with-layers.json"); if (layers.ok) layers.value.length // 4
 */
export async function loadLayers(model: Pick<ScenarioModel, "layers">, modelPath: string): Promise<Loaded<LoadedLayer[]>> {
  const specs = model.layers ?? [];
  const specIssues = checkLayerSpecs(model, modelPath);
  const results = await Promise.all(
    specs.map(async (spec, i): Promise<Loaded<LoadedLayer>> => {
      // Relative to the model file; an absolute path is used as given (README, "Model file").
      const file = path.isAbsolute(spec.file) ? spec.file : path.join(path.dirname(modelPath), spec.file);
      // A FIFO, a folder or a binary file is refused before any read that could block.
      const bytes = await readInputBytes(file);
      if (!bytes.ok) {
        const reason = bytes.issues.map((issue) => issue.message).join("; ");
        return {
          ok: false,
          issues: [
            {
              file: modelPath,
              path: `layers[${i}].file`,
              code: "layer_file_unreadable",
              message: `layer "${spec.name}": cannot read ${file}: ${reason}`,
              severity: "error",
            },
          ],
        };
      }
      const parsed = parseGeoJson(new TextDecoder().decode(bytes.value), file);
      return parsed.ok ? prepareLayer(spec, parsed.value, file) : parsed;
    }),
  );
  const issues: InputIssue[] = [...specIssues];
  const warnings: InputIssue[] = [];
  const layers: LoadedLayer[] = [];
  for (const r of results) {
    if (r.ok) {
      layers.push(r.value);
      appendAll(warnings, r.warnings);
    } else appendAll(issues, r.issues);
  }
  return issues.length > 0 ? { ok: false, issues: [...issues, ...warnings] } : { ok: true, value: layers, warnings };
}
