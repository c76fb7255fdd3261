import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { applyLayers } from "../../src/layers/apply.ts";
import type { LoadedLayer } from "../../src/layers/layer.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { modelSchema, type ScenarioModel } from "../../src/scenario/schema.ts";
import { screenSites } from "../../src/screen/screen.ts";
import { loadSites } from "../../src/sites/load.ts";
import { loadLayers } from "../../src/layers/load.ts";
import type { SiteId, SiteTable } from "../../src/sites/types.ts";
import { collection, layerOf } from "./helpers.ts";

async function fixture(): Promise<SiteTable> {
  const loaded = await loadSites("test/fixtures/sites-small.csv");
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
  return loaded.value;
}

async function smallModel(): Promise<ScenarioModel> {
  // Three sites, no schedule and no caps: small enough that the fixture has room to change.
  const { schedule: _schedule, ...baseline } = modelSchema.parse(JSON.parse(await readFile("models/baseline.json", "utf8")));
  const { caps: _caps, ...optimization } = baseline.optimization;
  return { ...baseline, optimization: { ...optimization, sites: 3, budgetBn: 40, minSpacingKm: 0 } };
}

/** A square "protected area" of ±0.2° around a point. */
const areaAround = (lat: number, lon: number) =>
  layerOf(
    { name: "test reserve", file: "reserve.geojson", kind: "exclude" },
    collection([
      {
        type: "Feature",
        properties: {},
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [lon - 0.2, lat - 0.2],
              [lon + 0.2, lat - 0.2],
              [lon + 0.2, lat + 0.2],
              [lon - 0.2, lat + 0.2],
              [lon - 0.2, lat - 0.2],
            ],
          ],
        },
      },
    ]),
  );

/** What the pipeline does with layers: derived columns into the table, excluded sites screened out. */
async function runWithLayers(table: SiteTable, model: ScenarioModel, layers: readonly LoadedLayer[]) {
  const applied = applyLayers(table.sites, layers);
  const screen = screenSites(applied.sites, model, applied.exclusions);
  const kept = applied.sites.filter((s) => !applied.exclusions.has(s.siteId));
  const outcome = await runScenario({ ...table, sites: kept }, model);
  return { applied, screen, outcome };
}

const selectedOf = (outcome: Awaited<ReturnType<typeof runScenario>>): SiteId[] =>
  outcome.result.status === "optimal" ? [...outcome.result.selected].sort() : [];

describe("layers change the selection (test/fixtures/sites-small.csv)", () => {
  it("an exclusion layer over a selected site drops it, names the layer and changes the answer", async () => {
    const [table, model] = await Promise.all([fixture(), smallModel()]);
    const before = selectedOf(await runScenario(table, model));
    expect(before).toHaveLength(3);
    const victim = table.sites.find((s) => s.siteId === before[0])!;
    const { applied, screen, outcome } = await runWithLayers(table, model, [areaAround(victim.lat, victim.lon)]);
    expect([...applied.exclusions]).toEqual([[victim.siteId, ["inside test reserve"]]]);
    expect(screen.funnel.map((f) => f.step)).toContain("inside test reserve");
    expect(screen.excluded.find((e) => e.site.siteId === victim.siteId)?.reasons).toContain("inside test reserve");
    const after = selectedOf(outcome);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(victim.siteId);
    expect(after).not.toEqual(before);
  });

  it("a derived distance criterion scores like a column and moves the selection toward the feature", async () => {
    const [table, model] = await Promise.all([fixture(), smallModel()]);
    const before = selectedOf(await runScenario(table, model));
    // A substation beside one site that the baseline does not pick: weighting nearness heavily
    // must pull that site in.
    const outsider = table.sites.find((s) => !before.includes(s.siteId) && s.firmPowerMw >= 1200)!;
    const substation = layerOf(
      { name: "hv", file: "hv.geojson", kind: "distance", column: "dist_hv_km" },
      collection([{ type: "Feature", properties: { voltage_kv: 500 }, geometry: { type: "Point", coordinates: [outsider.lon, outsider.lat + 0.01] } }]),
    );
    const withCriterion: ScenarioModel = {
      ...model,
      criteria: [...model.criteria, { column: "dist_hv_km", direction: "lower", weight: 50, pillar: "energy", value: { kind: "linear", worst: 50, best: 0 } }],
    };
    const { applied, outcome } = await runWithLayers(table, withCriterion, [substation]);
    expect(applied.sites.every((s) => typeof s.values.get("dist_hv_km") === "number")).toBe(true);
    const scored = outcome.ranked.find((r) => r.site.siteId === outsider.siteId)!;
    expect(scored.contributions.find((c) => c.column === "dist_hv_km")?.value).toBeGreaterThan(95);
    expect(selectedOf(outcome)).toContain(outsider.siteId);
    expect(selectedOf(outcome)).not.toEqual(before);
  });
});

describe("models/with-layers.json on data/sites.csv", () => {
  it("selects differently from models/baseline.json, and none of its picks is in an exclusion layer", async () => {
    const loaded = await loadSites("data/sites.csv");
    if (!loaded.ok) throw new Error("data/sites.csv should load");
    const read = async (file: string) => modelSchema.parse(JSON.parse(await readFile(file, "utf8")));
    const [baseline, withLayers] = await Promise.all([read("models/baseline.json"), read("models/with-layers.json")]);
    const layers = await loadLayers(withLayers, "models/with-layers.json");
    if (!layers.ok) throw new Error(layers.issues.map((i) => i.message).join("; "));
    const before = selectedOf(await runScenario(loaded.value, baseline));
    const { applied, screen, outcome } = await runWithLayers(loaded.value, withLayers, layers.value);
    const after = selectedOf(outcome);
    expect(before).toHaveLength(10);
    expect(after).toHaveLength(10);
    expect(after).not.toEqual(before);
    expect(after.filter((id) => applied.exclusions.has(id))).toEqual([]);
    // Some baseline pick sits in a sample exclusion zone: the layers matter, by construction.
    expect(before.some((id) => applied.exclusions.has(id))).toBe(true);
    expect(screen.funnel.map((f) => f.step)).toEqual(expect.arrayContaining(["within 5 km of protected areas", "within 2 km of 100-year flood zones"]));
  }, 60_000);
});
