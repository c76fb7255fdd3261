import { beforeAll, describe, expect, it } from "vitest";
import { explainSite } from "../../src/analysis/explain.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario, type RunOutcome } from "../../src/pipeline/run.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";
import type { SiteTable } from "../../src/sites/types.ts";
import { expectApprox } from "../helpers/approx.ts";

let table: SiteTable;
let model: ScenarioModel;
let run: RunOutcome;

const objectiveOf = (o: RunOutcome): number => {
  if (o.result.status !== "optimal") throw new Error(`expected optimal, got ${o.result.status}`);
  return o.result.objective;
};

/** An independent cold solve: the model file itself locks the site, and the pipeline runs from scratch. */
const withLock = (lock: "lockedIn" | "lockedOut", id: string): ScenarioModel => ({ ...model, optimization: { ...model.optimization, [lock]: [id] } });

beforeAll(async () => {
  const loaded = await loadRunInputs("data/sites.csv", "models/baseline.json");
  if (!loaded.ok) throw new Error("bundled inputs did not load");
  ({ table, model } = loaded.value);
  run = await runScenario(table, model);
}, 60_000);

describe("explain", () => {
  it("a site left out: the loss of forcing it in equals the difference of two independent solves", async () => {
    const r = run.result;
    if (r.status !== "optimal") throw new Error("baseline not optimal");
    const out = run.ranked.find((s) => !r.selected.includes(s.site.siteId));
    if (!out) throw new Error("no unselected site");
    const e = await explainSite(run, out.site.siteId);
    if (e.kind !== "not_selected") throw new Error(`expected not_selected, got ${e.kind}`);
    const forcedIn = await runScenario(table, withLock("lockedIn", out.site.siteId));
    expectApprox(e.forced.lossVsRun, objectiveOf(run) - objectiveOf(forcedIn), { abs: 1e-6 });
    expect(e.forced.selected).toContain(out.site.siteId);
    expect(e.forced.dropped.length).toBeGreaterThan(0);
    for (const id of e.forced.dropped) expect(r.selected).toContain(id);
    expect(e.reason.kind).not.toBe("selected");
    expectApprox(
      e.scored.contributions.reduce((s, c) => s + c.points, 0),
      e.scored.overall,
    );
  }, 60_000);

  it("a selected site: the loss of forcing it out equals the difference of two independent solves", async () => {
    const r = run.result;
    if (r.status !== "optimal") throw new Error("baseline not optimal");
    const id = r.selected[r.selected.length - 1] as string;
    const e = await explainSite(run, id);
    if (e.kind !== "selected") throw new Error(`expected selected, got ${e.kind}`);
    const forcedOut = await runScenario(table, withLock("lockedOut", id));
    expectApprox(e.forced.lossVsRun, objectiveOf(run) - objectiveOf(forcedOut), { abs: 1e-6 });
    expect(e.forced.selected).not.toContain(id);
    expect(e.forced.dropped).toEqual([id]);
    expect(e.forced.lossVsRun ?? -1).toBeGreaterThanOrEqual(-1e-9);
  }, 60_000);

  it("a screened-out site names the rule that dropped it; an unknown id is not found", async () => {
    const excluded = run.screen.excluded[0];
    if (!excluded) throw new Error("nothing screened out");
    const e = await explainSite(run, excluded.site.siteId);
    expect(e.kind).toBe("screened_out");
    if (e.kind === "screened_out") expect(e.reasons).toEqual(excluded.reasons);
    expect((await explainSite(run, "NO_SUCH_SITE")).kind).toBe("not_found");
  });
});
