/**
 * Hand-made `RunOutcome`s for the report tests: real screening, scoring and problem building
 * over generated (seeded) sites, and a selection chosen here rather than by the solver, so the
 * report can be tested on its own and each test can stage exactly the situation it needs.
 */
import { seededRandom } from "../../src/core/random.ts";
import { haversineKm } from "../../src/geo/sphere.ts";
import type { Candidate, OptimizationProblem, SolveStats } from "../../src/optimize/types.ts";
import type { Plan } from "../../src/schedule/types.ts";
import { verifySelection } from "../../src/optimize/verify.ts";
import type { RunOutcome } from "../../src/pipeline/run.ts";
import { buildProblem } from "../../src/pipeline/problem.ts";
import { modelSchema, type ScenarioModel } from "../../src/scenario/schema.ts";
import { planOf } from "../../src/schedule/ledger.ts";
import { normalizeWeights, scoreSites } from "../../src/score/score.ts";
import { screenSites } from "../../src/screen/screen.ts";
import { asSiteId, type Site, type SiteId } from "../../src/sites/types.ts";

export interface SiteSpec {
  readonly id: string;
  readonly name?: string;
  readonly lat: number;
  readonly lon: number;
  readonly country?: string;
  readonly region: string;
  readonly gridZone?: string;
  readonly firmPowerMw?: number;
  readonly capexBn?: number;
  readonly permittingMonths?: number | null;
  readonly timeToPowerMonths?: number | null;
  readonly powerPriceUsdMwh?: number;
  readonly brownfield?: boolean;
  /** A known go-live date (CSV `earliest_online_date`): a site already under construction. */
  readonly earliestOnlineDate?: string;
}

/** A site as the loader would produce it, numeric columns in `values`. */
export function makeSite(spec: SiteSpec, line: number): Site {
  const numbers: [string, number | null][] = [
    ["lat", spec.lat],
    ["lon", spec.lon],
    ["firm_power_mw", spec.firmPowerMw ?? 1500],
    ["time_to_power_months", spec.timeToPowerMonths === undefined ? 12 : spec.timeToPowerMonths],
    ["power_price_usd_mwh", spec.powerPriceUsdMwh ?? 60],
    ["carbon_kg_mwh", 400],
    ["permitting_months", spec.permittingMonths === undefined ? 12 : spec.permittingMonths],
    ["capex_bn", spec.capexBn ?? 9],
    ["cost_of_capital_pct", 8],
    ["incentives_bn", 0.5],
  ];
  return {
    siteId: asSiteId(spec.id),
    name: spec.name ?? `Site ${spec.id}`,
    lat: spec.lat,
    lon: spec.lon,
    country: spec.country ?? "US",
    region: spec.region,
    gridZone: spec.gridZone ?? `${spec.region}-GRID`,
    firmPowerMw: spec.firmPowerMw ?? 1500,
    timeToPowerMonths: spec.timeToPowerMonths === undefined ? 12 : spec.timeToPowerMonths,
    powerPriceUsdMwh: spec.powerPriceUsdMwh ?? 60,
    carbonKgMwh: 400,
    permittingMonths: spec.permittingMonths === undefined ? 12 : spec.permittingMonths,
    capexBn: spec.capexBn ?? 9,
    costOfCapitalPct: 8,
    incentivesBn: 0.5,
    brownfield: spec.brownfield ?? false,
    permitted: false,
    earliestOnlineDate: spec.earliestOnlineDate ?? null,
    line,
    values: new Map(numbers),
    text: new Map(),
  };
}

/** A model like the baseline: ten milestones, tranches with the cash rule, caps and spacing. */
export interface ModelOverrides {
  readonly optimization?: Partial<ScenarioModel["optimization"]>;
  /** false: no schedule at all. */
  readonly schedule?: boolean;
  readonly milestones?: readonly string[];
  readonly cashRule?: boolean;
  /** Tranche settings beyond the cash rule (equity 15, tranches of 10 by default). */
  readonly tranches?: {
    readonly equityBn?: number;
    readonly amountBn?: number;
    readonly lagMonths?: number;
    readonly bridge?: { readonly limitBn: number; readonly ratePctPerYear: number };
  };
  /** Share of capex drawn at notice to proceed (default 0). */
  readonly upfrontShare?: number;
  readonly name?: string;
  readonly description?: string;
}

export const FIXTURE_MILESTONES = [
  "2026-12-31",
  "2027-06-30",
  "2027-12-31",
  "2028-03-31",
  "2028-06-30",
  "2028-09-30",
  "2028-12-31",
  "2029-03-31",
  "2029-06-30",
  "2029-12-31",
];

