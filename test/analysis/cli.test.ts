import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasite } from "../helpers/gigasiteCli.ts";
import { expectApprox } from "../helpers/approx.ts";
import { smallModel } from "./smallModel.ts";

/** The small model written as a file, as the CLI reads it. */
async function smallModelFile(dir: string): Promise<string> {
  const path = join(dir, "small.json");
  await writeFile(path, JSON.stringify(await smallModel()), "utf8");
  return path;
}

describe("analysis commands (CLI)", () => {
  it("sensitivity writes sensitivity.csv, prints the summary and no progress bar when piped", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gigasite-sens-cli-"));
    const model = await smallModelFile(dir);
    const r = await gigasite("sensitivity", "--sites", "test/fixtures/sites-small.csv", "--model", model, "--samples", "5", "--spread", "0%", "--out", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("5 samples");
    expect(r.stdout).toContain("the baseline selection in 100.0% of samples");
    expect(r.stderr).not.toContain("eta");
    const csv = (await readFile(join(dir, "small", "sensitivity.csv"), "utf8")).trim().split("\n");
    expect(csv[0]).toBe("site_id,name,region,baseline_rank,baseline_selected,selected_count,selected_share,rank_min,rank_median,rank_max");
    expect(csv.filter((line) => line.includes(",true,5,1,")).length).toBe(4);
  }, 120_000);

  it("explain --json and alternatives --json answer for the same run; bad options exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gigasite-alt-cli-"));
    const model = await smallModelFile(dir);
    const alts = await gigasite("alternatives", "--sites", "test/fixtures/sites-small.csv", "--model", model, "--k", "3", "--json", "--out", dir);
    expect(alts.code, alts.stderr).toBe(0);
    const parsed = JSON.parse(alts.stdout) as { alternatives: { selected: string[]; adds: string[]; objective: number }[] };
    expect(parsed.alternatives.length).toBe(3);
    // The same selections in alternatives.csv, as every analysis command writes its table.
    const csv = (await readFile(join(dir, "small", "alternatives.csv"), "utf8")).trim().split("\n");
    expect(csv[0]).toBe("rank,status,objective,loss_vs_best,loss_fraction,drops,adds,selected");
    expect(csv.slice(1).map((line) => line.split(",").at(-1)?.split(" ").sort())).toEqual(parsed.alternatives.map((a) => [...a.selected].sort()));
    const added = parsed.alternatives[1]?.adds[0];
    if (!added) throw new Error("the second selection adds no site");
    const explained = await gigasite("explain", added, "--sites", "test/fixtures/sites-small.csv", "--model", model, "--json");
    expect(explained.code, explained.stderr).toBe(0);
    const e = JSON.parse(explained.stdout) as { kind: string; forced: { selected: string[]; objective: number } };
    expect(e.kind).toBe("not_selected");
    expect(e.forced.selected).toContain(added);
    // The best selection containing a site the best plan lacks is the second-best plan when that one holds it.
    expectApprox(e.forced.objective, parsed.alternatives[1]?.objective, { abs: 1e-5 });
    expect((await gigasite("alternatives", "--k", "0")).code).toBe(2);
    expect((await gigasite("sensitivity", "--spread", "abc")).code).toBe(2);
  }, 120_000);

  it("sweep writes sweep.csv and sweep_sites.csv under <out>/sweep/, with true/false flags", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gigasite-sweep-cli-"));
    const model = await smallModelFile(dir);
    const other = join(dir, "small-b.json");
    await writeFile(other, JSON.stringify({ ...(await smallModel()), name: "small-b" }), "utf8");
    const r = await gigasite("sweep", model, other, "--sites", "test/fixtures/sites-small.csv", "--out", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${join(dir, "sweep", "sweep.csv")}`);
    const models = (await readFile(join(dir, "sweep", "sweep.csv"), "utf8")).trim().split("\n");
    expect(models[0]).toBe("model,status,objective_kind,objective,budget_bn,budget_used_bn,sites,selected");
    expect(models.slice(1).map((line) => line.split(",")[0])).toEqual(["small", "small-b"]);
    const sites = (await readFile(join(dir, "sweep", "sweep_sites.csv"), "utf8")).trim().split("\n");
    expect(sites[0]).toBe("site_id,models,robust_core,chosen_by_small,chosen_by_small-b");
    // The same model twice: every chosen site is in both and in the robust core.
    expect(sites.length).toBeGreaterThan(1);
    for (const line of sites.slice(1)) expect(line).toMatch(/^[^,]+,2,true,true,true$/);
  }, 120_000);
});
