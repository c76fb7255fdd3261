import { describe, expect, it } from "vitest";
import { runFromFiles } from "../../src/pipeline/runFromFiles.ts";
import { rankedTable } from "../../src/report/tables.ts";

describe("layers through the real file pipeline", () => {
  it("with-layers.json excludes sites by layer name, adds derived columns, and changes the baseline selection", async () => {
    const [base, layered] = await Promise.all([
      runFromFiles("data/sites.csv", "models/baseline.json"),
      runFromFiles("data/sites.csv", "models/with-layers.json"),
    ]);
    if (base.status !== "ran" || layered.status !== "ran") throw new Error("inputs should load");
    const b = base.outcome.result;
    const l = layered.outcome.result;
    if (b.status !== "optimal" || l.status !== "optimal") throw new Error(`expected optimal runs, got ${b.status}/${l.status}`);
    expect(layered.outcome.verification?.ok).toBe(true);
    expect(new Set(l.selected)).not.toEqual(new Set(b.selected));

    const layerNames = (layered.outcome.model.layers ?? []).filter((x) => x.kind === "exclude").map((x) => x.name);
    const byLayer = layered.outcome.screen.excluded.filter((e) => e.reasons.some((r) => layerNames.some((n) => r.includes(n))));
    expect(byLayer.length).toBeGreaterThan(0);
    // A site a layer excluded is never selected, and baseline had picked at least one of them.
    for (const e of byLayer) expect(l.selected).not.toContain(e.site.siteId);
    expect(byLayer.some((e) => b.selected.includes(e.site.siteId))).toBe(true);

    const table = rankedTable(layered.outcome);
    const distCol = table.header.indexOf("dist_hv_345kv_km");
    expect(distCol).toBeGreaterThan(0);
    const reasonCol = table.header.indexOf("screened_out_reason");
    const excludedRow = table.rows.find((r) => r[1] === byLayer[0]?.site.siteId);
    expect(String(excludedRow?.[reasonCol])).toMatch(new RegExp(layerNames.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")));
    expect(table.rows.every((r) => typeof r[distCol] === "number" && (r[distCol] as number) >= 0)).toBe(true);
  });
});
