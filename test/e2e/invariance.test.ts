/**
 * Metamorphic tests of the whole pipeline on the bundled baseline: shuffling the CSV's rows,
 * renaming every site id, or scaling every criterion and pillar weight by a constant must give
 * the same plan (the same sites, each live in the same month) and the same objective.
 * The optimizer-level counterparts (random instances, both engines) are in
 * test/optimize/metamorphic.test.ts and test/optimize/scaling.test.ts.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import { isSolved } from "../../src/optimize/types.ts";
import { runScenario, type RunOutcome } from "../../src/pipeline/run.ts";
import { loadModel } from "../../src/scenario/load.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import { approxMismatch } from "../helpers/approx.ts";

const SITES = "data/sites.csv";
const csvText = readFileSync(SITES, "utf8");

async function baselineModel(): Promise<ScenarioModel> {
  const loaded = await loadModel("models/baseline.json");
  if (!loaded.ok) throw new Error("models/baseline.json does not load");
  return loaded.value;
}

async function runCsv(text: string, model: ScenarioModel): Promise<RunOutcome> {
  const table = parseSitesCsv(text, SITES);
  if (!table.ok) throw new Error(`CSV does not parse: ${table.issues[0]?.message}`);
  return runScenario(table.value, model);
}

/** The plan as "site id → go-live month", sorted by id, with ids mapped back by `unname`. */
function planOf(outcome: RunOutcome, unname: (id: string) => string = (id) => id): [string, number][] {
  const r = outcome.result;
  if (!isSolved(r) || r.plan === null) throw new Error(`expected a dated plan, got ${r.status}`);
  return r.plan.sites.map((s): [string, number] => [unname(s.siteId), s.goLiveMonth]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const objectiveOf = (outcome: RunOutcome): number => (isSolved(outcome.result) ? outcome.result.objective : Number.NaN);

/** Rows as parsed, header kept first. */
const rowsOf = (text: string): string[][] => Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: true }).data;
const csvOf = (rows: readonly (readonly string[])[]): string => `${Papa.unparse(rows as string[][], { newline: "\n" })}\n`;

describe("the bundled baseline's plan does not depend on row order, ids or the scale of the weights", () => {
  let model: ScenarioModel;
  let reference: RunOutcome;
  beforeAll(async () => {
    model = await baselineModel();
    reference = await runCsv(csvText, model);
  }, 300_000);

  it("shuffled rows give the same plan and objective", async () => {
    const [header, ...body] = rowsOf(csvText);
    const rng = seededRandom(17);
    for (let i = body.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [body[i], body[j]] = [body[j]!, body[i]!];
    }
    expect(body.map((r) => r[0])).not.toEqual(
      rowsOf(csvText)
        .slice(1)
        .map((r) => r[0]),
    ); // really shuffled
    const shuffled = await runCsv(csvOf([header!, ...body]), model);
    expect(planOf(shuffled)).toEqual(planOf(reference));
    expect(approxMismatch(objectiveOf(shuffled), objectiveOf(reference), { rel: 1e-9 })).toBeNull();
  }, 300_000);

  it("renamed ids (reversing their order, with characters LP names must escape) give the same plan", async () => {
    const [header, ...body] = rowsOf(csvText);
    const idCol = header!.indexOf("site_id");
    // S0001 → "site 9998/b": ids that sort the other way round.
    const rename = (id: string): string => `site ${9999 - Number(id.slice(1))}/b`;
    const unname = (id: string): string => `S${String(9999 - Number(id.slice(5, id.indexOf("/")))).padStart(4, "0")}`;
    const renamed = body.map((r) => r.map((cell, c) => (c === idCol ? rename(cell) : cell)));
    const locked = { lockedIn: (model.optimization.lockedIn ?? []).map(rename), lockedOut: (model.optimization.lockedOut ?? []).map(rename) };
    const outcome = await runCsv(csvOf([header!, ...renamed]), { ...model, optimization: { ...model.optimization, ...locked } });
    expect(planOf(outcome, unname)).toEqual(planOf(reference));
    expect(approxMismatch(objectiveOf(outcome), objectiveOf(reference), { rel: 1e-9 })).toBeNull();
  }, 300_000);

  it("every criterion weight × 7 and every pillar weight × 0.25 give the same plan, scores and objective", async () => {
    const scaled: ScenarioModel = {
      ...model,
      criteria: model.criteria.map((c) => ({ ...c, weight: c.weight * 7 })),
      pillars: Object.fromEntries(Object.entries(model.pillars).map(([p, w]) => [p, w * 0.25])),
    };
    const outcome = await runCsv(csvText, scaled);
    expect(planOf(outcome)).toEqual(planOf(reference));
    expect(approxMismatch(objectiveOf(outcome), objectiveOf(reference), { rel: 1e-9 })).toBeNull();
    const scores = (o: RunOutcome): number[] => o.ranked.map((s) => s.overall);
    expect(approxMismatch(scores(outcome), scores(reference), { rel: 1e-9, abs: 1e-9 })).toBeNull();
  }, 300_000);
});
