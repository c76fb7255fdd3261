import { z } from "zod";
import { MODEL_NAME_PATTERN, MODEL_NAME_RULE } from "./modelName.ts";
import { riskSchema } from "./riskSchema.ts";

/**
 * The scenario model file (`models/*.json`), as a zod schema. Unknown keys are errors (a typo
 * must not be silently ignored); `description` and `$comment` are free text anywhere a human
 * wants to say why.
 */
const note = { description: z.string().optional(), $comment: z.string().optional() };

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real calendar date");

const finite = z.number().refine(Number.isFinite, "expected a finite number");
const nonNegative = finite.refine((v) => v >= 0, "expected a number >= 0");
const positive = finite.refine((v) => v > 0, "expected a number > 0");

/** Maps a raw value to 0–100. Fixed anchors keep a site's score independent of other rows. */
export const valueFunctionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("linear"),
    /** Raw value that scores 0 (values beyond it are clamped to 0). */
    worst: finite,
    /** Raw value that scores 100 (values beyond it are clamped to 100). */
    best: finite,
    ...note,
  }),
  z.strictObject({
    kind: z.literal("piecewise"),
    /** `[raw, score]` points with raw strictly increasing; flat beyond the ends. */
    points: z.array(z.tuple([finite, finite])).min(2),
    ...note,
  }),
  z.strictObject({
    kind: z.literal("minmax"),
    /** Min-max over the screened sites: depends on other rows, so it is opt-in. */
    ...note,
  }),
]);

export const criterionSchema = z.strictObject({
  /** Name used in outputs; defaults to the column. */
  id: z.string().min(1).optional(),
  column: z.string().min(1),
  direction: z.enum(["higher", "lower"]),
  weight: nonNegative,
  pillar: z.string().min(1),
  value: valueFunctionSchema,
  /** Score (0–100) given when the cell is blank. Default 0: unknown is treated as worst. */
  missingScore: finite.refine((v) => v >= 0 && v <= 100, "expected 0..100").optional(),
  ...note,
});

export const filterSchema = z.strictObject({
  column: z.string().min(1),
  op: z.enum([">=", "<=", ">", "<", "==", "!="]),
  value: z.union([finite, z.string(), z.boolean()]),
  /** What a blank cell does: `fail` (default, an unknown cannot prove the requirement) or `pass`. */
  ifMissing: z.enum(["fail", "pass"]).optional(),
  /** Reason shown for sites this filter drops; defaults to a sentence built from the rule. */
  reason: z.string().optional(),
  ...note,
});

const wholeMonths = z.number().int("expected a whole number of months").nonnegative("expected a number >= 0");
const share = finite.refine((v) => v >= 0 && v <= 1, "expected a share between 0 and 1");

export const bridgeSchema = z.strictObject({
  /** Most the bridge facility may have outstanding in any month, $B. */
  limitBn: nonNegative,
  /** Interest on the bridge outstanding, % per year, paid monthly as a use of cash ($B, never score points). */
  ratePctPerYear: finite.refine((v) => v >= 0 && v <= 100, "expected 0..100"),
  ...note,
});

export const trancheSchema = z.strictObject({
  /** Number of tranches (defaults to the number of milestones). */
  count: z.number().int().positive().optional(),
  /** Amount released when the k-th gigawatt goes live, $B. */
  amountBn: nonNegative,
  /** Upfront equity available before any tranche, $B. */
  equityBn: nonNegative,
  /** Months between the k-th go-live and the release of tranche k (default 0). */
  lagMonths: wholeMonths.optional(),
  /** Enforce, in every month: uses funded so far <= equity + tranches released so far (+ bridge). */
  cashRule: z.boolean(),
  /** What tranche money may pay for: `any` use (default) or `itSystems` only (IT capex), as in the deal. */
  uses: z.enum(["any", "itSystems"]).optional(),
  /** Release tranche 1 on this date (a definitive agreement) instead of at the first go-live; tranche k >= 2 at the k-th go-live. */
  firstOnSigning: isoDate.optional(),
  /** Optional bridge facility that covers a cash gap, at a cost in the objective. */
  bridge: bridgeSchema.optional(),
  ...note,
});

