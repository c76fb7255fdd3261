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
    expect(csv.filter((line) => line.includes(",yes,5,1,")).length).toBe(4);
  }, 120_000);

  it("explain --json and alternatives --json answer for the same run; bad options exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gigasite-alt-cli-"));
    const model = await smallModelFile(dir);
    const alts = await gigasite("alternatives", "--sites", "test/fixtures/sites-small.csv", "--model", model, "--k", "3", "--json");
    expect(alts.code, alts.stderr).toBe(0);
    const parsed = JSON.parse(alts.stdout) as { alternatives: { selected: string[]; adds: string[]; objective: number }[] };
    expect(parsed.alternatives.length).toBe(3);
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
});
