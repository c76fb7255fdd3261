import { describe, expect, it } from "vitest";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { runFiles } from "../../src/report/runFiles.ts";
import { renderReport } from "../helpers/report.ts";
import { RISK_CSV_COLUMNS } from "../../src/risk/outputs.ts";

const inputs = { sitesFile: "data/sites.csv", sitesSha256: "x", modelFile: "models/baseline.json", modelSha256: "y", warnings: [] };

describe("a run of a model with risk.inRun", () => {
  it("adds risk.csv, a run.json block, summary.md lines and a report section; a model without it has none", async () => {
    const loaded = await loadRunInputs("data/sites.csv", "models/baseline.json");
    if (!loaded.ok) throw new Error("baseline did not load");
    const { table, model } = loaded.value;
    const plain = await runScenario(table, model);
    const withRisk = await runScenario(table, { ...model, risk: { inRun: true, samples: 1000, seed: 5 } });
    expect(plain.risk).toBeUndefined();
    expect(withRisk.result.status).toBe("optimal");
    expect(withRisk.risk?.summary.samples).toBe(1000);

    const plainFiles = runFiles(plain, inputs, { load: 0, total: 0 });
    expect(plainFiles.has("risk.csv")).toBe(false);
    expect(JSON.parse(plainFiles.get("run.json") ?? "{}")).not.toHaveProperty("risk");
    expect(plainFiles.get("summary.md")).not.toContain("## Delay risk");

    const files = runFiles(withRisk, inputs, { load: 0, total: 0 });
    expect(files.get("risk.csv")?.split("\n")[0]).toBe(RISK_CSV_COLUMNS.join(","));
    const json = JSON.parse(files.get("run.json") ?? "{}") as {
      risk: { samples: number; seed: number; milestones: { probability_met: number }[]; probability_all_met: number; gw_live_fan: unknown[] };
    };
    expect([json.risk.samples, json.risk.seed, json.risk.milestones.length]).toEqual([1000, 5, 10]);
    expect(json.risk.gw_live_fan.length).toBe(withRisk.problem.timeline?.calendar.months);
    expect(files.get("summary.md")).toContain("## Delay risk");
    // The plan itself is the same: risk.inRun only adds the evaluation.
    expect(withRisk.result.status === "optimal" && plain.result.status === "optimal" && withRisk.result.selected).toEqual(
      plain.result.status === "optimal" && plain.result.selected,
    );

    const html = renderReport(withRisk, { frontier: [], generatedFor: { sitesFile: "data/sites.csv", modelFile: "models/baseline.json" } });
    expect(html).toContain('<section id="risk"');
    expect(html).toContain('class="fan-band"');
    expect(html).toContain("milestone 10: 10 GW live by 2029-12-31 in");
    expect(renderReport(plain, { frontier: [], generatedFor: { sitesFile: "data/sites.csv", modelFile: "models/baseline.json" } })).not.toContain('id="risk"');
  }, 120_000);
});
