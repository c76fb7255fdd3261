/**
 * The verifier's count of the sampled scenarios a plan meets (robust planning), from the plan's
 * go-live months and each site's scenario ready months alone: in scenario s a site goes live at
 * the later of the two, and the scenario is met when every milestone k has at least k sites live
 * by its month. Shares no code with the MILP rows (optimize/scenarioRows.ts).
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
    const actual = chosen.map((c) => Math.max(goLive.get(c.siteId) ?? Infinity, c.scenarioReadyMonths?.[s] ?? Infinity));
    if (timeline.milestones.every((m) => actual.filter((a) => a <= m.month).length >= m.index)) met++;
  }
  return met;
}
