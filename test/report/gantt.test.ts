/** The text Gantt of summary.md, read back character by character against the plan. */
import { describe, expect, it } from "vitest";
import { textGantt } from "../../src/report/gantt.ts";
import { runPlan } from "../../src/report/plan.ts";
import { fixtureModel, generatedOutcome } from "../report-html/fixture.ts";

describe("textGantt", () => {
  const outcome = generatedOutcome(160, 7, fixtureModel({ upfrontShare: 0.2 }));
  const dated = runPlan(outcome);
  if (dated === null) throw new Error("fixture should have a dated plan");
  const { timeline, plan } = dated;
  const lines = textGantt(timeline, plan).split("\n");
  const PREFIX = "      milestone ".length; // every row's months start in this column

  it("has two header lines, one row per slot in slot order, a blank line and the legend", () => {
    expect(lines).toHaveLength(2 + plan.sites.length + 2);
    expect(lines[0]).toMatch(/^slot {2}site {6}\d{4}/);
    expect(lines[1]).toMatch(/^ {6}milestone /);
    expect(lines.at(-2)).toBe("");
    expect(lines.at(-1)).toContain("* go-live");
    plan.sites.forEach((s, i) => {
      expect(lines[2 + i]!.slice(0, PREFIX)).toBe(`${String(s.slot).padStart(4)}  ${s.siteId.padEnd(8)}  `);
    });
  });

  it("draws each site: not building before construction start, # while capex is drawn, * at go-live, r at a held-back readiness", () => {
    let heldBack = 0;
    for (const [i, s] of plan.sites.entries()) {
      const cells = lines[2 + i]!.slice(PREFIX);
      expect(cells.indexOf("*"), s.siteId).toBe(s.goLiveMonth);
      expect(cells.length, s.siteId).toBe(s.goLiveMonth + 1);
      for (let m = 0; m < s.goLiveMonth; m++) {
        const expected = m === s.readyMonth && s.heldBackMonths > 0 ? "r" : m < s.constructionStartMonth ? "." : "#";
        expect(cells[m], `${s.siteId} month ${m}`).toBe(expected);
      }
      if (s.heldBackMonths > 0) heldBack++;
      else expect(cells).not.toContain("r");
    }
    expect(heldBack).toBeGreaterThan(0); // the fixture holds some sites back, so "r" is exercised
  });

  it("numbers each milestone in its month (milestone 10 as 0) and labels the years at their Januaries", () => {
    const row = lines[1]!.slice(PREFIX);
    for (const ms of timeline.milestones) expect(row[ms.month], `milestone ${ms.index}`).toBe(String(ms.index % 10));
    const years = lines[0]!.slice(PREFIX);
    const labels = [...years.matchAll(/\d{4}/g)];
    expect(labels.length).toBeGreaterThanOrEqual(Math.floor(timeline.calendar.months / 12));
    for (const match of labels) {
      const month = match.index;
      const first = Number(timeline.calendar.startDate.slice(0, 4)) * 12 + Number(timeline.calendar.startDate.slice(5, 7)) - 1;
      const label = first + month;
      expect(month === 0 || label % 12 === 0, `year label at month ${month}`).toBe(true);
      expect(Number(match[0])).toBe(Math.floor(label / 12));
    }
  });
});