export const capexDrawSchema = z.strictObject({
  /** Share of a site's capex drawn at notice to proceed (the first build month), e.g. 0.2 for long-lead equipment. */
  upfrontShare: share,
  /** How the rest is drawn over the build months: `even` (the only profile today). */
  profile: z.literal("even").optional(),
  ...note,
});

/** Construction debt, per site: drawn over the build, interest capitalised, converted to a term loan at go-live. */
export const debtSchema = z.strictObject({
  /** Loan-to-cost: the share of each site's construction cost (facility, contingency, fees, interest) the loan funds, 0..0.95. */
  loanToCost: finite.refine((v) => v >= 0 && v <= 0.95, "expected a share between 0 and 0.95"),
  /** All-in annual rate (e.g. SOFR + margin), %; interest during construction is capitalised into the loan monthly. */
  ratePctPerYear: finite.refine((v) => v >= 0 && v <= 100, "expected 0..100"),
  /** Arrangement fee, % of the loan's facility amount, paid at financial close (the first build month). Default 0. */
  arrangementFeePct: finite.refine((v) => v >= 0 && v <= 10, "expected 0..10").optional(),
  /** `proRata` (default): every month's cost is funded loan-to-cost by debt; `equityFirst`: equity pays its share first, then the loan. */
  draw: z.enum(["proRata", "equityFirst"]).optional(),
  ...note,
});

/** IT (GPU systems) capex of a site, paid on a delivery profile before go-live. */
export const itCapexSchema = z.strictObject({
  /** Systems capex per GW of IT load, $B. */
  bnPerGw: nonNegative,
  /** Paid evenly over this many months before go-live (at most the build months). */
  deliveryMonths: z.number().int().positive(),
  ...note,
});

/** The capital stack: the uses beyond facility capex and the construction debt that funds them. */
export const capitalStackSchema = z.strictObject({
  /** Contingency as a share of facility capex, drawn with it (5–10% is standard). Default 0. */
  contingencyShare: share.optional(),
  debt: debtSchema.optional(),
  itCapex: itCapexSchema.optional(),
  /** Carrying cost of a site that is ready but held back, $B per month (e.g. a large-load tariff's minimum bill). Default 0. */
  holdCostBnPerMonth: nonNegative.optional(),
  ...note,
});

export const zoneLimitSchema = z.strictObject({
  /** Grid zone (the CSV's grid_zone). */
  gridZone: z.string().min(1),
  /** At most this many GW live in the zone by the date. */
  maxGw: nonNegative,
  /** The date the limit applies to (GW live on or before it). */
  by: isoDate,
  ...note,
});

export const scheduleSchema = z.strictObject({
  /** Planning start date: month 0 of the calendar. */
  startDate: isoDate,
  /**
   * How a site's earliest go-live is reached: `sequential` = start + max(permitting, power) + build;
   * `overlapped` = start + max(permitting + build, power + energization). Default `sequential`.
   */
  readiness: z.enum(["sequential", "overlapped"]).optional(),
  /** Months from grid power to a live campus when the build ran in parallel (overlapped rule), default 0. */
  energizationMonths: wholeMonths.optional(),
  /** Months of construction for a 1 GW campus; capex is drawn over them. */
  buildMonths: wholeMonths,
  /** Build months for brownfield sites (default: buildMonths). */
  brownfieldBuildMonths: wholeMonths.optional(),
  /** Values assumed for blank timeline cells; without them such a site has no online date. */
  assumeWhenBlank: z.strictObject({ permittingMonths: nonNegative.optional(), timeToPowerMonths: nonNegative.optional() }).optional(),
  /** Milestone k's date: at least k gigawatts (sites) live by it. In date order. */
  milestones: z.array(isoDate).min(1),
  /** How capex is drawn over each build (default: all of it evenly, no upfront share). */
  capexDraw: capexDrawSchema.optional(),
  tranches: trancheSchema.optional(),
  /** Contingency, construction debt, IT capex and the carrying cost of a held-back site (default: none). */
  capitalStack: capitalStackSchema.optional(),
  /** Deliverability by date: at most maxGw live in a grid zone by a date. */
  zoneLimits: z.array(zoneLimitSchema).optional(),
  ...note,
});