export function fixtureModel(overrides: ModelOverrides = {}): ScenarioModel {
  return modelSchema.parse({
    name: overrides.name ?? "fixture",
    description: overrides.description ?? "Report test model: 40/30/30 weights, ten milestones, $100B.",
    criteria: [
      { column: "power_price_usd_mwh", direction: "lower", weight: 3, pillar: "energy", value: { kind: "linear", worst: 120, best: 30 } },
      { column: "time_to_power_months", direction: "lower", weight: 2, pillar: "energy", value: { kind: "linear", worst: 60, best: 6 } },
      { column: "permitting_months", direction: "lower", weight: 1, pillar: "permitting", value: { kind: "linear", worst: 36, best: 0 } },
      { column: "capex_bn", direction: "lower", weight: 3, pillar: "financing", value: { kind: "linear", worst: 13, best: 7 } },
    ],
    pillars: { energy: 40, permitting: 30, financing: 30 },
    filters: [{ column: "firm_power_mw", op: ">=", value: 1000, reason: "firm power below 1,000 MW" }],
    ...(overrides.schedule === false
      ? {}
      : {
          schedule: {
            startDate: "2025-01-01",
            buildMonths: 18,
            brownfieldBuildMonths: 12,
            milestones: overrides.milestones ?? FIXTURE_MILESTONES,
            ...(overrides.upfrontShare !== undefined ? { capexDraw: { upfrontShare: overrides.upfrontShare } } : {}),
            tranches: { amountBn: 10, equityBn: 15, ...overrides.tranches, cashRule: overrides.cashRule ?? true },
          },
        }),
    optimization: {
      sites: 10,
      gwPerSite: 1,
      budgetBn: 100,
      caps: { perRegion: 2 },
      minSpacingKm: 100,
      objective: { kind: "maxScore" },
      ...overrides.optimization,
    },
  });
}

/** Screening, scoring and the optimizer's problem, as the pipeline builds them. */
export function prepared(sites: readonly Site[], model: ScenarioModel): Pick<RunOutcome, "screen" | "ranked" | "problem"> {
  const screen = screenSites(sites, model);
  const ranked = scoreSites(screen.passed, model).sort(
    (a, b) => b.overall - a.overall || (a.site.siteId < b.site.siteId ? -1 : a.site.siteId > b.site.siteId ? 1 : 0),
  );
  return { screen, ranked, problem: buildProblem(ranked, screen.readiness, model) };
}

/** The fixture's solver statistics: one "full" step. */
function fixtureStats(problem: OptimizationProblem): SolveStats {
  return {
    solver: problem.solver,
    formulation: "fixture",
    candidates: problem.candidates.length,
    candidatesAfterReduction: problem.candidates.length,
    variables: 0,
    constraints: 0,
    conflictEdges: 0,
    cliqueRows: 0,
    nodes: null,
    buildMs: 1.5,
    solveMs: 12.25,
    steps: [{ step: "full", candidates: problem.candidates.length, variables: 0, rows: 0, status: "optimal", objective: null, bound: null, ms: 12.25 }],
  };
}

/** The plan of chosen candidates going live in the given months (default: each at its readiness). */
export function fixturePlan(problem: OptimizationProblem, chosen: readonly Candidate[], goLive: Readonly<Record<string, number>> = {}): Plan | null {
  const timeline = problem.timeline;
  if (timeline === null) return null;
  const months = new Map(chosen.map((c) => [c.siteId as string, goLive[c.siteId] ?? c.readyMonth ?? 0]));
  return planOf(timeline, chosen, months);
}

/**
 * The outcome of "running" `model` over `sites` with the given selection (site ids), each site
 * live in the month `goLive` gives (default: its readiness). The plan is built with the ledger
 * every output reads (schedule/ledger.ts); the objective, its parts and the verification come
 * from the independent verifier, as after a real solve.
 */
export function outcomeWith(
  sites: readonly Site[],
  model: ScenarioModel,
  selected: readonly string[] | null,
  goLive: Readonly<Record<string, number>> = {},
): RunOutcome {
  const { screen, ranked, problem } = prepared(sites, model);
  const stats = fixtureStats(problem);
  const base = {
    model,
    table: { file: "sites.csv", sites, columns: [], extraNumericColumns: [], sha256: "0".repeat(64) },
    weights: normalizeWeights(model),
    screen,
    ranked,
    problem,
  };
  const timingsMs = { screen: 1, score: 2, solve: 13, verify: 0.5 };
  if (selected === null) {
    return {
      ...base,
      result: { status: "infeasible", reasons: ["budget: the ten cheapest sites cost $120.0B, over the $100.0B budget"], stats },
      verification: null,
      timingsMs,
    };
  }
  const chosen = selected.map((id) => {
    const c = problem.candidates.find((x) => x.siteId === id);
    if (!c) throw new Error(`fixture: ${id} is not a screened-in candidate`);
    return c;
  });
  const plan = fixturePlan(problem, chosen, goLive);
  const order: SiteId[] = plan ? plan.sites.map((s) => s.siteId) : chosen.map((c) => c.siteId);
  const verification = verifySelection(problem, order, plan);
  const objective = verification.objective ?? chosen.reduce((sum, c) => sum + c.score, 0);
  return {
    ...base,
    result: { status: "optimal", objective, objectiveParts: verification.objectiveParts ?? [], bound: objective, gap: 0, selected: order, plan, stats },
    verification,
    timingsMs,
  };
}

