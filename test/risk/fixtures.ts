import { PLAIN_STACK } from "../../src/schedule/funding.ts";
import { monthOfDate, type Calendar } from "../../src/schedule/calendar.ts";
import type { Timeline } from "../../src/schedule/types.ts";
import type { PlanRiskBase } from "../../src/risk/evaluate.ts";
import type { Lognormal } from "../../src/risk/distribution.ts";
import type { CorrelationWeights, UncertainSite, Uncertainty } from "../../src/risk/uncertainty.ts";

export const calendar: Calendar = { startDate: "2026-01-01", months: 48 };
const fixed = (months: number): Lognormal => ({ median: months, sigma: 0 });

/** A site whose only uncertain input is its time to power; sequential rule, no permitting, 6 build months. */
export function powerSite(siteId: string, timeToPower: Lognormal, gridZone = 0, region = 0): UncertainSite {
  return { siteId, region, gridZone, rule: "sequential", permitting: fixed(0), timeToPower, build: fixed(6), p50ReadyMonth: Math.ceil(timeToPower.median + 6) };
}

export function uncertainty(sites: readonly UncertainSite[], weights: CorrelationWeights = { all: 0, region: 0, gridZone: 0 }): Uncertainty {
  return {
    startDate: calendar.startDate,
    calendar,
    energizationMonths: 0,
    weights,
    regions: 1 + Math.max(0, ...sites.map((s) => s.region)),
    gridZones: 1 + Math.max(0, ...sites.map((s) => s.gridZone)),
    sites,
  };
}

/** Milestone k on the given dates; ample equity so that cash never binds unless asked. */
export function timeline(dates: readonly string[], equityBn = 1000): Timeline {
  return {
    calendar,
    milestones: dates.map((date, k) => ({ index: k + 1, date, month: monthOfDate(calendar, date) })),
    draw: { upfrontShare: 0.2 },
    cash: { equityBn, trancheBn: 10, trancheCount: dates.length, lagMonths: 0, bridge: null, trancheUses: "any", signingMonth: null },
    stack: PLAIN_STACK,
    cashRuleEnforced: true,
    zoneLimits: [],
  };
}

/** Every site planned to go live at its P50 ready month (12 build months, $10B). */
export function planBase(u: Uncertainty, dates: readonly string[], seed = 1, equityBn = 1000): PlanRiskBase {
  return {
    timeline: timeline(dates, equityBn),
    gwPerSite: 1,
    planned: u.sites.map((s) => ({ siteId: s.siteId, goLiveMonth: s.p50ReadyMonth, constructionStartMonth: s.p50ReadyMonth - 12, capexBn: 10 })),
    uncertainty: u,
    seed,
  };
}
