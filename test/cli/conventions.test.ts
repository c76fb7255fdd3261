import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasite, gigasiteWith } from "../helpers/gigasiteCli.ts";
import { smallModel } from "../analysis/smallModel.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-conventions-"));
const smallSites = "test/fixtures/sites-small.csv";
const small = join(dir, "small.json");
writeFileSync(small, JSON.stringify(await smallModel()));
const packageVersion = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

describe("the command line's conventions", () => {
  it("--version prints the package version and exits 0", async () => {
    for (const flag of ["--version", "-V"]) {
      const r = await gigasite(flag);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(packageVersion);
      expect(r.stderr).toBe("");
    }
  });

  it.each([
    { args: ["run", "--time-limit", "soon"], command: "run", message: /--time-limit.*expected a number > 0, found "soon"/ },
    { args: ["explain", "S0001", "--solver", "cplex"], command: "explain", message: /expected jsLPSolver or highs, found "cplex"/ },
    { args: ["sensitivity", "--spread", "120%"], command: "sensitivity", message: /expected a fraction below 100%/ },
    { args: ["run", "--budget", "3"], command: "run", message: /unknown option '--budget'/ },
    { args: ["import", "gppd", "plants.csv", "--min-mw", "lots"], command: "import gppd", message: /expected a number >= 0, found "lots"/ },
  ])("an option error ($args) is one message and a pointer to `gigasite $command --help`, exit 2", async ({ args, command, message }) => {
    const r = await gigasite(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(`see node bin/gigasite.js ${command} --help`);
    expect(r.stderr).not.toContain("Usage:");
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(3); // the error, maybe "did you mean", the pointer
  });

  it("one parser per option: --solver jslpsolver means jsLPSolver in run and in explain alike", async () => {
    const explain = await gigasite("explain", "TX-ABL-01", "--sites", smallSites, "--model", small, "--solver", "jslpsolver", "--json");
    expect(explain.code, explain.stderr).toBe(0);
    expect(JSON.parse(explain.stdout)).toMatchObject({ site_id: "TX-ABL-01" });
    const run = await gigasite("run", "--sites", smallSites, "--model", small, "--solver", "jslpsolver", "--out", join(dir, "solver"), "--no-report", "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: "gigasite-run", status: "optimal" });
  });

  it("run --json prints run.json, the same bytes as the file it wrote", async () => {
    const out = join(dir, "json");
    const r = await gigasite("run", "--sites", smallSites, "--model", small, "--out", out, "--no-report", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, "small", "run.json"), "utf8"));
  });

  it("validate --json gives the verdict and the issues; validate - reads standard input", async () => {
    const csv = readFileSync(smallSites, "utf8");
    const good = await gigasiteWith({ input: csv }, "validate", "-", "--json");
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ format: "gigasite-validate", kind: "sites", file: "<stdin>", valid: true, rows: 21, error_count: 0 });
    const broken = csv.replace(/^(TX-ABL-01,[^,]*,)[-\d.]+/m, "$1north");
    const bad = await gigasiteWith({ input: broken }, "validate", "-", "--json");
    expect(bad.code).toBe(2);
    const json = JSON.parse(bad.stdout) as { valid: boolean; issues: { file: string; line: number; column: string; code: string }[] };
    expect(json.valid).toBe(false);
    expect(json.issues[0]).toMatchObject({ file: "<stdin>", line: 2, column: "lat" });
  });

  it("run --sites - reads the CSV from standard input", async () => {
    const r = await gigasiteWith(
      { input: readFileSync(smallSites, "utf8") },
      "run",
      "--sites",
      "-",
      "--model",
      small,
      "--out",
      join(dir, "stdin"),
      "--no-report",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "optimal", inputs: { sites: { file: "<stdin>", rows: 21 } } });
  });

  it("validate recognizes a model file: schema and rules alone, or against a sites CSV with --sites", async () => {
    const alone = await gigasite("validate", "models/baseline.json");
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stdout).toMatch(/models\/baseline\.json: model "baseline", valid/);
    const model = JSON.parse(readFileSync("models/baseline.json", "utf8")) as { criteria: { column: string }[]; optimization: Record<string, unknown> };
    model.criteria[0]!.column = "firm_power_mv";
    model.optimization.budgetBn = -5;
    const badModel = join(dir, "bad-model.json");
    writeFileSync(badModel, JSON.stringify(model, null, 2));
    const schema = await gigasite("validate", badModel);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/bad-model\.json:\d+:\d+: optimization\.budgetBn/);
    expect(schema.stderr).not.toMatch(/site_id|missing column/);
    model.optimization.budgetBn = 100;
    writeFileSync(badModel, JSON.stringify(model, null, 2));
    expect((await gigasite("validate", badModel)).code).toBe(0);
    const against = await gigasite("validate", badModel, "--sites", "data/sites.csv", "--json");
    expect(against.code).toBe(2);
    const json = JSON.parse(against.stdout) as { kind: string; issues: { message: string }[] };
    expect(json.kind).toBe("model");
    expect(json.issues.map((i) => i.message).join("\n")).toMatch(/firm_power_mv/);
  });

  it("sensitivity --json prints the summary as JSON", async () => {
    const r = await gigasite("sensitivity", "--sites", smallSites, "--model", small, "--samples", "4", "--workers", "0", "--out", join(dir, "sens"), "--json");
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { format: string; samples: number; sites: { site_id: string; selected_count: number }[] };
    expect(json.format).toBe("gigasite-sensitivity");
    expect(json.samples).toBe(4);
    expect(json.sites.length).toBeGreaterThan(0);
    expect(json.sites.every((s) => s.selected_count >= 0 && s.selected_count <= 4)).toBe(true);
  });
});
