/**
 * The uncertainty model of a set of sites: each site's three lead times as lognormals (P50 from
 * the CSV, P90 from the CSV's `_p90` column or the model's spread), the readiness rule, and the
 * correlated shocks. Sampling it gives each site's ready month in one scenario.
 *
 * Each input's standard-normal driver is
 *   sqrt(wAll)·Z_all + sqrt(wRegion)·Z_region + sqrt(wZone)·Z_zone + sqrt(1 − wAll − wRegion − wZone)·ε,
 * with one Z_all per scenario, one Z per region and per grid zone (shared by the three inputs of
 * every site there) and an ε per site and input, so two sites in one zone have correlation
 * wAll + wZone (+ wRegion in the same region) on each input.
 */
import { seededRandom } from "../core/random.ts";
import { firstMonthOnOrAfter, monthStartDay, type Calendar } from "../schedule/calendar.ts";
import { addMonths, DAYS_PER_MONTH } from "../schedule/dates.ts";
import { leadMonthsOf, type Readiness } from "../schedule/readiness.ts";
import type { ScenarioModel } from "../scenario/schema.ts";
import { DEFAULT_RISK } from "../scenario/riskSchema.ts";
import type { Site } from "../sites/types.ts";
import { lognormalOf, streamSeed, valueAt, type Lognormal } from "./distribution.ts";
import { InternalError } from "../core/internalError.ts";

export interface UncertainSite {
  readonly siteId: string;
  readonly region: number;
  readonly gridZone: number;
  /** `known`: the CSV's earliest_online_date, not uncertain. */
  readonly rule: "sequential" | "overlapped" | "known";
  readonly permitting: Lognormal;
  readonly timeToPower: Lognormal;
  readonly build: Lognormal;
  /** Ready month of a `known` site, or its P50 ready month. */
  readonly p50ReadyMonth: number;
}

export interface CorrelationWeights {
  readonly all: number;
  readonly region: number;
  readonly gridZone: number;
}

/** Everything a sample needs (structured-cloneable, for worker threads). */
export interface Uncertainty {
  readonly startDate: string;
  readonly calendar: Calendar;
  readonly energizationMonths: number;
  readonly weights: CorrelationWeights;
  readonly regions: number;
  readonly gridZones: number;
  readonly sites: readonly UncertainSite[];
}

