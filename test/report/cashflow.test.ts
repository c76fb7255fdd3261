/**
 * Every cash figure of selection.csv and cashflow.csv, re-added by hand from cashflow_sites.csv
 * (the per-site draws), as a reader with a spreadsheet would: running sums, headroom, GW live,
 * tranches, drawn-by-go-live and the least headroom during each build.
 */
import { describe, expect, it } from "vitest";
import type { RunOutcome } from "../../src/pipeline/run.ts";
import { runFiles } from "../../src/report/runFiles.ts";
import { inputsOf } from "../../src/output/writeRun.ts";
import { expectApprox } from "../helpers/approx.ts";
import { fixtureModel, generatedSites, greedyOutcome } from "../report-html/fixture.ts";
import { parseCsv as parse, reAddCashFiles, type Row } from "./reAdd.ts";

const files = (outcome: RunOutcome): Map<string, string> => runFiles(outcome, inputsOf(outcome), { load: 0, total: 0 });
const n = (v: string | undefined): number => Number(v);
const TOL = { abs: 1e-9 };

/** Re-adds the three files of `outcome` (see reAdd.ts) with the terms of its model. */
function reAdd(outcome: RunOutcome): { selection: Row[]; cashflow: Row[]; siteDraws: Row[] } {
  const out = files(outcome);
  const timeline = outcome.problem.timeline!;
  const { equityBn, trancheBn, lagMonths, trancheCount } = timeline.cash;
  return reAddCashFiles(
    { selection: out.get("selection.csv")!, cashflow: out.get("cashflow.csv")!, siteDraws: out.get("cashflow_sites.csv")! },
    {
      startDate: timeline.calendar.startDate,
      months: timeline.calendar.months,
      equityBn,
      trancheBn,
      trancheCount,
      lagMonths,
      gwPerSite: outcome.problem.gwPerSite,
      cashRule: timeline.cashRuleEnforced,
    },
  );
}

describe("cashflow.csv, cashflow_sites.csv and selection.csv re-add by hand", () => {
  it("on a plan like the baseline's: equity 15, tranches of 10 at each go-live, even draws", () => {
    const outcome = greedyOutcome(generatedSites(160, 7), fixtureModel());
    const { selection, cashflow } = reAdd(outcome);
    expect(selection).toHaveLength(10);
    expect(cashflow.every((r) => n(r.bridge_bn) === 0)).toBe(true);
  });

  it("with an upfront share, a tranche lag, a bridge and a site already under construction", () => {
    const sites = generatedSites(160, 11).map((s, i) =>
      i === 3 ? { ...s, earliestOnlineDate: "2025-04-01", brownfield: true, capexBn: 7.3, permittingMonths: 0, timeToPowerMonths: 0 } : s,
    );
    const model = fixtureModel({ upfrontShare: 0.2, tranches: { lagMonths: 2, bridge: { limitBn: 6, ratePctPerYear: 0 } } });
    const outcome = greedyOutcome(sites, model);
    const { selection, cashflow } = reAdd(outcome);
    const early = selection.find((s) => s.site_id === sites[3]!.siteId);
    // Known date 2025-04-01, 12 brownfield build months: construction began before the plan start.
    expect(early).toMatchObject({ ready_date: "2025-04-01", construction_start: expect.stringMatching(/^2024-/) });
    expect(cashflow.some((r) => n(r.bridge_bn) > 0)).toBe(true);
  });

  it("run.json's peak equity and tightest month are the ledger's", () => {
    const outcome = greedyOutcome(generatedSites(160, 7), fixtureModel({ upfrontShare: 0.2 }));
    const { cashflow } = reAdd(outcome);
    const run = JSON.parse(files(outcome).get("run.json")!);
    const need = cashflow.map((r) => n(r.cumulative_drawn_bn) - n(r.cumulative_released_bn));
    expectApprox(run.plan.peak_equity_bn, Math.max(0, ...need), TOL);
    const least = Math.min(...cashflow.map((r) => n(r.headroom_bn)));
    expect(run.plan.tightest_month).toBe(cashflow.find((r) => Math.abs(n(r.headroom_bn) - least) < 1e-6)?.month);
    expectApprox(run.plan.min_headroom_bn, least, TOL);
    expect(run.plan.sites.map((s: { site_id: string }) => s.site_id)).toEqual(run.selected);
    for (const m of run.plan.milestones) expect(m.met).toBe(m.sites_live >= m.index);
    const parts = run.objective_parts.reduce((sum: number, p: { value: number }) => sum + p.value, 0);
    expectApprox(parts, run.objective, { abs: 1e-5 });
  });

  it("writes the header only without a plan", () => {
    const outcome = greedyOutcome(generatedSites(120, 5), fixtureModel({ schedule: false }));
    const out = files(outcome);
    expect(out.get("cashflow.csv")).toBe("month,drawn_bn,cumulative_drawn_bn,released_bn,cumulative_released_bn,gw_live,equity_bn,bridge_bn,headroom_bn\n");
    expect(out.get("cashflow_sites.csv")).toBe("month,site_id,drawn_bn,contingency_bn,fees_bn,interest_bn,it_bn,hold_bn,debt_bn\n");
    expect(parse(out.get("selection.csv")).every((s) => s.go_live_date === "")).toBe(true);
  });
});