/** State-like clusters to scatter generated sites around (region, lat, lon). */
const CLUSTERS: readonly (readonly [string, number, number])[] = [
  ["TX", 31.5, -99],
  ["OK", 35.5, -97.5],
  ["KS", 38.5, -98.5],
  ["NE", 41.3, -99.5],
  ["IA", 42, -93.5],
  ["IL", 40, -89],
  ["OH", 40.3, -82.8],
  ["PA", 40.8, -77.5],
  ["VA", 37.5, -78.5],
  ["NC", 35.5, -79.5],
  ["GA", 32.7, -83.5],
  ["TN", 35.8, -86.5],
  ["AZ", 33.5, -111.5],
  ["NV", 39, -117],
  ["OR", 44, -120.5],
  ["WA", 47.3, -120],
  ["CO", 39, -105.5],
  ["UT", 39.3, -111.7],
  ["MN", 45.5, -94.5],
  ["LA", 31, -92.2],
];

/**
 * `count` seeded sites over twenty US states; about one in eight fails the firm-power filter
 * and one in four is brownfield with short lead times (so early slots can be filled).
 */
export function generatedSites(count: number, seed = 7): Site[] {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const [region, lat, lon] = rng.pick(CLUSTERS);
    const early = rng.next() < 0.25;
    return makeSite(
      {
        id: `S${String(i + 1).padStart(4, "0")}`,
        name: `${region} site ${i + 1}`,
        lat: lat + rng.uniform(-1.6, 1.6),
        lon: lon + rng.uniform(-2.2, 2.2),
        region,
        gridZone: `Z${rng.int(1, 6)}`,
        firmPowerMw: rng.next() < 0.12 ? rng.int(400, 990) : rng.int(1000, 3000),
        capexBn: Math.round(rng.uniform(7.2, 12.5) * 100) / 100,
        permittingMonths: early ? rng.int(0, 6) : rng.int(6, 34),
        timeToPowerMonths: early ? rng.int(0, 8) : rng.int(8, 40),
        powerPriceUsdMwh: rng.int(32, 110),
        brownfield: early,
      },
      i + 2,
    );
  });
}

/**
 * A feasible plan for a generated outcome: for milestone k in order, the site that can go live
 * soonest (best score on ties) while keeping spacing, caps and the budget and (holding it back
 * month by month if need be) keeping the monthly cash ledger in credit; going live early
 * releases tranches early, which later builds need. A greedy stand-in for the solver: feasible,
 * not necessarily optimal. Without a schedule, the best sites that fit.
 */
export function greedyPlan(sites: readonly Site[], model: ScenarioModel): { readonly selected: string[]; readonly goLive: Record<string, number> } {
  const { problem } = prepared(sites, model);
  const timeline = problem.timeline;
  const picked: Candidate[] = [];
  const goLive: Record<string, number> = {};
  let capex = 0;
  let previous = 0;
  for (let k = 1; k <= problem.sitesToSelect; k++) {
    const milestoneMonth = timeline?.milestones[k - 1]?.month ?? timeline?.milestones.at(-1)?.month ?? 0;
    const remaining = problem.sitesToSelect - k;
    let found: { c: Candidate; month: number } | null = null;
    for (const c of problem.candidates) {
      if (picked.includes(c)) continue;
      if (picked.filter((p) => p.region === c.region).length >= (problem.regionCaps.get(c.region) ?? Infinity)) continue;
      if (picked.filter((p) => p.gridZone === c.gridZone).length >= (problem.gridZoneCaps.get(c.gridZone) ?? Infinity)) continue;
      if (picked.some((p) => haversineKm(p.lat, p.lon, c.lat, c.lon) < problem.minSpacingKm + 1)) continue;
      // Leave room for the remaining sites at the cheapest plausible capex.
      if (capex + c.capexBn + remaining * 7.2 > problem.budgetBn) continue;
      if (timeline === null) {
        found = { c, month: 0 };
        break;
      }
      if (c.readyMonth === null) continue;
      const last = Math.min(milestoneMonth, found === null ? Infinity : found.month - 1);
      for (let month = Math.max(c.readyMonth, previous); month <= last; month++) {
        const plan = fixturePlan(problem, [...picked, c], { ...goLive, [c.siteId]: month });
        if (plan && (!timeline.cashRuleEnforced || plan.ledger.minHeadroomBn >= 0)) {
          found = { c, month };
          break;
        }
      }
    }
    if (!found) throw new Error(`fixture: greedy found no site for milestone ${k}`);
    picked.push(found.c);
    goLive[found.c.siteId] = found.month;
    capex += found.c.capexBn;
    previous = found.month;
  }
  return { selected: picked.map((c) => c.siteId), goLive };
}

