/**
 * The verifier's count of the sampled scenarios a plan meets (robust planning), from the plan's
 * go-live months and each site's scenario ready months and builds alone: in scenario s a site goes
 * live at the latest of its planned go-live, its scenario ready month, and its planned
 * construction start (go-live − build months) plus its scenario build; the scenario is met when
 * every milestone k has at least k sites live by its month. Shares no code with the MILP rows
 * (optimize/scenarioRows.ts).
 */
import type { Candidate } from "./types.ts";
import type { Timeline } from "../schedule/types.ts";

/**
 * Scenarios (of `count`) in which every milestone is met.
 * @example scenariosMet(timeline, chosen, goLive, 100) // 93
 */
export function scenariosMet(timeline: Timeline, chosen: readonly Candidate[], goLive: ReadonlyMap<string, number>, count: number): number {
  let met = 0;
  for (let s = 0; s < count; s++) {
    const actual = chosen.map((c) => {
      const planned = goLive.get(c.siteId) ?? Infinity;
      const built = planned - c.buildMonths + (c.scenarioBuildMonths?.[s] ?? c.buildMonths);
      return Math.max(planned, c.scenarioReadyMonths?.[s] ?? Infinity, built);
    });
    if (timeline.milestones.every((m) => actual.filter((a) => a <= m.month).length >= m.index)) met++;
  }
  return met;
}
