/** summary.md: what it says for a solved dated plan, an infeasible run and a model without a schedule. */
import { describe, expect, it } from "vitest";
import { isSolved } from "../../src/optimize/types.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
import { selectionTable } from "../../src/report/tables.ts";
import { fixtureModel, generatedOutcome, generatedSites, greedyOutcome, outcomeWith } from "../report-html/fixture.ts";

const sectionOf = (md: string, heading: string): string => {
  const start = md.indexOf(`\n${heading}\n`);
  if (start < 0) return "";
  const next = md.indexOf("\n## ", start + heading.length + 2);
  return md.slice(start, next < 0 ? undefined : next);
};

describe("summaryMarkdown", () => {
  const outcome = generatedOutcome(160, 7, fixtureModel({ upfrontShare: 0.2 }));
  const md = summaryMarkdown(outcome);

  it("opens with the model, its status, the objective, budget, verification and solver", () => {
    const lines = md.split("\n");
    expect(lines[0]).toBe(`# gigasite run: ${outcome.model.name}`);
    expect(md).toContain("**Status:** optimal");
    expect(md).toMatch(/^- Objective: .+$/m);
    expect(md).toMatch(/^- Budget \$\d+\.\dB of \$100\.0B$/m);
    expect(md).toMatch(/^- Verification: passed$/m);
    expect(md).toMatch(/^- Solver: highs, .*; solve 12 ms$/m);
  });

  it("lists the selection in go-live order, one table row per selected site", () => {
    if (!isSolved(outcome.result)) throw new Error("fixture should be solved");
    const rows = sectionOf(md, "## Selection")
      .split("\n")
      .filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((r) => r.split(" | ")[1])).toEqual([...outcome.result.selected]);
    const table = selectionTable(outcome);
    expect(rows).toHaveLength(table.rows.length);
  });

  it("gives the plan: cash rule in words, the milestones with GW live and a text Gantt", () => {
    const plan = sectionOf(md, "## Plan");
    expect(plan).toMatch(/capex is drawn 20% at notice to proceed/);
    const milestoneRows = plan.split("\n").filter((l) => /^\| \d+ \| \d{4}-\d\d-\d\d \| \d+ \| \d+ \| (yes|no) \|$/.test(l));
    expect(milestoneRows).toHaveLength(outcome.problem.timeline!.milestones.length);
    expect(milestoneRows.every((r) => r.endsWith("| yes |"))).toBe(true);
    expect(plan).toContain("```\nslot  site");
    expect(plan).toContain("* go-live");
  });

  it("ends with the screening funnel and the normalized pillar weights", () => {
    const funnel = sectionOf(md, "## Screening")
      .split("\n")
      .filter((l) => /^\| .+ \| \d+ \|$/.test(l));
    expect(funnel.map((l) => Number(l.split(" | ").at(-1)!.replace(" |", "")))).toEqual(outcome.screen.funnel.map((f) => f.remaining));
    const weights = sectionOf(md, "## Weights (normalized)")
      .split("\n")
      .filter((l) => /%/.test(l));
    const total = weights.reduce((sum, l) => sum + Number(/([\d.]+)%/.exec(l)![1]), 0);
    expect(total).toBeCloseTo(100, 6);
  });

  it("is the same text for the same outcome (no timestamps)", () => {
    expect(summaryMarkdown(outcome)).toBe(md);
  });

  it("for an infeasible run gives the reasons in words instead of a selection", () => {
    const infeasible = outcomeWith(generatedSites(160, 7), fixtureModel(), null);
    const text = summaryMarkdown(infeasible);
    expect(text).toContain("**Status:** infeasible");
    expect(text).toContain("## Why no plan exists\n\n- budget: the ten cheapest sites cost $120.0B, over the $100.0B budget");
    expect(text).not.toContain("## Selection");
    expect(text).not.toContain("## Plan");
  });

  it("for a model without a schedule has a selection but no plan section", () => {
    const { schedule: _schedule, ...unscheduled } = fixtureModel();
    const text = summaryMarkdown(greedyOutcome(generatedSites(160, 7), unscheduled));
    expect(text).toContain("## Selection");
    expect(text).not.toContain("## Plan");
    expect(text).not.toContain("```");
  });

  it("escapes Markdown in text that comes from the model", () => {
    const model = { ...fixtureModel(), description: "caps | *bold* [link](x) <b>" };
    const text = summaryMarkdown(greedyOutcome(generatedSites(160, 7), model));
    expect(text).toContain("caps \\| \\*bold\\* \\[link\\](x) \\<b\\>");
  });

  it("escapes what would start a heading or a list, and leaves snake_case names, parentheses and signs alone", () => {
    for (const [description, line] of [
      ["# not a heading", "\\# not a heading"],
      ["- not a list", "\\- not a list"],
      ["1. not a list", "1\\. not a list"],
      ["_emphasis_ and snake_case (kept) + more", "\\_emphasis\\_ and snake_case (kept) + more"],
    ]) {
      const text = summaryMarkdown(greedyOutcome(generatedSites(160, 7), { ...fixtureModel(), description }));
      expect(text.split("\n")).toContain(line);
    }
  });
});