export const objectiveSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("maxScore"),
    /** Score points per month each site is live before the last milestone (0 = off). */
    earlyPowerPointsPerMonth: nonNegative.optional(),
    /**
     * Second stage: among plans whose score is within this % of the best, the plan with the most
     * GW-months live (dates as early as money, zone limits and milestones allow). Default 0.2; 0 is
     * strictly lexicographic (the best score's sites, then the best dates for them).
     */
    scoreTolerancePct: finite.refine((v) => v >= 0 && v <= 10, "expected 0..10").optional(),
    /** false: score alone, in one solve (dates are then whatever fits the money; for comparing best scores). Default true. */
    gwMonthsStage: z.boolean().optional(),
    ...note,
  }),
  z.strictObject({
    /** Gigawatt-months live by the last milestone; total score breaks ties. */
    kind: z.literal("maxGwMonths"),
    ...note,
  }),
  z.strictObject({
    /**
     * Net present value, $B, discounted monthly: value of each GW-month live by the last milestone,
     * less energy and operating cost per GW-month live, capex as drawn, contingency, fees, interest
     * during construction, IT capex, carrying costs and bridge interest.
     */
    kind: z.literal("npv"),
    valueBnPerGwMonth: nonNegative,
    discountRatePctPerYear: finite.refine((v) => v >= 0 && v <= 100, "expected 0..100"),
    /** Operating cost other than energy per GW-month live, $B (default 0). Energy is priced from each site's power price and the PUE. */
    opexBnPerGwMonth: nonNegative.optional(),
    /** Floor on the selection's average overall score (0–100), so that npv does not pick poor sites. */
    minAverageScore: finite.refine((v) => v >= 0 && v <= 100, "expected 0..100").optional(),
    ...note,
  }),
  z.strictObject({
    kind: z.literal("minCost"),
    /** Minimum average overall score of the selected sites (0–100). */
    minAverageScore: finite.refine((v) => v >= 0 && v <= 100, "expected 0..100"),
    ...note,
  }),
]);

export const capsSchema = z.strictObject({
  /** Most sites in any one region (state). */
  perRegion: z.number().int().positive().optional(),
  /** Most sites in any one grid zone. */
  perGridZone: z.number().int().positive().optional(),
  /** Overrides for named regions. */
  regions: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Overrides for named grid zones. */
  gridZones: z.record(z.string(), z.number().int().nonnegative()).optional(),
  ...note,
});

export const financingSchema = z.strictObject({
  assetLifeYears: positive,
  pue: positive,
  /** Used when a site's cost_of_capital_pct is blank. */
  defaultCostOfCapitalPct: nonNegative,
  /** Used when a site's power_price_usd_mwh is blank. */
  defaultPowerPriceUsdMwh: nonNegative.optional(),
  ...note,
});

export const optimizationSchema = z.strictObject({
  sites: z.number().int().positive(),
  gwPerSite: positive,
  /**
   * What a site's GW is: `itLoad` (default, what the systems draw; the site needs GW × PUE of firm
   * power) or `facility` (GW of firm power, IT load = GW / PUE). Screen, energy cost and report use it.
   */
  gwIs: z.enum(["itLoad", "facility"]).optional(),
  budgetBn: nonNegative,
  caps: capsSchema.optional(),
  minSpacingKm: nonNegative,
  lockedIn: z.array(z.string()).optional(),
  lockedOut: z.array(z.string()).optional(),
  objective: objectiveSchema.optional(),
  timeLimitSeconds: positive.optional(),
  solver: z.enum(["jsLPSolver", "highs"]).optional(),
  ...note,
});

