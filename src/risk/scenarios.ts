/**
 * The sampled scenarios of robust planning: every candidate's ready month and build (whole
 * months) in each of S scenarios, drawn from the model's uncertainty on a stream of its own
 * (never the evaluation's).
 */
import type { Calendar } from "../schedule/calendar.ts";
import type { Readiness } from "../schedule/readiness.ts";
import { DEFAULT_RISK } from "../scenario/riskSchema.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import type { ScenarioRule } from "../optimize/types.ts";
import type { Site } from "../sites/types.ts";
import { STREAM } from "./distribution.ts";
import { sampleReadyMonths, uncertaintyOf } from "./uncertainty.ts";

export interface SampledScenarios {
  readonly rule: ScenarioRule;
  /** Site id → its ready month in scenarios 1..S. */
  readonly readyMonths: ReadonlyMap<string, readonly number[]>;
  /** Site id → its sampled build in scenarios 1..S, whole months (see `sampleReadyMonths`). */
  readonly buildMonths: ReadonlyMap<string, readonly number[]>;
}

/**
 * The model's robust scenarios over the given sites, or null when the model asks for none.
 * Required scenarios: ⌈α·S⌉.
 * @example scenariosOf(model, calendar, sites, readiness)?.rule // { count: 100, required: 90 }
 */
export function scenariosOf(
  model: ScenarioModel,
  calendar: Calendar,
  sites: readonly Site[],
  readiness: ReadonlyMap<string, Readiness>,
): SampledScenarios | null {
  const robust = model.risk?.robust;
  if (robust === undefined || model.schedule === undefined) return null;
  const u = uncertaintyOf(model, calendar, sites, readiness);
  const seed = robust.seed ?? DEFAULT_RISK.robustSeed;
  const months = u.sites.map(() => new Array<number>(robust.scenarios));
  const builds = u.sites.map(() => new Array<number>(robust.scenarios));
  const ready = new Int32Array(u.sites.length);
  const build = new Int32Array(u.sites.length);
  for (let s = 0; s < robust.scenarios; s++) {
    sampleReadyMonths(u, seed, STREAM.scenarios, s, ready, build);
    for (let i = 0; i < u.sites.length; i++) {
      (months[i] as number[])[s] = ready[i] as number;
      (builds[i] as number[])[s] = build[i] as number;
    }
  }
  const readyMonths = new Map(u.sites.map((site, i) => [site.siteId, months[i] as number[]]));
  const buildMonths = new Map(u.sites.map((site, i) => [site.siteId, builds[i] as number[]]));
  return { rule: { count: robust.scenarios, required: requiredScenarios(robust.alpha, robust.scenarios) }, readyMonths, buildMonths };
}

/** ⌈α·S⌉, with a tolerance so that 0.9 × 100 is 90. @example requiredScenarios(0.9, 100) // 90 */
export function requiredScenarios(alpha: number, scenarios: number): number {
  return Math.min(scenarios, Math.ceil(alpha * scenarios - 1e-9));
}
