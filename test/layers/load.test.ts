import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLayerSpecs, derivedColumns } from "../../src/layers/apply.ts";
import { parseGeoJson } from "../../src/layers/geojson.ts";
import { prepareLayer } from "../../src/layers/layer.ts";
import { loadLayers } from "../../src/layers/load.ts";
import { modelSchema } from "../../src/scenario/schema.ts";

const feature = (geometry: string, properties = "{}") => `{"type": "Feature", "properties": ${properties}, "geometry": ${geometry}}`;
const fileOf = (...features: string[]) => `{\n"type": "FeatureCollection",\n"features": [\n${features.join(",\n")}\n]\n}\n`;

describe("parseGeoJson", () => {
  it("reports every bad feature at once, with its index, line and JSON path", () => {
    const text = fileOf(
      feature('{"type": "Point", "coordinates": [-97.7, 30.3]}'),
      feature('{"type": "Point", "coordinates": [-97.7, "x"]}'),
      feature('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}'),
      feature('{"type": "Point", "coordinates": [30.3, -97.7]}'),
      feature('{"type": "GeometryCollection", "geometries": []}'),
    );
    const parsed = parseGeoJson(text, "layers/bad.geojson");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const brief = parsed.issues.map((i) => [i.line, i.path, i.code]);
    expect(brief).toEqual([
      [5, "features[1].geometry.coordinates[1]", "invalid_geojson"],
      [6, "features[2].geometry.coordinates[0]", "ring_not_closed"],
      [7, "features[3].geometry.coordinates", "coordinate_range"],
      [8, "features[4].geometry.type", "invalid_geojson"],
    ]);
    expect(parsed.issues.every((i) => i.file === "layers/bad.geojson" && i.severity === "error")).toBe(true);
    expect(parsed.issues[0]!.message).toMatch(/^feature 1: /);
    expect(parsed.issues[2]!.message).toContain("look swapped");
    expect(parsed.issues[3]!.message).toContain("GeometryCollection is not supported");
  });

  it("refuses a polygon ring that crosses itself (a bow-tie), and keeps one that does not", () => {
    const bowTie = feature('{"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}');
    const square = feature('{"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0.5, 0.5], [0.5, 1], [1, 1], [0.5, 0.5]]]}');
    const parsed = parseGeoJson(fileOf(square, bowTie), "zones.geojson");
    expect(parsed.ok ? [] : parsed.issues.map((i) => [i.line, i.path, i.code])).toEqual([[5, "features[1].geometry.coordinates[0]", "ring_self_intersects"]]);
    expect(parsed.ok ? "" : parsed.issues[0]!.message).toContain("cross near [1, 1]");
  });

  it("says where the JSON syntax breaks", () => {
    const parsed = parseGeoJson('{\n  "type": "FeatureCollection",\n  "features": [,]\n}', "x.geojson");
    expect(parsed.ok ? [] : parsed.issues.map((i) => [i.line, i.column, i.code])).toEqual([[3, 16, "invalid_json"]]);
  });

  it("accepts a single Feature and a bare geometry", () => {
    const single = parseGeoJson(feature('{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}', '{"name": "route"}'), "f.geojson");
    const bare = parseGeoJson('{"type": "MultiPoint", "coordinates": [[0, 0], [1, 1]]}', "g.geojson");
    expect(single.ok && single.value.map((f) => [f.index, f.geometry?.type, f.properties.name])).toEqual([[0, "LineString", "route"]]);
    expect(bare.ok && bare.value.map((f) => f.geometry?.type)).toEqual(["MultiPoint"]);
  });
});

describe("prepareLayer", () => {
  const parse = (text: string) => {
    const parsed = parseGeoJson(text, "l.geojson");
    if (!parsed.ok) throw new Error("fixture should parse");
    return parsed.value;
  };

  it("rejects geometry that does not suit the layer's kind, naming the feature", () => {
    const features = parse(
      fileOf(feature('{"type": "Point", "coordinates": [0, 0]}'), feature('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}')),
    );
    const asExclude = prepareLayer({ name: "zones", file: "l.geojson", kind: "exclude" }, features, "l.geojson");
    const asDistance = prepareLayer({ name: "subs", file: "l.geojson", kind: "distance", column: "d" }, features, "l.geojson");
    expect(asExclude.ok ? [] : asExclude.issues.map((i) => [i.path, i.code])).toEqual([["features[0].geometry.type", "wrong_geometry"]]);
    expect(asDistance.ok ? [] : asDistance.issues.map((i) => [i.path, i.code])).toEqual([["features[1].geometry.type", "wrong_geometry"]]);
  });

  it("calls a filter that matches nothing an error, with a did-you-mean for the property", () => {
    const features = parse(fileOf(feature('{"type": "Point", "coordinates": [0, 0]}', '{"voltage_kv": 230}')));
    const typo = prepareLayer(
      { name: "hv", file: "l.geojson", kind: "distance", column: "d", where: { property: "voltage_k", op: ">=", value: 345 } },
      features,
      "l.geojson",
    );
    const none = prepareLayer(
      { name: "hv", file: "l.geojson", kind: "distance", column: "d", where: { property: "voltage_kv", op: ">=", value: 345 } },
      features,
      "l.geojson",
    );
    expect(typo.ok ? "" : typo.issues[0]!.message).toContain("did you mean 'voltage_kv'?");
    expect(none.ok ? "" : none.issues.map((i) => [i.code, i.message])).toEqual([["empty_layer", 'no feature of layer "hv" matches voltage_kv >= 345']]);
  });

  it("skips features without geometry, with a warning", () => {
    const features = parse(fileOf(feature("null"), feature('{"type": "Point", "coordinates": [0, 0]}')));
    const layer = prepareLayer({ name: "p", file: "l.geojson", kind: "count", column: "n", radiusKm: 10 }, features, "l.geojson");
    expect(layer.ok && [layer.value.features.length, layer.warnings.map((w) => w.code)]).toEqual([1, ["null_geometry"]]);
  });
});

