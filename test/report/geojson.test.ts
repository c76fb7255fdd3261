/** selection.geojson: a valid RFC 7946 FeatureCollection of the selected sites, in slot order. */
import { describe, expect, it } from "vitest";
import { isSolved } from "../../src/optimize/types.ts";
import { selectionGeoJson } from "../../src/report/geojson.ts";
import { selectionTable } from "../../src/report/tables.ts";
import { fixtureModel, generatedOutcome, generatedSites, outcomeWith } from "../report-html/fixture.ts";

interface Feature {
  type: string;
  geometry: { type: string; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

describe("selectionGeoJson", () => {
  const outcome = generatedOutcome(160, 7, fixtureModel({ upfrontShare: 0.2 }));
  const geo = JSON.parse(JSON.stringify(selectionGeoJson(outcome))) as { type: string; features: Feature[] };

  it("holds one Point feature per selected site, in slot order, at [lon, lat] of the site", () => {
    if (!isSolved(outcome.result)) throw new Error("fixture should be solved");
    expect(geo.type).toBe("FeatureCollection");
    expect(geo.features.map((f) => f.properties.site_id)).toEqual([...outcome.result.selected]);
    for (const f of geo.features) {
      const site = outcome.table.sites.find((s) => s.siteId === f.properties.site_id)!;
      expect(f.type).toBe("Feature");
      expect(f.geometry.type).toBe("Point");
      expect(f.geometry.coordinates).toHaveLength(2);
      // Rounded to the selection table's precision; RFC 7946 order is longitude first.
      expect(f.geometry.coordinates[0]).toBeCloseTo(site.lon, 3);
      expect(f.geometry.coordinates[1]).toBeCloseTo(site.lat, 3);
    }
  });

  it("carries every selection column except lat and lon as a property, with the table's values", () => {
    const table = selectionTable(outcome);
    const columns = table.header.filter((h) => h !== "lat" && h !== "lon");
    geo.features.forEach((f, i) => {
      expect(Object.keys(f.properties)).toEqual(columns);
      for (const c of columns) expect(f.properties[c], `${c} of row ${i}`).toEqual(table.rows[i]![table.header.indexOf(c)] ?? null);
    });
  });

  it("is an empty FeatureCollection when there is no selection", () => {
    const infeasible = outcomeWith(generatedSites(160, 7), fixtureModel(), null);
    expect(selectionGeoJson(infeasible)).toEqual({ type: "FeatureCollection", features: [] });
  });
});
