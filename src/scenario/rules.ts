/**
 * Named rules a model must meet beyond its schema: the checks that need more than one field.
 * Each rule is a pure function `(model, context) => issues`; parseModelJson runs them all.
 */
import { MAX_ISSUES_PER_KIND, moreIssuesLikeThis, type InputIssue, type Severity } from "../core/issues.ts";
import { didYouMean, type TextPosition } from "../core/text.ts";
import type { ScenarioModel } from "./schema.ts";
import { dateOutOfBounds, modelBound, outOfBounds } from "../core/bounds.ts";
import { firstUnsafe, TERMINAL_CONTROL } from "../core/terminalText.ts";

export type JsonPath = readonly (string | number)[];

export interface RuleContext {
  readonly file: string;
  /** Where a path is in the file (its key, or the nearest enclosing one), when known. */
  readonly locate?: (path: JsonPath) => TextPosition | undefined;
}

export type ModelRule = (model: ScenarioModel, context: RuleContext) => InputIssue[];

/**
 * `optimization.budgetBn`, `criteria[2].value.best`.
 * @example pathText(["criteria", 2, "weight"]) // "criteria[2].weight"
 */
export function pathText(path: JsonPath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/**
 * An issue about one place in a model file, at the key's line and column when `locate` knows it.
 * @example modelIssue({ file: "m.json" }, ["optimization", "budgetBn"], "range", "expected >= 0").path // "optimization.budgetBn"
 */
export function modelIssue(context: RuleContext, path: JsonPath, code: string, message: string, severity: Severity = "error"): InputIssue {
  const position = context.locate?.(path);
  const at = position === undefined ? {} : { line: position.line, column: position.column };
  return { file: context.file, ...at, path: pathText(path), code, message, severity };
}

const criterionName = (model: ScenarioModel, index: number): string => {
  const criterion = model.criteria[index];
  return `criterion '${criterion?.id ?? criterion?.column ?? index}'`;
};

/** Linear anchors and piecewise ends must rise toward "higher" and fall toward "lower". */
export const directionAgreesWithAnchors: ModelRule = (model, context) =>
  model.criteria.flatMap((criterion, index) => {
    const value = criterion.value;
    const name = criterionName(model, index);
    if (value.kind === "linear") {
      if (value.best === value.worst)
        return [
          modelIssue(context, ["criteria", index, "value"], "flat_value_function", `${name}: expected best and worst to differ, found both ${value.best}`),
        ];
      const rising = value.best > value.worst;
      if (rising === (criterion.direction === "higher")) return [];
      const relation = rising ? "above" : "below";
      return [
        modelIssue(
          context,
          ["criteria", index, "direction"],
          "direction_mismatch",
          `${name}: direction is "${criterion.direction}" but best (${value.best}) is ${relation} worst (${value.worst}): swap best and worst, or the direction`,
        ),
      ];
    }
    if (value.kind === "piecewise") {
      const first = value.points[0]?.[1] ?? 0;
      const last = value.points[value.points.length - 1]?.[1] ?? 0;
      const disagrees = criterion.direction === "higher" ? last < first : last > first;
      if (!disagrees) return [];
      return [
        modelIssue(
          context,
          ["criteria", index, "direction"],
          "direction_mismatch",
          `${name}: direction is "${criterion.direction}" but the piecewise scores go from ${first} to ${last}`,
        ),
      ];
    }
    return [];
  });

/** Piecewise points: x strictly increasing, scores within 0..100. */
export const piecewisePointsValid: ModelRule = (model, context) =>
  model.criteria.flatMap((criterion, index) => {
    if (criterion.value.kind !== "piecewise") return [];
    const issues: InputIssue[] = [];
    const points = criterion.value.points;
    points.forEach(([x, score], k) => {
      const previous = k > 0 ? points[k - 1]?.[0] : undefined;
      if (previous !== undefined && !(x > previous)) {
        issues.push(
          modelIssue(
            context,
            ["criteria", index, "value", "points", k],
            "piecewise_order",
            `${criterionName(model, index)}: expected x values to increase strictly, found ${x} after ${previous}`,
          ),
        );
      }
      if (score < 0 || score > 100) {
        issues.push(
          modelIssue(
            context,
            ["criteria", index, "value", "points", k],
            "score_range",
            `${criterionName(model, index)}: expected scores in 0..100, found ${score}`,
          ),
        );
      }
    });
    return issues;
  });

/** Some weight must be positive, every criterion's pillar must be weighted, and unused pillars are worth a warning. */
export const weightsUsable: ModelRule = (model, context) => {
  const issues: InputIssue[] = [];
  const pillarNames = Object.keys(model.pillars);
  const weightOf = new Map(Object.entries(model.pillars));
  if (model.criteria.every((c) => c.weight === 0)) {
    issues.push(
      modelIssue(
        context,
        ["criteria"],
        "all_weights_zero",
        "expected at least one criterion with a weight above 0, found all 0: every site would score the same",
      ),
    );
  }
  const used = new Set<string>();
  model.criteria.forEach((criterion, index) => {
    used.add(criterion.pillar);
    const weight = weightOf.get(criterion.pillar);
    if (weight === undefined) {
      issues.push(
        modelIssue(
          context,
          ["criteria", index, "pillar"],
          "unknown_pillar",
          `${criterionName(model, index)}: pillar '${criterion.pillar}' has no weight in "pillars"${didYouMean(criterion.pillar, pillarNames)}`,
        ),
      );
    } else if (weight === 0 && criterion.weight > 0) {
      issues.push(
        modelIssue(
          context,
          ["criteria", index, "pillar"],
          "zero_pillar",
          `${criterionName(model, index)} counts for nothing: pillar '${criterion.pillar}' has weight 0`,
          "warning",
        ),
      );
    }
  });
  const usedWeights = [...used].flatMap((p) => (weightOf.has(p) ? [weightOf.get(p) ?? 0] : []));
  if (usedWeights.length > 0 && usedWeights.every((w) => w === 0)) {
    issues.push(
      modelIssue(
        context,
        ["pillars"],
        "all_weights_zero",
        "expected at least one used pillar with a weight above 0, found all 0: every site would score the same",
      ),
    );
  }
  for (const name of pillarNames) {
    if (!used.has(name))
      issues.push(modelIssue(context, ["pillars", name], "unused_pillar", `no criterion uses pillar '${name}': its weight is ignored`, "warning"));
  }
  return issues;
};

/** Longest calendar a dated plan may span: the time-indexed model has a variable per site and month. */
export const MAX_CALENDAR_MONTHS = 240;

/** Milestones in date order after the start date, one per site to select; zone limits inside the calendar. */
export const milestonesConsistent: ModelRule = (model, context) => {
  const schedule = model.schedule;
  if (schedule === undefined) return [];
  const issues: InputIssue[] = [];
  // ISO dates compare correctly as strings.
  schedule.milestones.forEach((date, k) => {
    if (date <= schedule.startDate) {
      issues.push(
        modelIssue(
          context,
          ["schedule", "milestones", k],
          "milestone_before_start",
          `milestone ${k + 1}: expected a date after the start date ${schedule.startDate}, found ${date}`,
        ),
      );
    }
    const previous = k > 0 ? schedule.milestones[k - 1] : undefined;
    if (previous !== undefined && date < previous) {
      issues.push(
        modelIssue(
          context,
          ["schedule", "milestones", k],
          "milestone_order",
          `milestone ${k + 1}: expected a date on or after milestone ${k} (${previous}), found ${date}: list milestones in date order`,
        ),
      );
    }
  });
  if (schedule.milestones.length !== model.optimization.sites) {
    issues.push(
      modelIssue(
        context,
        ["schedule", "milestones"],
        "milestone_count",
        `expected one milestone per site (optimization.sites = ${model.optimization.sites}), found ${schedule.milestones.length} milestones`,
      ),
    );
  }
  const last = [...schedule.milestones].sort().at(-1);
  if (last !== undefined && last > schedule.startDate) {
    const [y0, m0] = schedule.startDate.split("-").map(Number) as [number, number];
    const [y1, m1] = last.split("-").map(Number) as [number, number];
    const months = (y1 - y0) * 12 + (m1 - m0) + 1;
    if (months > MAX_CALENDAR_MONTHS) {
      issues.push(
        modelIssue(
          context,
          ["schedule", "milestones"],
          "calendar_too_long",
          `expected the last milestone within ${MAX_CALENDAR_MONTHS} months of the start date, found ${months} months (${schedule.startDate} to ${last})`,
        ),
      );
    }
  }
  (schedule.zoneLimits ?? []).forEach((limit, k) => {
    if (limit.by <= schedule.startDate) {
      issues.push(
        modelIssue(
          context,
          ["schedule", "zoneLimits", k, "by"],
          "zone_limit_before_start",
          `zone limit ${k + 1}: expected a date after the start date ${schedule.startDate}, found ${limit.by}`,
        ),
      );
    }
  });
  const tranches = schedule.tranches;
  if (tranches?.bridge !== undefined && !tranches.cashRule) {
    issues.push(
      modelIssue(
        context,
        ["schedule", "tranches", "bridge"],
        "bridge_without_cash_rule",
        "a bridge facility only matters with the cash rule on: set tranches.cashRule to true or remove the bridge",
        "warning",
      ),
    );
  }
  return issues;
};

/** A site cannot be both forced in and forced out, nor can more sites be forced in than are picked. */
export const lockedListsConsistent: ModelRule = (model, context) => {
  const issues: InputIssue[] = [];
  const lockedIn = model.optimization.lockedIn ?? [];
  const inSet = new Set(lockedIn);
  (model.optimization.lockedOut ?? []).forEach((id, k) => {
    if (inSet.has(id))
      issues.push(modelIssue(context, ["optimization", "lockedOut", k], "locked_overlap", `site '${id}' is in both lockedIn and lockedOut: keep it in one`));
  });
  if (inSet.size > model.optimization.sites) {
    issues.push(
      modelIssue(
        context,
        ["optimization", "lockedIn"],
        "too_many_locked",
        `expected at most ${model.optimization.sites} locked-in sites (optimization.sites), found ${inSet.size}`,
      ),
    );
  }
  return issues;
};

/** Criterion ids name output columns, so two criteria must not share one. */
export const criterionIdsUnique: ModelRule = (model, context) => {
  const seen = new Map<string, number>();
  return model.criteria.flatMap((criterion, index) => {
    const id = criterion.id ?? criterion.column;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, index);
      return [];
    }
    return [modelIssue(context, ["criteria", index], "duplicate_criterion", `criterion '${id}' is also criteria[${first}]: give one an "id"`)];
  });
};

