/**
 * Writes schema/model.schema.json, the JSON Schema of a model file, generated from the zod schema
 * the loader checks with (zod's `z.toJSONSchema`), so that an editor completes and checks a
 * model's keys as it is typed (a model names it with `"$schema"`). test/scenario/jsonSchema.test.ts
 * fails when the committed file is stale.
 *
 *   npx tsx scripts/model-schema.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { modelSchema } from "../src/scenario/schema.ts";

/** Where the schema is committed, from the repository root. */
export const MODEL_SCHEMA_FILE = "schema/model.schema.json";

/** The JSON Schema text of a model file (what a user writes: defaults may be left out). */
export function modelJsonSchemaText(): string {
  const schema = z.toJSONSchema(modelSchema, { io: "input", unrepresentable: "any" });
  const titled = {
    ...schema,
    $id: "gigasite-model.schema.json",
    title: "gigasite model file",
    description: "A gigasite scenario: criteria, pillars, filters, schedule and optimization (docs/model-file.md).",
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL(`../${MODEL_SCHEMA_FILE}`, import.meta.url), modelJsonSchemaText());
  process.stdout.write(`wrote ${MODEL_SCHEMA_FILE}\n`);
}
