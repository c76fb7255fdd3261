import { duration, pct, round, type RunProgress } from "../index.ts";
import type { StatusLine } from "./progress.ts";

const STAGE_TEXT = { screen: "screening", score: "scoring", verify: "verifying", done: "done" } as const;

/**
 * The status text of a run in progress: the stage, and while solving the candidates, the time
 * limit and (once the optimizer reports them) elapsed time, best objective, bound and gap.
 * @example runProgressText({ stage: "solve", elapsedMs: 900, candidates: 458, timeLimitMs: 60000, bestObjective: null, bound: null, gap: null })
 * // "solving 458 candidates (time limit 60.00 s)… 900 ms"
 */
export function runProgressText(p: RunProgress): string {
  if (p.stage !== "solve") return `${STAGE_TEXT[p.stage]}…`;
  const limit = p.timeLimitMs === undefined ? "" : ` (time limit ${duration(p.timeLimitMs)})`;
  const best =
    p.bestObjective === null
      ? ""
      : `; best ${round(p.bestObjective, 3)}, bound ${p.bound === null ? "–" : round(p.bound, 3)}, gap ${p.gap === null ? "–" : pct(p.gap)}`;
  return `solving ${p.candidates ?? "the"} candidates${limit}… ${duration(p.elapsedMs)}${best}`;
}

/** A callback for `runScenario`'s `onProgress` that draws on a status line. */
export function drawRunProgress(line: StatusLine): (p: RunProgress) => void {
  return (p) => (p.stage === "done" ? line.clear() : line.set(runProgressText(p)));
}
