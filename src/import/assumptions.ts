/**
 * The assumptions file of `gigasite import` (`data/assumptions/gppd.json`): the documented,
 * overridable table that turns a power plant into a candidate site. zod schema and parsing, pure.
 */
import { findNodeAtLocation, parseTree, type ParseError } from "jsonc-parser";
import { z } from "zod";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { lineColumnFinder } from "../core/text.ts";

const note = { description: z.string().optional(), $comment: z.string().optional() };
const finite = z.number().refine(Number.isFinite, "expected a finite number");
const nonNegative = finite.refine((v) => v >= 0, "expected a number >= 0");
const share = finite.refine((v) => v >= 0 && v <= 1, "expected a share in 0..1");
const percent = finite.refine((v) => v >= 0 && v <= 100, "expected a rate in 0..100");

/** Regional values, in site-CSV column names and units. */
const regionValueShape = {
  grid_zone: z.string().min(1).optional(),
  power_price_usd_mwh: nonNegative,
  carbon_kg_mwh: nonNegative,
  permitting_months: nonNegative,
  time_to_power_months: nonNegative,
  cost_of_capital_pct: percent,
  incentives_bn: nonNegative,
  capex_bn: nonNegative,
};

const fuelSchema = z.strictObject({
  /** Share of nameplate a 24/7 load can count on when the plant runs normally. */
  firmShare: share,
  /** Variable or energy-limited output: firm power is also capped by the capacity factor. */
  energyLimited: z.boolean(),
  /** Used when the plant reports no generation at all. */
  defaultCapacityFactor: share,
  /** Time to power = the region's greenfield interconnection wait × this factor. */
  timeToPowerFactor: nonNegative,
  /** Permitting = the region's greenfield permitting time × this factor. */
  permittingFactor: nonNegative,
  /** Carbon of the plant's own output; null takes the region's grid carbon. */
  carbonKgMwh: nonNegative.nullable(),
  /** Overrides `site.permitted` for plants of this fuel. */
  permitted: z.boolean().optional(),
  /** Units of this fuel are retiring: `settings.retiringUnits` decides how a site uses one. */
  retiring: z.boolean().optional(),
  /** Co-locating a load at this fuel's plants is contested: see `settings.contestedTiming`. */
  contested: z.boolean().optional(),
  ...note,
});

/**
 * The import's accounting choices, each documented with its reasoning in
 * `data/assumptions/README.md`, and each overridable in a copy of the file.
 */
const settingsSchema = z.strictObject({
  /** `grid`: a load that takes a plant's output leaves the grid to replace it, so the region's grid carbon; `plant`: the plant's own output (additionality ignored). */
  carbonAccounting: z.enum(["grid", "plant"]),
  /** For a fuel marked `retiring`: `replace` the retiring unit (its connection, grid power) or `share` a running one (the fuel's own factors). */
  retiringUnits: z.enum(["replace", "share"]),
  /** A site that replaces a retiring unit: firm power = capacity × firmShare (the freed connection), time to power = region × timeToPowerFactor. */
  replacedUnit: z.strictObject({ firmShare: share, timeToPowerFactor: nonNegative, ...note }),
  /** For a fuel marked `contested`: `greenfield` (its time factors are at least 1) or `fuel` (its own factors, as if the path were settled). */
  contestedTiming: z.enum(["greenfield", "fuel"]),
  /** Months added to permitting at a rate-regulated plant (EIA-860 status RE): the regulator's or board's consent. */
  regulatedConsentMonths: nonNegative,
  /** A generation cell of exactly 0: `missing` (a gap in the source) or `zero` (a year without output). */
  zeroGeneration: z.enum(["missing", "zero"]),
  ...note,
});

