import { readFile } from "node:fs/promises";
import { modelSchema, type ScenarioModel } from "../../src/scenario/schema.ts";

/** The baseline model cut down to 4 sites without a schedule, for the 21-site fixture: solves in milliseconds. */
export async function smallModel(name = "small"): Promise<ScenarioModel> {
  const baseline = modelSchema.parse(JSON.parse(await readFile("models/baseline.json", "utf8")));
  const { schedule: _schedule, ...rest } = baseline;
  return { ...rest, name, optimization: { ...baseline.optimization, sites: 4, budgetBn: 40, minSpacingKm: 50 } };
}
