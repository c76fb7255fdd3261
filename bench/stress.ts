/**
 * The seeded stress set of `npm run bench`: the bundled model under binding budgets, equity of
 * $8–12B with tranches of $8–9.5B, 200–300 km spacing or one site per state, locked sites, on
 * 760 to 5,000 candidates. Deterministic for a seed; written to a temporary folder.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { seededRandom } from "../src/core/random.ts";
import { scaledSitesCsv } from "./generate.ts";

export interface StressInstance {
  readonly name: string;
  readonly sites: string;
  readonly model: Record<string, unknown>;
}

export function stressInstances(count: number, baseCsv: string, folder: string, limitSeconds: number, seed = 13): StressInstance[] {
  const rng = seededRandom(seed);
  const baseline = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Record<string, any>;
  const sizes = [760, 1500, 3000, 5000];
  const files = new Map<number, string>();
  const out: StressInstance[] = [];
  for (let k = 0; k < count; k++) {
    const size = sizes[k % sizes.length] as number;
    if (!files.has(size)) {
      const path = size === 760 ? "data/sites.csv" : join(folder, `stress-${size}.csv`);
      if (size !== 760) writeFileSync(path, scaledSitesCsv(baseCsv, size, 100 + size));
      files.set(size, path);
    }
    const m = structuredClone(baseline);
    const equity = Math.round(rng.uniform(8, 12) * 100) / 100;
    const tranche = Math.round(rng.uniform(8, 9.5) * 100) / 100;
    m.name = `stress-${k + 1}`;
    m.schedule.tranches = { amountBn: tranche, equityBn: equity, cashRule: true };
    m.optimization.budgetBn = Math.round(rng.uniform(88, 96) * 10) / 10;
    if (k % 3 === 2) m.optimization.caps = { perRegion: 1, perGridZone: 3 };
    else m.optimization.minSpacingKm = Math.round(rng.uniform(200, 300));
    if (k % 5 === 1) m.optimization.lockedIn = [size === 760 ? "S0435" : "B000435"];
    m.optimization.timeLimitSeconds = limitSeconds;
    out.push({
      name: `stress ${k + 1} (${size}, equity ${equity}, tranche ${tranche}, budget ${m.optimization.budgetBn})`,
      sites: files.get(size) as string,
      model: m,
    });
  }
  return out;
}