/** Keeps only the GeoJSON features whose property satisfies the rule, e.g. `voltage_kv >= 345`. */
export const layerWhereSchema = z.strictObject({
  /** Feature property name (in `properties`). A feature without it does not match. */
  property: z.string().min(1),
  op: z.enum([">=", "<=", ">", "<", "==", "!="]),
  value: z.union([finite, z.string(), z.boolean()]),
  ...note,
});

const layerCommon = {
  /** Names the layer in exclusion reasons, funnel steps and messages. */
  name: z.string().min(1),
  /** GeoJSON file (FeatureCollection, Feature or geometry), relative to the model file. */
  file: z.string().min(1),
  where: layerWhereSchema.optional(),
  ...note,
};

/**
 * A GeoJSON layer. `exclude` (polygons) screens out sites inside or within `bufferKm`;
 * `distance` and `count` (points and lines) add a derived numeric column that criteria and
 * filters can name like any CSV column.
 */
export const layerSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("exclude"),
    /** Also exclude sites within this distance of the polygons' outline (km, default 0). */
    bufferKm: nonNegative.optional(),
    /** Reason shown for the sites this layer drops; defaults to a sentence naming the layer. */
    reason: z.string().optional(),
    ...layerCommon,
  }),
  z.strictObject({
    kind: z.literal("distance"),
    /** Derived column: great-circle km to the nearest (matching) feature. */
    column: z.string().min(1),
    ...layerCommon,
  }),
  z.strictObject({
    kind: z.literal("count"),
    /** Derived column: number of (matching) features within `radiusKm`. */
    column: z.string().min(1),
    radiusKm: nonNegative,
    ...layerCommon,
  }),
]);

export const modelSchema = z.strictObject({
  /** The JSON Schema an editor checks the file against (schema/model.schema.json); the loader ignores it. */
  $schema: z.string().optional(),
  name: z.string().regex(MODEL_NAME_PATTERN, MODEL_NAME_RULE),
  ...note,
  criteria: z.array(criterionSchema).min(1),
  pillars: z.record(z.string(), nonNegative),
  filters: z.array(filterSchema).optional(),
  financing: financingSchema.optional(),
  schedule: scheduleSchema.optional(),
  optimization: optimizationSchema,
  /** GeoJSON layers for spatial screening and derived criteria (see `src/layers/`). */
  layers: z.array(layerSchema).optional(),
  /** Delay risk: uncertain dates, their correlation, evaluation and robust planning (see riskSchema.ts). */
  risk: riskSchema.optional(),
});

export type ValueFunction = z.infer<typeof valueFunctionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Filter = z.infer<typeof filterSchema>;
export type ScheduleSpec = z.infer<typeof scheduleSchema>;
export type TrancheSpec = z.infer<typeof trancheSchema>;
export type BridgeSpec = z.infer<typeof bridgeSchema>;
export type CapexDrawSpec = z.infer<typeof capexDrawSchema>;
export type CapitalStackSpec = z.infer<typeof capitalStackSchema>;
export type ZoneLimitSpec = z.infer<typeof zoneLimitSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type Caps = z.infer<typeof capsSchema>;
export type Financing = z.infer<typeof financingSchema>;
export type OptimizationSpec = z.infer<typeof optimizationSchema>;
export type LayerSpec = z.infer<typeof layerSchema>;
export type LayerWhere = z.infer<typeof layerWhereSchema>;
export type ScenarioModel = z.infer<typeof modelSchema>;

/** Financing defaults when the model omits the block. */
export const DEFAULT_FINANCING: Financing = { assetLifeYears: 20, pue: 1.2, defaultCostOfCapitalPct: 8 };