/** `>=`, `<`… compare numbers; a text or true/false value can only be tested with == or !=. */
export const filterOperatorsFit: ModelRule = (model, context) =>
  (model.filters ?? []).flatMap((filter, index) =>
    typeof filter.value !== "number" && filter.op !== "==" && filter.op !== "!="
      ? [
          modelIssue(
            context,
            ["filters", index, "op"],
            "filter_op",
            `filter on '${filter.column}': expected == or != for the value ${JSON.stringify(filter.value)}, found ${filter.op}`,
          ),
        ]
      : [],
  );

/**
 * Every number within its bound of the one bounds table, every date within the planning horizon,
 * and no text with control characters.
 */
export const numbersWithinBounds: ModelRule = (model, context) => {
  const issues: InputIssue[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === "number") {
      const problem = outOfBounds(value, modelBound(path));
      if (problem !== undefined) issues.push(modelIssue(context, path, "out_of_bounds", problem));
    } else if (typeof value === "string") {
      // Model text reaches terminals (names, reasons, descriptions): no control characters.
      const control = firstUnsafe(value, TERMINAL_CONTROL);
      if (control !== undefined)
        issues.push(
          modelIssue(
            context,
            path,
            "control_character",
            `contains the control character ${control.escaped} at character ${control.index + 1}: model text may not hold control characters, terminal escapes or bidi overrides`,
          ),
        );
    } else if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, [...path, i]);
    else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(model, []);
  const schedule = model.schedule;
  if (schedule !== undefined) {
    const dates: [JsonPath, string][] = [
      [["schedule", "startDate"], schedule.startDate],
      ...schedule.milestones.map((d, k): [JsonPath, string] => [["schedule", "milestones", k], d]),
      ...(schedule.zoneLimits ?? []).map((z, k): [JsonPath, string] => [["schedule", "zoneLimits", k, "by"], z.by]),
    ];
    for (const [path, date] of dates) {
      const problem = dateOutOfBounds(date);
      if (problem !== undefined) issues.push(modelIssue(context, path, "out_of_bounds", problem));
    }
  }
  return issues;
};