export const assumptionsSchema = z.strictObject({
  version: z.literal(2, "expected version 2 (version 1 files have no settings block: start from a copy of the bundled data/assumptions/gppd.json)"),
  regionTables: z
    .record(
      z.string().min(1),
      z.strictObject({
        /** CSV with the columns of `data/regions.csv`, relative to the assumptions file. */
        file: z.string().min(1),
        /** `us-states`: the region is the US state whose outline holds the plant. */
        locate: z.enum(["us-states", "region-column"]),
        ...note,
      }),
    )
    .default({}),
  world: z.strictObject({ ...regionValueShape, ...note }),
  countries: z.record(z.string().min(1), z.strictObject({ ...regionValueShape, ...note }).partial()).default({}),
  settings: settingsSchema,
  /** Readable grid-zone names for EIA-860 balancing authority codes; a code without an entry is used as written. */
  balancingAuthorities: z.record(z.string().min(1), z.string().min(1)).default({}),
  fuels: z.record(z.string().min(1), fuelSchema).refine((fuels) => "*" in fuels, 'expected a "*" entry for any other fuel'),
  site: z.strictObject({
    brownfield: z.boolean(),
    permitted: z.boolean(),
    /** Capex of 1 GW at a plant site = the region's greenfield capex × this factor. */
    capexFactor: nonNegative,
    /** A plant just outside every regional outline goes to the nearest region within this distance. */
    nearestRegionMaxKm: nonNegative,
    ...note,
  }),
  ...note,
});

export type AssumptionsFile = z.infer<typeof assumptionsSchema>;
export type FuelAssumption = z.infer<typeof fuelSchema>;
export type ImportSettings = z.infer<typeof settingsSchema>;

/** Values of one region (or a country or world default); extras are further numeric columns. */
export interface RegionValues {
  readonly gridZone: string | null;
  readonly powerPriceUsdMwh: number;
  readonly carbonKgMwh: number;
  readonly permittingMonths: number;
  readonly timeToPowerMonths: number;
  readonly costOfCapitalPct: number;
  readonly incentivesBn: number;
  readonly capexBn: number;
  /** Further numeric columns of a regional table (e.g. `water_stress`), blank as null. */
  readonly extras: ReadonlyMap<string, number | null>;
}

/** A parsed regional table of one country. */
export interface RegionTable {
  readonly file: string;
  readonly locate: "us-states" | "region-column";
  readonly rows: ReadonlyMap<string, RegionValues>;
  /** Extra numeric columns, in file order (copied to every site of that country). */
  readonly extraColumns: readonly string[];
}

/** Everything the importer needs, resolved: file values plus parsed regional tables. */
export interface Assumptions {
  readonly file: string;
  readonly raw: AssumptionsFile;
  readonly regionTables: ReadonlyMap<string, RegionTable>;
}

/**
 * Converts a file-format values object (complete) to {@link RegionValues}.
 * @example valuesOf(assumptions.raw.world).capexBn // 10.5 with the bundled file
 */
export function valuesOf(v: z.infer<typeof assumptionsSchema>["world"], extras: ReadonlyMap<string, number | null> = new Map()): RegionValues {
  return {
    gridZone: v.grid_zone ?? null,
    powerPriceUsdMwh: v.power_price_usd_mwh,
    carbonKgMwh: v.carbon_kg_mwh,
    permittingMonths: v.permitting_months,
    timeToPowerMonths: v.time_to_power_months,
    costOfCapitalPct: v.cost_of_capital_pct,
    incentivesBn: v.incentives_bn,
    capexBn: v.capex_bn,
    extras,
  };
}

/**
 * Reads the assumptions JSON text: syntax, then the zod schema, every problem with its line and
 * column. Regional tables are named, not read: `loadAssumptions` reads them.
 * @example parseAssumptionsJson(readFileSync("data/assumptions/gppd.json", "utf8"), "gppd.json").ok // true
 */
export function parseAssumptionsJson(text: string, file: string): Loaded<AssumptionsFile> {
  const source = text.replace(/^\uFEFF/, "");
  const position = lineColumnFinder(source);
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first !== undefined || tree === undefined) {
    const at = position(first?.offset ?? 0);
    return {
      ok: false,
      issues: [
        {
          file,
          line: at.line,
          column: at.column,
          code: "json_syntax",
          message: "expected valid JSON (check commas, quotes and brackets near here)",
          severity: "error",
        },
      ],
    };
  }
  const parsed = assumptionsSchema.safeParse(JSON.parse(source));
  if (parsed.success) return { ok: true, value: parsed.data, warnings: [] };
  const issues: InputIssue[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const node = findNodeAtLocation(tree, path);
    const at = node ? position(node.offset) : undefined;
    return {
      file,
      ...(at ? { line: at.line, column: at.column } : {}),
      path: path.join("."),
      code: issue.code === "unrecognized_keys" ? "unknown_key" : "schema",
      message: issue.message,
      severity: "error" as const,
    };
  });
  return { ok: false, issues };
}
