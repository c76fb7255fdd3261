/**
 * The plan chart and the cash chart of report.html, and the plan in summary.md: build bars end
 * at the planned go-live, readiness and hold-back are visible, and the cash chart shows the same
 * monthly ledger as cashflow.csv.
 */
import { describe, expect, it } from "vitest";
import type { ReportExtras } from "../../src/report/html/render.ts";
import { renderReport } from "../helpers/report.ts";
import { money } from "../../src/core/format.ts";
import { planRows, runPlan } from "../../src/report/plan.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
import { fixtureModel, generatedSites, greedyOutcome } from "./fixture.ts";

const extras: Omit<ReportExtras, "runnersUp"> = { frontier: [], generatedFor: { sitesFile: "data/sites.csv", modelFile: "models/fixture.json" } };
const outcome = greedyOutcome(
  generatedSites(160, 7),
  fixtureModel({ upfrontShare: 0.2, optimization: { objective: { kind: "maxScore", earlyPowerPointsPerMonth: 0.5 } } }),
);
const html = renderReport(outcome, extras);
const rows = [...html.matchAll(/<g class="gantt-row" data-slot="(\d+)"[^>]*>(.*?)<\/g>/g)].map((m) => ({ slot: Number(m[1]), svg: m[2]! }));

describe("the plan chart", () => {
  it("has a row per slot, in go-live order", () => {
    expect(rows.map((r) => r.slot)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("ends each build bar at the planned go-live diamond, and starts it build months earlier", () => {
    const plan = planRows(outcome);
    const pxPerMonth: number[] = [];
    rows.forEach((row, k) => {
      const bar = /<rect class="bar-build" x="([-\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(row.svg);
      const online = /<path class="online" d="M([-\d.]+) /.exec(row.svg);
      expect(bar && online, `slot ${row.slot}`).toBeTruthy();
      const end = Number(bar![1]) + Number(bar![2]);
      expect(Math.abs(end - Number(online![1]))).toBeLessThanOrEqual(0.11);
      pxPerMonth.push(Number(bar![2]) / plan[k]!.site.buildMonths);
      expect(row.svg).toContain(`go-live ${plan[k]!.goLiveDate}`);
    });
    // One time scale for every row.
    for (const p of pxPerMonth) expect(Math.abs(p - pxPerMonth[0]!)).toBeLessThan(0.05);
  });

  it("shows readiness on every row and a hold-back band on the rows held back", () => {
    const plan = planRows(outcome);
    expect(plan.some((p) => p.site.heldBackMonths > 0)).toBe(true);
    rows.forEach((row, k) => {
      const p = plan[k]!;
      expect(row.svg).toContain(`ready (earliest go-live) ${p.readyDate}`);
      expect(row.svg.includes('class="bar-held"')).toBe(p.site.heldBackMonths > 0);
      if (p.site.heldBackMonths > 0) expect(row.svg).toContain(`held back ${p.site.heldBackMonths} month`);
    });
  });

  it("marks the milestones, and milestone k on slot k's row", () => {
    for (let k = 1; k <= 10; k++) expect(html).toContain(`>M${k}<title>`);
    rows.forEach((row) => {
      expect(row.svg).toContain(`milestone ${row.slot}: slot ${row.slot} live by`);
    });
  });
});

describe("the cash chart", () => {
  const dated = runPlan(outcome)!;
  const ledger = dated.plan.ledger;

  it("has one month per ledger row, each with the ledger's figures", () => {
    const tips = [...html.matchAll(/<rect class="month-hit[^"]*"[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    expect(tips).toHaveLength(ledger.months.length);
    ledger.months.forEach((m, t) => {
      expect(tips[t]).toContain(`${m.label}: drawn ${money(m.drawnBn, 2)} (so far ${money(m.cumulativeDrawnBn, 2)})`);
      expect(tips[t]).toContain(`headroom ${money(m.headroomBn, 2)}`);
    });
  });

  it("steps the drawn and available lines month by month and marks the tightest month", () => {
    const capex = /<path class="capex-line" d="([^"]+)"\/>/.exec(html)?.[1] ?? "";
    const cash = /<path class="cash-line" d="([^"]+)"\/>/.exec(html)?.[1] ?? "";
    expect(capex.match(/V/g)).toHaveLength(ledger.months.length);
    expect(cash.match(/V/g)).toHaveLength(ledger.months.length);
    const tight = ledger.months[ledger.tightestMonth]!;
    expect(html).toContain(`tightest ${tight.label}: headroom ${money(tight.headroomBn)}`);
  });
});

describe("summary.md", () => {
  const md = summaryMarkdown(outcome);

  it("breaks the objective into its parts", () => {
    const r = outcome.result;
    if (r.status !== "optimal") throw new Error("fixture is optimal");
    const [score, bonus] = r.objectiveParts;
    expect(score?.label).toBe("score");
    expect(bonus?.label).toBe("early-power bonus");
    expect(md).toContain(`${r.objective.toFixed(1)} = score ${score!.value.toFixed(1)} + early-power bonus ${bonus!.value.toFixed(1)}`);
  });

  it("gives the tightest month, peak equity, GW live by each milestone and the plan table", () => {
    const ledger = runPlan(outcome)!.plan.ledger;
    expect(md).toContain(`tightest month ${ledger.months[ledger.tightestMonth]!.label}`);
    expect(md).toContain(`Peak equity ${money(ledger.peakEquityBn)}`);
    for (const m of runPlan(outcome)!.plan.milestones) expect(md).toContain(`| ${m.index} | ${m.date} | ${m.sitesLive} | ${m.index} | yes |`);
    expect(md).toContain(
      "| slot | site_id | ready_date | go_live_date | held_back_months | hold_cause | construction_start | capex_bn | tranche_released_bn | drawn_by_go_live_bn | min_headroom_bn |",
    );
  });

  it("gives the budget used without a schedule too", () => {
    const unscheduled = greedyOutcome(generatedSites(120, 5), fixtureModel({ schedule: false }));
    const r = unscheduled.result;
    if (r.status !== "optimal") throw new Error("fixture is optimal");
    const used = unscheduled.problem.candidates.filter((c) => r.selected.includes(c.siteId)).reduce((s, c) => s + c.capexBn, 0);
    const text = summaryMarkdown(unscheduled);
    expect(text).toContain(`- Budget ${money(used)} of ${money(100)}`);
    expect(text).not.toContain("see selection.csv");
    expect(text).not.toContain("## Plan");
  });
});