/** Every rule, in the order their issues are reported. */
export const MODEL_RULES: readonly ModelRule[] = [
  numbersWithinBounds,
  directionAgreesWithAnchors,
  piecewisePointsValid,
  weightsUsable,
  criterionIdsUnique,
  filterOperatorsFit,
  milestonesConsistent,
  lockedListsConsistent,
];

/**
 * Criteria and filters must name a CSV column (or a column a layer derives).
 * @example checkModelAgainstColumns(model, table.columns, "models/baseline.json")
 */
export function checkModelAgainstColumns(model: ScenarioModel, columns: readonly string[], file: string, locate?: RuleContext["locate"]): InputIssue[] {
  const context: RuleContext = locate === undefined ? { file } : { file, locate };
  const known = [...columns, ...(model.layers ?? []).flatMap((layer) => (layer.kind === "exclude" ? [] : [layer.column]))];
  const exists = new Set(known);
  const check = (column: string, path: JsonPath, what: string): InputIssue[] =>
    exists.has(column)
      ? []
      : [modelIssue(context, path, "unknown_column", `${what} names column '${column}', which the site CSV does not have${didYouMean(column, known)}`)];
  return [
    ...model.criteria.flatMap((c, index) => check(c.column, ["criteria", index, "column"], "criterion")),
    ...(model.filters ?? []).flatMap((f, index) => check(f.column, ["filters", index, "column"], "filter")),
  ];
}

