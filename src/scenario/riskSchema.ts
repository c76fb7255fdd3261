import { z } from "zod";

/**
 * The model's `risk` section: how uncertain the dates are, how to evaluate a plan against that
 * uncertainty, and (optionally) how to plan for it. Every key is optional; the defaults are
 * {@link DEFAULT_RISK}. See docs/delay-risk.md.
 */
const note = { description: z.string().optional(), $comment: z.string().optional() };
const finite = z.number().refine(Number.isFinite, "expected a finite number");
const share = finite.refine((v) => v >= 0 && v <= 1, "expected a share between 0 and 1");

/** One uncertain input: lognormal with median = its value (P50) and P90 = p90Factor × P50 where the CSV gives no P90. */
export const uncertainInputSchema = z.strictObject({
  /** The only distribution: a month count is positive and its slips are skewed late. */
  distribution: z.literal("lognormal").optional(),
  /** P90 / P50 used where the CSV's P90 cell is blank (or absent); 1 = no uncertainty. */
  p90Factor: finite.refine((v) => v >= 1 && v <= 10, "expected a factor from 1 (no spread) to 10"),
  ...note,
});

export const correlationSchema = z.strictObject({
  /** Weight of the shock every site shares (a market-wide slip). */
  all: share.optional(),
  /** Weight of the shock the sites of one region (state) share (its permitting regime). */
  region: share.optional(),
  /** Weight of the shock the sites of one grid zone share (its interconnection queue). */
  gridZone: share.optional(),
  ...note,
});

/** A seed of the random streams: 32 bits, so a larger number is refused rather than wrapped to another seed. */
const seedSchema = z
  .number()
  .int("expected a whole number")
  .refine((v) => v >= 0 && v <= 4_294_967_295, "expected a seed from 0 to 4,294,967,295");

export const robustSchema = z.strictObject({
  /** Share of the sampled scenarios in which every milestone must be met, 0 < alpha <= 1. */
  alpha: finite.refine((v) => v > 0 && v <= 1, "expected a share above 0, at most 1"),
  /** Number of sampled scenarios in the MILP (1..1,000). */
  scenarios: z
    .number()
    .int("expected a whole number")
    .refine((v) => v >= 1 && v <= 1000, "expected 1..1,000 scenarios"),
  /** Seed of the scenarios (a stream of its own: never the same draws as the evaluation's). */
  seed: seedSchema.optional(),
  ...note,
});

export const riskSchema = z.strictObject({
  permittingMonths: uncertainInputSchema.optional(),
  timeToPowerMonths: uncertainInputSchema.optional(),
  buildMonths: uncertainInputSchema.optional(),
  correlation: correlationSchema.optional(),
  /** Samples of an evaluation (`gigasite risk`, and `run` with `inRun`). */
  samples: z
    .number()
    .int("expected a whole number")
    .refine((v) => v >= 1 && v <= 1_000_000, "expected 1..1,000,000 samples")
    .optional(),
  /** Seed of the evaluation's samples. */
  seed: seedSchema.optional(),
  /** Add the delay-risk evaluation to every `gigasite run` of this model (risk.csv, run.json, summary, report). */
  inRun: z.boolean().optional(),
  /** Plan for risk: the plan must meet every milestone in at least ⌈alpha × scenarios⌉ sampled scenarios. */
  robust: robustSchema.optional(),
  ...note,
});

export type RiskSpec = z.infer<typeof riskSchema>;
export type RobustSpec = z.infer<typeof robustSchema>;

/** The defaults of a model without (parts of) a `risk` section. */
export const DEFAULT_RISK = {
  permittingP90Factor: 1.3,
  timeToPowerP90Factor: 1.3,
  buildP90Factor: 1.1,
  correlation: { all: 0.1, region: 0.1, gridZone: 0.2 },
  samples: 10_000,
  seed: 1,
  robustSeed: 2,
} as const;
