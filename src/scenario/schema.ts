import { z } from "zod";
import { MODEL_NAME_PATTERN, MODEL_NAME_RULE } from "../output/names.ts";

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

export const trancheSchema = z.strictObject({
  /** Number of tranches (defaults to the number of slots). */
  count: z.number().int().positive().optional(),
  /** Amount released as each slot's site goes live, $B. */
  amountBn: nonNegative,
  /** Upfront equity available before any tranche, $B. */
  equityBn: nonNegative,
  /** Enforce: capex of slots 1..k <= equity + (k-1) tranches. */
  cashRule: z.boolean(),
  ...note,
});

export const scheduleSchema = z.strictObject({
  /** Planning start date: month 0 of every timeline. */
  startDate: isoDate,
  /** Months from permits and power to a live 1 GW facility. */
  buildMonths: nonNegative,
  /** Build months for brownfield sites (default: buildMonths). */
  brownfieldBuildMonths: nonNegative.optional(),
  /** Values assumed for blank timeline cells; without them such a site has no online date. */
  assumeWhenBlank: z
    .strictObject({ permittingMonths: nonNegative.optional(), timeToPowerMonths: nonNegative.optional() })
    .optional(),
  /** Target online date of each deployment slot, in order. */
  slots: z.array(isoDate).min(1),
  tranches: trancheSchema.optional(),
  ...note,
});

export const objectiveSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("maxScore"),
    /** Score points per month a site is online before its slot's target date (0 = off). */
    earlyPowerPointsPerMonth: nonNegative.optional(),
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
});

export type ValueFunction = z.infer<typeof valueFunctionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Filter = z.infer<typeof filterSchema>;
export type ScheduleSpec = z.infer<typeof scheduleSchema>;
export type TrancheSpec = z.infer<typeof trancheSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type Caps = z.infer<typeof capsSchema>;
export type Financing = z.infer<typeof financingSchema>;
export type OptimizationSpec = z.infer<typeof optimizationSchema>;
export type LayerSpec = z.infer<typeof layerSchema>;
export type LayerWhere = z.infer<typeof layerWhereSchema>;
export type ScenarioModel = z.infer<typeof modelSchema>;

/** Financing defaults when the model omits the block. */
export const DEFAULT_FINANCING: Financing = { assetLifeYears: 20, pue: 1.2, defaultCostOfCapitalPct: 8 };