describe("loadLayers and the example model", () => {
  const modelPath = "models/with-layers.json";

  it("loads every layer of models/with-layers.json from data/layers", async () => {
    const model = modelSchema.parse(JSON.parse(await readFile(modelPath, "utf8")));
    const layers = await loadLayers(model, modelPath);
    if (!layers.ok) throw new Error(layers.issues.map((i) => i.message).join("; "));
    expect(layers.value.map((l) => [l.spec.name, l.kind, l.features.length, l.totalFeatures])).toEqual([
      ["protected areas", "exclude", 2, 2],
      ["100-year flood zones", "exclude", 1, 1],
      ["hv-345kv", "distance", 12, 16],
      ["fiber-routes", "distance", 2, 2],
      ["hv-substations-150km", "count", 16, 16],
    ]);
    expect(layers.value[0]!.file).toBe(path.join("models", "..", "data/layers/protected_areas.geojson"));
    expect(derivedColumns(model)).toEqual(["dist_hv_345kv_km", "dist_fiber_route_km", "hv_substations_within_150km"]);
    expect(model.criteria.map((c) => c.column)).toEqual(expect.arrayContaining(["dist_hv_345kv_km", "dist_fiber_route_km"]));
  });

  it("reports a missing file against the model, and bad GeoJSON against the layer file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gigasite-layers-"));
    await writeFile(path.join(dir, "broken.geojson"), fileOf(feature('{"type": "Point", "coordinates": [200, 0]}')));
    const modelFile = path.join(dir, "model.json");
    const result = await loadLayers(
      {
        layers: [
          { name: "gone", file: "missing.geojson", kind: "exclude" },
          { name: "broken", file: "broken.geojson", kind: "distance", column: "d" },
        ],
      },
      modelFile,
    );
    expect(result.ok ? [] : result.issues.map((i) => [i.file, i.path, i.code])).toEqual([
      [modelFile, "layers[0].file", "layer_file_unreadable"],
      [path.join(dir, "broken.geojson"), "features[0].geometry.coordinates", "coordinate_range"],
    ]);
  });

  it("checks layer names and derived columns", () => {
    const layers = [
      { name: "a", file: "a", kind: "distance", column: "d_km" },
      { name: "a", file: "b", kind: "count", column: "d_km", radiusKm: 5 },
      { name: "c", file: "c", kind: "distance", column: "capex_bn" },
    ] as const;
    expect(checkLayerSpecs({ layers: [...layers] }, "m.json", ["site_id", "capex_bn"]).map((i) => [i.path, i.code])).toEqual([
      ["layers[1].name", "duplicate_layer"],
      ["layers[1].column", "duplicate_column"],
      ["layers[2].column", "column_exists"],
    ]);
  });

  it("the model schema takes layers strictly", () => {
    const base = {
      name: "m",
      criteria: [{ column: "x", direction: "lower", weight: 1, pillar: "p", value: { kind: "minmax" } }],
      pillars: { p: 1 },
      optimization: { sites: 1, gwPerSite: 1, budgetBn: 10, minSpacingKm: 0 },
    };
    const ok = {
      ...base,
      layers: [{ name: "n", file: "f.geojson", kind: "count", column: "c", radiusKm: 10, where: { property: "kv", op: ">=", value: 345 } }],
    };
    expect(modelSchema.safeParse(ok).success).toBe(true);
    expect(modelSchema.safeParse(base).success).toBe(true);
    const noRadius = { ...base, layers: [{ name: "n", file: "f", kind: "count", column: "c" }] };
    const typo = { ...base, layers: [{ name: "n", file: "f", kind: "exclude", buffer: 5 }] };
    const negative = { ...base, layers: [{ name: "n", file: "f", kind: "exclude", bufferKm: -1 }] };
    for (const bad of [noRadius, typo, negative]) expect(modelSchema.safeParse(bad).success).toBe(false);
  });
});
