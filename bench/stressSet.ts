/**
 * The seeded stress set of `npm run bench -- --stress`: the dated model where money and time bind,
 * on 760 (the bundled sites), 2,000 and 5,000 candidates (generated from the bundled sites, see
 * generate.ts). Per size, eleven instances: binding cash under every objective (equity $8–15B,
 * tranches $8–10B, upfront share 0.1–0.3, lag 0–2 months, builds of 12–24 months), early-power
 * points, locked sites, zone limits by date, one site per state, a very tight variant, and two slack
 * controls (ample equity; cash rule off). Deterministic for a seed; the CSVs go to a temporary folder.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom, type Random } from "../src/core/random.ts";
import { scaledSitesCsv } from "./generate.ts";

export interface StressCase {
  /** Short, stable id: `<size>-<kind>`, e.g. `2000-gwmonths`. */
  readonly id: string;
  /** What the instance exercises, with its money figures. */
  readonly name: string;
  readonly candidates: number;
  readonly sites: string;
  readonly model: Record<string, unknown>;
  /** True for a control on which cash does not bind (ample equity or the cash rule off). */
  readonly control: boolean;
}

export const STRESS_SIZES = [760, 2000, 5000] as const;

type Baseline = Record<string, any>;
type Kind = { readonly kind: string; readonly control?: boolean; readonly patch: (m: Baseline, rng: Random, locked: string) => void };

const round = (v: number, step: number): number => Number((Math.round(v / step) * step).toFixed(6));

/** The money and time of a binding instance: equity, tranche, upfront share, lag and build months. */
function bindingCash(m: Baseline, rng: Random, equity: [number, number] = [8, 15]): void {
  m.schedule.tranches = {
    amountBn: round(rng.uniform(8, 10), 0.05),
    equityBn: round(rng.uniform(...equity), 0.05),
    lagMonths: rng.int(0, 2),
    cashRule: true,
  };
  m.schedule.capexDraw = { upfrontShare: round(rng.uniform(0.1, 0.3), 0.01) };
  m.schedule.buildMonths = rng.int(12, 24);
  m.schedule.brownfieldBuildMonths = Math.max(12, m.schedule.buildMonths - rng.int(0, 6));
  m.optimization.minSpacingKm = rng.int(100, 300);
  m.optimization.budgetBn = round(rng.uniform(95, 110), 0.5);
}

const KINDS: readonly Kind[] = [
  { kind: "score", patch: (m, rng) => bindingCash(m, rng) },
  {
    kind: "score-early",
    patch: (m, rng) => {
      bindingCash(m, rng);
      m.optimization.objective = { kind: "maxScore", earlyPowerPointsPerMonth: round(rng.uniform(0.2, 1), 0.05) };
    },
  },
  {
    kind: "gwmonths",
    patch: (m, rng) => {
      bindingCash(m, rng);
      m.optimization.objective = { kind: "maxGwMonths" };
    },
  },
  {
    kind: "npv",
    patch: (m, rng) => {
      bindingCash(m, rng);
      m.optimization.objective = { kind: "npv", valueBnPerGwMonth: round(rng.uniform(0.5, 1.5), 0.05), discountRatePctPerYear: rng.int(6, 12) };
    },
  },
  {
    kind: "mincost",
    patch: (m, rng) => {
      bindingCash(m, rng);
      m.optimization.objective = { kind: "minCost", minAverageScore: rng.int(50, 60) };
    },
  },
  {
    kind: "score-lock-zones",
    patch: (m, rng, locked) => {
      bindingCash(m, rng);
      m.optimization.lockedIn = [locked];
      m.schedule.zoneLimits = [
        { gridZone: "PJM", maxGw: 1, by: "2027-12-31" },
        { gridZone: "ERCOT", maxGw: 2, by: "2028-06-30" },
      ];
    },
  },
  {
    kind: "gwmonths-states-zones",
    patch: (m, rng) => {
      bindingCash(m, rng);
      m.optimization.objective = { kind: "maxGwMonths" };
      m.optimization.caps = { perRegion: 1, perGridZone: 3 };
      m.schedule.zoneLimits = [{ gridZone: "MISO", maxGw: 1, by: "2028-03-31" }];
    },
  },
  {
    kind: "npv-early-lock",
    patch: (m, rng, locked) => {
      bindingCash(m, rng, [8, 11]);
      m.optimization.lockedIn = [locked];
      m.optimization.objective = { kind: "npv", valueBnPerGwMonth: round(rng.uniform(0.5, 1.5), 0.05), discountRatePctPerYear: rng.int(6, 12) };
    },
  },
  {
    kind: "score-very-tight",
    patch: (m, rng) => {
      bindingCash(m, rng, [6, 8]);
      m.optimization.objective = { kind: "maxScore", earlyPowerPointsPerMonth: 0.5 };
    },
  },
  {
    kind: "control-ample-equity",
    control: true,
    patch: (m, rng) => {
      bindingCash(m, rng, [60, 60]);
      m.optimization.objective = { kind: "maxGwMonths" };
    },
  },
  {
    kind: "control-cash-off",
    control: true,
    patch: (m, rng) => {
      bindingCash(m, rng);
      m.schedule.tranches.cashRule = false;
    },
  },
];

/**
 * The stress cases, in a fixed order (size by size). CSVs for the generated sizes are written to
 * `folder`; the bundled size reads data/sites.csv.
 * @example stressCases(tmp).length // 33
 */
export function stressCases(folder: string, seed = 23): StressCase[] {
  const baseCsv = readFileSync("data/sites.csv", "utf8");
  const baseline = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Baseline;
  const out: StressCase[] = [];
  for (const size of STRESS_SIZES) {
    let sites = "data/sites.csv";
    if (size !== 760) {
      sites = join(folder, `stress-${size}.csv`);
      writeFileSync(sites, scaledSitesCsv(baseCsv, size, 1000 + size));
    }
    // A brownfield site with power early in both tables (row 1 of the bundled CSV is its template).
    const locked = size === 760 ? "S0001" : "B000001";
    KINDS.forEach((k, index) => {
      const rng = seededRandom(seed * 1000 + size + index);
      const m = structuredClone(baseline);
      k.patch(m, rng, locked);
      m.name = `stress-${size}-${k.kind}`;
      const t = m.schedule.tranches;
      out.push({
        id: `${size}-${k.kind}`,
        name: `${k.kind}: equity ${t.equityBn}, tranche ${t.amountBn}, upfront ${m.schedule.capexDraw.upfrontShare}, lag ${t.lagMonths}, build ${m.schedule.buildMonths}${t.cashRule ? "" : ", cash rule off"}`,
        candidates: size,
        sites,
        model: m,
        control: k.control === true,
      });
    });
  }
  return out;
}