/** The model's correlation weights, defaults filled in. */
export function correlationOf(model: ScenarioModel): CorrelationWeights {
  const c = model.risk?.correlation;
  if (c === undefined) return DEFAULT_RISK.correlation;
  return { all: c.all ?? 0, region: c.region ?? 0, gridZone: c.gridZone ?? 0 };
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The uncertainty of the given sites under a model. Sites whose readiness is unknown are left out.
 * @example uncertaintyOf(model, calendar, sites, outcome.screen.readiness).sites.length
 */
export function uncertaintyOf(model: ScenarioModel, calendar: Calendar, sites: readonly Site[], readiness: ReadonlyMap<string, Readiness>): Uncertainty {
  const schedule = model.schedule;
  if (schedule === undefined) throw new InternalError("delay risk needs a schedule (the model rules refuse a risk section without one)");
  const risk = model.risk;
  const factor = {
    permitting: risk?.permittingMonths?.p90Factor ?? DEFAULT_RISK.permittingP90Factor,
    timeToPower: risk?.timeToPowerMonths?.p90Factor ?? DEFAULT_RISK.timeToPowerP90Factor,
    build: risk?.buildMonths?.p90Factor ?? DEFAULT_RISK.buildP90Factor,
  };
  const regions = sorted(sites.map((s) => s.region));
  const zones = sorted(sites.map((s) => s.gridZone));
  const regionIndex = new Map(regions.map((r, i) => [r, i]));
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  const out: UncertainSite[] = [];
  for (const site of sites) {
    const r = readiness.get(site.siteId);
    if (r === undefined || r.kind !== "dated") continue;
    const p50ReadyMonth = firstMonthOnOrAfter(calendar, r.readyDay);
    const common = { siteId: site.siteId, region: regionIndex.get(site.region) as number, gridZone: zoneIndex.get(site.gridZone) as number, p50ReadyMonth };
    if (r.rule === "known" || r.permittingMonths === null || r.timeToPowerMonths === null) {
      out.push({
        ...common,
        rule: "known",
        permitting: { median: 0, sigma: 0 },
        timeToPower: { median: 0, sigma: 0 },
        build: { median: r.buildMonths, sigma: 0 },
      });
      continue;
    }
    // A P90 cell only applies to the value it describes: not to a permitted site's 0, nor to an assumed blank.
    const p90 = (column: string, p50: number, f: number, fromCsv: boolean): number => (fromCsv ? (site.values.get(column) ?? null) : null) ?? p50 * f;
    const permittingFromCsv = site.permitted !== true && site.permittingMonths !== null;
    const powerFromCsv = site.timeToPowerMonths !== null;
    out.push({
      ...common,
      rule: r.rule,
      permitting: lognormalOf(r.permittingMonths, p90("permitting_months_p90", r.permittingMonths, factor.permitting, permittingFromCsv)),
      timeToPower: lognormalOf(r.timeToPowerMonths, p90("time_to_power_months_p90", r.timeToPowerMonths, factor.timeToPower, powerFromCsv)),
      build: lognormalOf(r.buildMonths, r.buildMonths * factor.build),
    });
  }
  return {
    startDate: schedule.startDate,
    calendar,
    energizationMonths: schedule.energizationMonths ?? 0,
    weights: correlationOf(model),
    regions: regions.length,
    gridZones: zones.length,
    sites: out,
  };
}

/**
 * Each site's ready month in scenario `index` of the stream (seed, purpose): the month it could
 * go live at the earliest, on the plan's calendar. Same (seed, purpose, index), same months.
 * `builds`, when given, receives each site's sampled build in whole months (rounded up: a build
 * starts on a month's first day and a site goes live on one), the same draw as the ready month's
 * (a `known` site's build has no spread: it is its planned one).
 * @example sampleReadyMonths(u, 1, STREAM.evaluate, 0).length === u.sites.length
 */
export function sampleReadyMonths(
  u: Uncertainty,
  seed: number,
  purpose: number,
  index: number,
  into: Int32Array = new Int32Array(u.sites.length),
  builds?: Int32Array,
): Int32Array {
  const rng = seededRandom(streamSeed(seed, purpose, index));
  const { all, region, gridZone } = u.weights;
  const own = Math.sqrt(Math.max(0, 1 - all - region - gridZone));
  const zAll = Math.sqrt(all) * rng.normal();
  const zRegion = Array.from({ length: u.regions }, () => Math.sqrt(region) * rng.normal());
  const zZone = Array.from({ length: u.gridZones }, () => Math.sqrt(gridZone) * rng.normal());
  u.sites.forEach((s, i) => {
    const shared = zAll + (zRegion[s.region] ?? 0) + (zZone[s.gridZone] ?? 0);
    // Three draws per site always, so one site's rule never shifts another site's draws.
    const permitting = valueAt(s.permitting, shared + own * rng.normal());
    const power = valueAt(s.timeToPower, shared + own * rng.normal());
    const build = valueAt(s.build, shared + own * rng.normal());
    if (builds !== undefined) builds[i] = Math.ceil(build - 1e-9);
    if (s.rule === "known") {
      into[i] = s.p50ReadyMonth;
      return;
    }
    const lead = leadMonthsOf(s.rule, permitting, power, build, u.energizationMonths);
    into[i] = readyMonthAfter(u, lead);
  });
  return into;
}

interface MonthTables {
  /** addMonths(start, w) for whole months w. */
  readonly startPlus: Float64Array;
  /** First day of calendar month t. */
  readonly monthStart: Float64Array;
}
const tables = new WeakMap<Uncertainty, MonthTables>();
const TABLE_MONTHS = 900;

/**
 * firstMonthOnOrAfter(calendar, addMonths(start, lead)), from tables of the same two functions
 * (the same arithmetic, a hundred times faster than parsing dates per sample).
 * @example readyMonthAfter(u, 0) // 0 when the start date is a month's first day
 */
export function readyMonthAfter(u: Uncertainty, lead: number): number {
  let t = tables.get(u);
  if (t === undefined) {
    t = {
      startPlus: Float64Array.from({ length: TABLE_MONTHS }, (_, w) => addMonths(u.startDate, w)),
      monthStart: Float64Array.from({ length: TABLE_MONTHS + 2 }, (_, m) => monthStartDay(u.calendar, m)),
    };
    tables.set(u, t);
  }
  const whole = Math.floor(lead);
  if (!(whole >= 0 && whole < TABLE_MONTHS)) return firstMonthOnOrAfter(u.calendar, addMonths(u.startDate, lead));
  const day = (t.startPlus[whole] as number) + Math.ceil((lead - whole) * DAYS_PER_MONTH - 1e-9);
  let lo = 0;
  let hi = t.monthStart.length - 1;
  if ((t.monthStart[hi] as number) < day) return firstMonthOnOrAfter(u.calendar, day);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((t.monthStart[mid] as number) >= day) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
