import type { RunOutcome } from "../pipeline/run.ts";
import { selectionTable } from "./tables.ts";

/** The selected sites as a GeoJSON FeatureCollection (RFC 7946: [lon, lat]), one property per selection column. */
export function selectionGeoJson(outcome: RunOutcome): Record<string, unknown> {
  const table = selectionTable(outcome);
  const latCol = table.header.indexOf("lat");
  const lonCol = table.header.indexOf("lon");
  return {
    type: "FeatureCollection",
    features: table.rows.map((row) => {
      const properties: Record<string, unknown> = {};
      table.header.forEach((h, i) => {
        if (i !== latCol && i !== lonCol) properties[h] = row[i] ?? null;
      });
      return { type: "Feature", geometry: { type: "Point", coordinates: [row[lonCol], row[latCol]] }, properties };
    }),
  };
}