/**
 * lockedIn and lockedOut must name sites of the CSV: a typo would otherwise be ignored in silence
 * (lockedOut) or end the run as infeasible for a reason that hides it (lockedIn).
 * @example checkLockedSitesExist(model, table.sites.map((s) => s.siteId), { file: "models/baseline.json" })
 */
export function checkLockedSitesExist(model: ScenarioModel, siteIds: readonly string[], context: RuleContext): InputIssue[] {
  const known = new Set(siteIds);
  const issues: InputIssue[] = [];
  let unknown = 0;
  for (const list of ["lockedIn", "lockedOut"] as const) {
    (model.optimization[list] ?? []).forEach((id, k) => {
      if (known.has(id)) return;
      // Past the listed ones only count: a did-you-mean per id is a search over every site.
      if (++unknown > MAX_ISSUES_PER_KIND) return;
      issues.push(
        modelIssue(
          context,
          ["optimization", list, k],
          "unknown_site",
          `${list} names site '${id}', which the site CSV does not have${didYouMean(id, siteIds)}`,
        ),
      );
    });
  }
  const first = issues[0];
  if (first !== undefined && unknown > MAX_ISSUES_PER_KIND) issues.push(moreIssuesLikeThis(first, unknown - MAX_ISSUES_PER_KIND, unknown));
  return issues;
}

/**
 * Region and grid-zone names in caps and zone limits must name a region or zone of the CSV: a
 * typo ("ERCOTT") would otherwise be a limit on nothing, obeyed in silence, with the plan keeping
 * the site it meant to limit. An error rather than a warning, as for lockedIn and lockedOut.
 * @example checkZoneNamesExist(model, ["TX"], ["ERCOT"], { file: "models/baseline.json" })
 */
export function checkZoneNamesExist(model: ScenarioModel, regions: readonly string[], gridZones: readonly string[], context: RuleContext): InputIssue[] {
  const issues: InputIssue[] = [];
  const regionNames = [...new Set(regions)];
  const zoneNames = [...new Set(gridZones)];
  const check = (names: readonly string[], known: readonly string[], what: string, code: string, pathOf: (name: string, index: number) => JsonPath): void => {
    const knownSet = new Set(known);
    names.forEach((name, index) => {
      if (knownSet.has(name) || issues.length >= MAX_ISSUES_PER_KIND) return;
      issues.push(modelIssue(context, pathOf(name, index), code, `${what} '${name}' is not a ${what} of the site CSV${didYouMean(name, known)}`));
    });
  };
  const caps = model.optimization.caps;
  check(Object.keys(caps?.regions ?? {}), regionNames, "region", "unknown_region", (name) => ["optimization", "caps", "regions", name]);
  check(Object.keys(caps?.gridZones ?? {}), zoneNames, "grid zone", "unknown_grid_zone", (name) => ["optimization", "caps", "gridZones", name]);
  const limits = (model.schedule?.zoneLimits ?? []).map((l) => l.gridZone);
  check(limits, zoneNames, "grid zone", "unknown_grid_zone", (_name, index) => ["schedule", "zoneLimits", index, "gridZone"]);
  return issues;
}

/**
 * The budget must cover the cheapest possible selection: the sum of the `sites` lowest capexes
 * (each CSV `capex_bn`, the cost of 1 GW, times `gwPerSite`). The pipeline calls this after
 * screening, with the capexes of the sites that passed.
 * @example checkBudgetFeasible(model, [9, 9.5, 10], "models/baseline.json") // [] when 3 sites fit the budget
 */
export function checkBudgetFeasible(model: ScenarioModel, capexesBn: readonly number[], file = "model", locate?: RuleContext["locate"]): InputIssue[] {
  const context: RuleContext = locate === undefined ? { file } : { file, locate };
  const { sites, gwPerSite, budgetBn } = model.optimization;
  if (capexesBn.length < sites) {
    return [
      modelIssue(context, ["optimization", "sites"], "too_few_sites", `expected at least ${sites} candidate sites to choose from, found ${capexesBn.length}`),
    ];
  }
  const cheapest = [...capexesBn].sort((a, b) => a - b).slice(0, sites);
  const minimumBn = cheapest.reduce((sum, capex) => sum + capex * gwPerSite, 0);
  if (minimumBn <= budgetBn) return [];
  const rounded = Math.round(minimumBn * 100) / 100;
  return [
    modelIssue(
      context,
      ["optimization", "budgetBn"],
      "budget_infeasible",
      `expected a budget of at least $${rounded}B (the ${sites} cheapest sites), found $${budgetBn}B: no selection fits`,
    ),
  ];
}
