import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario, type RunOutcome } from "../../src/pipeline/run.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";
import type { SiteTable } from "../../src/sites/types.ts";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

// Each requirement that can make a schedule impossible, triggered by a crafted variant of the
// baseline model on the bundled sites; the figures in each message are recomputed here from the data.
let table: SiteTable;
let baseline: ScenarioModel;

beforeAll(async () => {
  const loaded = await loadRunInputs("data/sites.csv", "models/baseline.json");
  if (!loaded.ok) throw new Error("bundled inputs must load");
  table = loaded.value.table;
  baseline = loaded.value.model;
});

const money = (bn: number): string => `$${bn.toFixed(1)}B`;
const variant = (patch: (m: any) => void): ScenarioModel => {
  const m = structuredClone(baseline) as any;
  patch(m);
  return m as ScenarioModel;
};
async function infeasible(model: ScenarioModel): Promise<{ outcome: RunOutcome; reasons: readonly string[] }> {
  const outcome = await runScenario(table, model, { timeLimitSeconds: 30 });
  if (outcome.result.status !== "infeasible") throw new Error(`expected infeasible, got ${outcome.result.status}`);
  return { outcome, reasons: outcome.result.reasons };
}
const dated = (o: RunOutcome) =>
  o.ranked.map((s) => {
    const r = o.screen.readiness.get(s.site.siteId);
    return { id: s.site.siteId, capex: s.site.capexBn, score: s.overall, day: r?.kind === "dated" ? r.onlineDay : Infinity, date: r?.kind === "dated" ? r.onlineDate : "" };
  });

describe("infeasibility in words, with figures from the data", () => {
  it("no site can be online by slot 1", async () => {
    const model = variant((m) => {
      m.schedule.slots[0] = "2025-06-30";
    });
    const { outcome, reasons } = await infeasible(model);
    const earliest = [...dated(outcome)].sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1))[0];
    expect(reasons).toContain(`no site can be online by slot 1 (2025-06-30): the earliest is ${earliest?.date} (${earliest?.id})`);
  });

  it("the cash rule: slot 1 needs more capex than the equity", async () => {
    const model = variant((m) => {
      m.schedule.tranches.equityBn = 5;
    });
    const { outcome, reasons } = await infeasible(model);
    const slot1Day = Date.parse("2026-12-31T00:00:00Z") / 86_400_000;
    const cheapestReady = Math.min(...dated(outcome).filter((s) => s.day <= slot1Day).map((s) => s.capex));
    expect(reasons).toContain(`slot 1 needs at least ${money(cheapestReady)} of capex but only ${money(5)} of equity and tranches is available by then`);
  });

  it("the budget is below the cheapest possible selection", async () => {
    const model = variant((m) => {
      m.optimization.budgetBn = 60;
    });
    const { outcome, reasons } = await infeasible(model);
    const cheapest10 = dated(outcome).map((s) => s.capex).sort((a, b) => a - b).slice(0, 10).reduce((a, b) => a + b, 0);
    expect(reasons).toContain(`the 10 cheapest eligible sites cost ${money(cheapest10)}, above the ${money(60)} budget`);
  });

  it("minimum average score out of reach in minCost mode", async () => {
    const model = variant((m) => {
      m.optimization.objective = { kind: "minCost", minAverageScore: 90 };
    });
    const { reasons } = await infeasible(model);
    expect(reasons.some((r) => /^the 10 best-scoring feasible sites average \d+\.\d, below the required 90$/.test(r))).toBe(true);
  });

  it("too few sites pass screening", async () => {
    const model = variant((m) => {
      m.filters.push({ column: "firm_power_mw", op: ">=", value: 3000 });
    });
    const { outcome, reasons } = await infeasible(model);
    expect(reasons).toContain(`only ${outcome.screen.passed.length} candidate sites are eligible (online by the last slot), but 10 are needed`);
  });

  it("spacing leaves too few sites", async () => {
    const { reasons } = await infeasible(variant((m) => (m.optimization.minSpacingKm = 2500)));
    expect(reasons.some((r) => /^only \d sites can be selected under the spacing|pairwise 2500 km apart/.test(r))).toBe(true);
  });

  it("a locked-in site that screening dropped", async () => {
    const dropped = (await runScenario(table, baseline)).screen.excluded[0];
    if (!dropped) throw new Error("the bundled data should have a screened-out site");
    const { reasons } = await infeasible(variant((m) => (m.optimization.lockedIn = [dropped.site.siteId])));
    expect(reasons).toEqual([`locked-in site ${dropped.site.siteId} is screened out: ${dropped.reasons.join("; ")}`]);
  });

  it("the CLI exits 3 and prints the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-infeasible-"));
    const modelPath = join(dir, "late.json");
    const model = JSON.parse(readFileSync("models/baseline.json", "utf8"));
    model.schedule.slots[0] = "2025-06-30";
    writeFileSync(modelPath, JSON.stringify(model));
    const run = promisify(execFile)(process.execPath, gigasiteArgs("run", "--model", modelPath, "--out", join(dir, "out"), "--no-report"));
    await expect(run).rejects.toMatchObject({ code: 3, stdout: expect.stringContaining("no site can be online by slot 1 (2025-06-30)") });
  }, 120_000);
});
