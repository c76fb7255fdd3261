/**
 * The model file's JSON Schema (schema/model.schema.json) is generated from the zod schema the
 * loader uses, committed, and kept fresh; a model may name it with "$schema".
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MODEL_SCHEMA_FILE, modelJsonSchemaText } from "../../scripts/model-schema.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";

const modelFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? modelFiles(path) : name.endsWith(".json") ? [path] : [];
  });

describe("schema/model.schema.json", () => {
  it("is what scripts/model-schema.ts generates from the zod schema (run `npx tsx scripts/model-schema.ts` after changing it)", () => {
    expect(readFileSync(MODEL_SCHEMA_FILE, "utf8")).toBe(modelJsonSchemaText());
  });

  const schema = JSON.parse(readFileSync(MODEL_SCHEMA_FILE, "utf8")) as {
    properties: Record<string, unknown>;
    required: string[];
    additionalProperties: boolean;
  };
  it.each(modelFiles("models"))("%s: its keys are the schema's, and the loader accepts it naming the schema", (file) => {
    const text = readFileSync(file, "utf8");
    const model = JSON.parse(text) as Record<string, unknown>;
    for (const key of Object.keys(model)) expect(Object.keys(schema.properties)).toContain(key);
    for (const key of schema.required) expect(Object.keys(model)).toContain(key);
    expect(schema.additionalProperties).toBe(false);
    const named = JSON.stringify({ $schema: "../schema/model.schema.json", ...model }, null, 2);
    const parsed = parseModelJson(named, file);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });
});
