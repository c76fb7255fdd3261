/**
 * Reads a run's `inputs.json` (the sites as read and the model as resolved) back into a site
 * table and a model, checked by the same parsers as the user's files. A run written before
 * snapshots existed has none: that is `null`, not an error.
 */
import { z } from "zod";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { parseModelJson } from "../scenario/parse.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import { tableFromCells, type SiteCells } from "../sites/snapshot.ts";
import type { SiteTable } from "../sites/types.ts";

const inputsJsonSchema = z.object({
  format: z.literal("gigasite-inputs"),
  version: z.literal(1),
  sites: z.object({ file: z.string(), sha256: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  model: z.object({ file: z.string(), sha256: z.string(), resolved: z.record(z.string(), z.unknown()) }),
  layers: z.array(z.string()),
});

/** What a run kept of its inputs. */
export interface InputsSnapshot {
  readonly sitesFile: string;
  readonly modelFile: string;
  readonly cells: SiteCells;
  readonly table: SiteTable;
  readonly model: ScenarioModel;
  /** Names of the GeoJSON layers the model used (their files are not kept). */
  readonly layers: readonly string[];
}

/**
 * Parses inputs.json text; every problem comes back as an issue naming the file.
 * @example parseInputsJson(text, "out/baseline/inputs.json").ok
 */
export function parseInputsJson(text: string, file: string): Loaded<InputsSnapshot> {
  const fail = (code: string, message: string, path?: string): Loaded<InputsSnapshot> => ({
    ok: false,
    issues: [{ file, code, message, severity: "error", ...(path === undefined ? {} : { path }) }],
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail("invalid_json", `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = inputsJsonSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map(
        (i): InputIssue => ({ file, code: "inputs_json_field", message: i.message, severity: "error", path: i.path.map(String).join(".") }),
      ),
    };
  }
  const snapshot = parsed.data;
  const cells: SiteCells = { columns: snapshot.sites.columns, rows: snapshot.sites.rows };
  const table = tableFromCells(cells, `${file} (sites)`);
  if (!table.ok) return { ok: false, issues: table.issues.filter((i) => i.severity === "error") };
  const model = parseModelJson(JSON.stringify(snapshot.model.resolved, null, 2), `${file} (model)`, {
    columns: table.value.columns,
    siteIds: table.value.sites.map((s) => s.siteId),
  });
  if (!model.ok) return { ok: false, issues: model.issues.filter((i) => i.severity === "error") };
  return {
    ok: true,
    value: { sitesFile: snapshot.sites.file, modelFile: snapshot.model.file, cells, table: table.value, model: model.value, layers: snapshot.layers },
    warnings: [],
  };
}