/** The sites of {@link greedyPlan}. */
export function greedySelection(sites: readonly Site[], model: ScenarioModel): string[] {
  return greedyPlan(sites, model).selected;
}

/** A realistic generated outcome: `count` sites, a feasible ten-site selection. */
export function generatedOutcome(count = 160, seed = 7, model: ScenarioModel = fixtureModel()): RunOutcome {
  return greedyOutcome(generatedSites(count, seed), model);
}

/** The outcome of {@link greedyPlan} on `sites`: a feasible plan, not necessarily optimal. */
export function greedyOutcome(sites: readonly Site[], model: ScenarioModel): RunOutcome {
  const { selected, goLive } = greedyPlan(sites, model);
  return outcomeWith(sites, model, selected, goLive);
}

/**
 * A three-milestone scenario staged so that each unselected site is out for exactly one reason.
 * Selected: A (early, TX), B (late, OK), C (early, GA, the lowest-scoring selected site), each
 * live at its readiness: C 2026-05, A 2026-06, B 2028-07 (sequential rule).
 * Milestones: 2026-12-31, 2027-12-31, 2028-12-31; start 2025-01-01, build 18 months (12 brownfield).
 */
export const STAGED_MILESTONES = ["2026-12-31", "2027-12-31", "2028-12-31"];

const STAGED_SPECS: readonly SiteSpec[] = [
  { id: "A", lat: 32.0, lon: -100.0, region: "TX", permittingMonths: 3, timeToPowerMonths: 5, brownfield: true, powerPriceUsdMwh: 40, capexBn: 8 },
  { id: "B", lat: 35.5, lon: -97.5, region: "OK", permittingMonths: 20, timeToPowerMonths: 24, powerPriceUsdMwh: 35, capexBn: 8 },
  { id: "C", lat: 33.0, lon: -84.0, region: "GA", permittingMonths: 2, timeToPowerMonths: 4, brownfield: true, powerPriceUsdMwh: 115, capexBn: 8 },
  // Spacing: 40-odd km from A.
  { id: "D", lat: 32.3, lon: -100.2, region: "NM", permittingMonths: 2, timeToPowerMonths: 4, brownfield: true, powerPriceUsdMwh: 38, capexBn: 8 },
  // Cap: a second OK site (cap 1 per region), far from B.
  { id: "E", lat: 36.5, lon: -95.5, region: "OK", permittingMonths: 2, timeToPowerMonths: 4, brownfield: true, powerPriceUsdMwh: 38, capexBn: 8 },
  // Budget: too expensive to swap in.
  { id: "F", lat: 40.0, lon: -89.0, region: "IL", permittingMonths: 2, timeToPowerMonths: 4, brownfield: true, powerPriceUsdMwh: 38, capexBn: 12.9 },
  // Schedule: ready 2028-09, so in C's place milestone 2 (2027-12-31) would have A alone live.
  { id: "G", lat: 44.0, lon: -120.0, region: "OR", permittingMonths: 20, timeToPowerMonths: 26, powerPriceUsdMwh: 33, capexBn: 8 },
  // Score: fits everything, just worse than C.
  { id: "H", lat: 39.0, lon: -105.5, region: "CO", permittingMonths: 6, timeToPowerMonths: 6, brownfield: true, powerPriceUsdMwh: 120, capexBn: 8.5 },
  // Screened out: firm power below 1,000 MW.
  { id: "X", lat: 41.0, lon: -75.0, region: "PA", firmPowerMw: 500 },
];

export function stagedScenario(): { specs: readonly SiteSpec[]; sites: Site[]; model: ScenarioModel; outcome: RunOutcome } {
  const model = fixtureModel({
    milestones: STAGED_MILESTONES,
    cashRule: false,
    optimization: { sites: 3, budgetBn: 26, caps: { perRegion: 1 } },
  });
  const sites = STAGED_SPECS.map((s, i) => makeSite(s, i + 2));
  return { specs: STAGED_SPECS, sites, model, outcome: outcomeWith(sites, model, ["A", "B", "C"]) };
}
