import Papa from "papaparse";
import { seededRandom } from "../src/core/random.ts";
import { isStateCode, stateAt } from "../src/geo/states.ts";

const JITTER_KM = 60;
const KM_PER_DEGREE = 111.32;

/**
 * A larger synthetic site table for benchmarks: each new site copies a bundled site's state
 * profile, moved up to ~60 km (kept inside the same state) with ±10% noise on its numbers.
 * Deterministic for a seed. Never committed: the bench writes it to a temporary folder.
 */
export function scaledSitesCsv(baseCsv: string, count: number, seed = 7): string {
  const parsed = Papa.parse<Record<string, string>>(baseCsv, { header: true, skipEmptyLines: true });
  const base = parsed.data;
  const header = parsed.meta.fields ?? [];
  const rng = seededRandom(seed);
  const noisy = new Set([
    "firm_power_mw",
    "time_to_power_months",
    "power_price_usd_mwh",
    "carbon_kg_mwh",
    "permitting_months",
    "capex_bn",
    "cost_of_capital_pct",
    "incentives_bn",
    "fiber_km",
  ]);
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const template = base[i % base.length] as Record<string, string>;
    const lat0 = Number(template.lat);
    const lon0 = Number(template.lon);
    let lat = lat0;
    let lon = lon0;
    for (let tries = 0; tries < 20; tries++) {
      const dLat = (rng.uniform(-1, 1) * JITTER_KM) / KM_PER_DEGREE;
      const dLon = (rng.uniform(-1, 1) * JITTER_KM) / (KM_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180));
      const region = template.region ?? "";
      if (isStateCode(region) && stateAt(lat0 + dLat, lon0 + dLon) === region) {
        lat = lat0 + dLat;
        lon = lon0 + dLon;
        break;
      }
    }
    rows.push(
      header.map((column) => {
        const value = template[column] ?? "";
        if (column === "site_id") return `B${String(i + 1).padStart(6, "0")}`;
        if (column === "name") return `${value} #${i + 1}`;
        if (column === "lat") return lat.toFixed(4);
        if (column === "lon") return lon.toFixed(4);
        if (noisy.has(column) && value !== "") {
          const v = Number(value) * rng.uniform(0.9, 1.1);
          return column === "capex_bn" ? Math.min(13, Math.max(7, v)).toFixed(2) : v.toFixed(2);
        }
        return value;
      }),
    );
  }
  return `${Papa.unparse({ fields: header, data: rows }, { newline: "\n" })}\n`;
}
