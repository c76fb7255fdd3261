import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { timelineOf } from "../../src/pipeline/problem.ts";
import { printedLedger } from "../../src/report/printedLedger.ts";
import { monthOfDate } from "../../src/schedule/calendar.ts";
import { planOf, type SchedulableSite } from "../../src/schedule/ledger.ts";
import type { ScenarioModel } from "../../src/scenario/schema.ts";
import { asSiteId } from "../../src/sites/types.ts";
import { parseCsv } from "../report/reAdd.ts";

/**
 * With no debt, contingency, IT capex or carrying cost, the capital-stack ledger is the plain
 * cash rule's, digit for digit: each bundled model's plan as the golden outputs held it before
 * the capital stack (test/fixtures/ledger-before-capital-stack/, copied from those goldens with
 * the models of the day) is re-planned from its selection.csv and must print the same
 * cashflow.csv and cashflow_sites.csv figures.
 */
const FIXTURES = "test/fixtures/ledger-before-capital-stack";
const MODELS = ["baseline", "speed-first", "cheap-capital", "with-layers", "us-plants"];

describe("the ledger without a capital stack equals the plain cash rule's (the golden ledgers before it)", () => {
  for (const name of MODELS) {
    it(name, () => {
      const read = (file: string): string => readFileSync(join(FIXTURES, name, file), "utf8");
      const model = JSON.parse(read("model.json")) as ScenarioModel;
      expect(model.schedule?.capitalStack).toBeUndefined();
      const timeline = timelineOf(model);
      if (timeline === null) throw new Error("the bundled models have a schedule");
      const selection = parseCsv(read("selection.csv"));
      const sites: SchedulableSite[] = selection.map((s) => ({
        siteId: asSiteId(String(s.site_id)),
        readyMonth: monthOfDate(timeline.calendar, String(s.ready_date)),
        buildMonths: Number(s.build_months),
        capexBn: Number(s.capex_bn),
      }));
      const goLive = new Map(selection.map((s) => [String(s.site_id), monthOfDate(timeline.calendar, String(s.go_live_date))]));
      const plan = planOf(timeline, sites, goLive);
      const ledger = printedLedger(timeline, plan.sites, plan.ledger);
      const cashflow = parseCsv(read("cashflow.csv"));
      expect(ledger.months).toHaveLength(cashflow.length);
      ledger.months.forEach((m, t) => {
        const before = cashflow[t] as Record<string, string>;
        expect([m.label, m.drawnBn, m.cumulativeDrawnBn, m.releasedBn, m.cumulativeReleasedBn, m.sitesLive, m.equityBn, m.bridgeBn, m.headroomBn]).toEqual([
          before.month,
          Number(before.drawn_bn),
          Number(before.cumulative_drawn_bn),
          Number(before.released_bn),
          Number(before.cumulative_released_bn),
          Number(before.gw_live),
          Number(before.equity_bn),
          Number(before.bridge_bn),
          Number(before.headroom_bn),
        ]);
      });
      const draws = parseCsv(read("cashflow_sites.csv"));
      expect(ledger.siteFlows.map((f) => [f.month, f.siteId, f.drawnBn])).toEqual(
        draws.map((d) => [monthOfDate(timeline.calendar, `${String(d.month)}-01`), String(d.site_id), Number(d.drawn_bn)]),
      );
      for (const f of ledger.siteFlows) expect([f.contingencyBn, f.feesBn, f.interestBn, f.itBn, f.holdBn, f.debtBn]).toEqual([0, 0, 0, 0, 0, 0]);
    });
  }
});
