import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.ts";
import {
  addColumn,
  checkRunInputs,
  describeOutcomeDelta,
  diffOutcomes,
  editSites,
  errorsOf,
  parseSitesCsv,
  readRun,
  runFromFiles,
  runScenario,
  writeRun,
  type RunOutcome,
  type ScenarioModel,
  type SiteTable,
} from "../../src/index.ts";
import { expectApprox } from "../helpers/approx.ts";

const dir = mkdtempSync(join(tmpdir(), "gigasite-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE = "test/fixtures/sites-small.csv";

function fixtureTable(): SiteTable {
  const loaded = parseSitesCsv(readFileSync(FIXTURE), FIXTURE);
  if (!loaded.ok) throw new Error(`fixture does not load: ${JSON.stringify(loaded.issues)}`);
  return loaded.value;
}

/** A small model without a schedule, so the 21-site fixture solves in milliseconds. */
const MODEL: ScenarioModel = {
  name: "api-test",
  criteria: [
    { column: "power_price_usd_mwh", direction: "lower", weight: 2, pillar: "energy", value: { kind: "linear", worst: 120, best: 30 } },
    { column: "capex_bn", direction: "lower", weight: 1, pillar: "financing", value: { kind: "linear", worst: 13, best: 7 } },
  ],
  pillars: { energy: 60, financing: 40 },
  filters: [{ column: "firm_power_mw", op: ">=", value: 1000 }],
  optimization: { sites: 4, gwPerSite: 1, budgetBn: 40, minSpacingKm: 0 },
};

/** Everything observable about a table, Maps included, for "not mutated" checks. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
}

const selectedOf = (o: RunOutcome): readonly string[] => (o.result.status === "optimal" || o.result.status === "time_limit" ? o.result.selected : []);

describe("editSites", () => {
  it("changes fields and the values map together, and leaves the input table alone", () => {
    const table = fixtureTable();
    const before = fingerprint(table);
    const rng = seededRandom(10);
    const factors = new Map(table.sites.map((s) => [s.siteId, 1 + rng.next()]));
    const edited = editSites(table, (s) =>
      s.powerPriceUsdMwh === null ? undefined : { power_price_usd_mwh: s.powerPriceUsdMwh * (factors.get(s.siteId) ?? 1) },
    );
    expect(fingerprint(table)).toBe(before);
    expect(edited).not.toBe(table);
    expect(edited.sha256).not.toBe(table.sha256);
    for (const [i, site] of edited.sites.entries()) {
      const original = table.sites[i];
      if (original === undefined || original.powerPriceUsdMwh === null) {
        expect(site).toBe(original);
        continue;
      }
      const expected = original.powerPriceUsdMwh * (factors.get(site.siteId) ?? 1);
      expectApprox(site.powerPriceUsdMwh, expected);
      expectApprox(site.values.get("power_price_usd_mwh"), expected);
      expect(site.values.get("capex_bn")).toBe(original.capexBn);
    }
  });

  it("returns the same table when nothing is edited, and throws for a script bug", () => {
    const table = fixtureTable();
    expect(editSites(table, () => undefined)).toBe(table);
    expect(() => editSites(table, () => ({ no_such_column: 1 }))).toThrow(TypeError);
    expect(() => editSites(table, () => ({ capex_bn: null }))).toThrow(/required/);
    expect(() => editSites(table, () => ({ permitting_months: Number.NaN }))).toThrow(/finite/);
  });

  it("sets booleans and blanks", () => {
    const table = fixtureTable();
    const first = table.sites[0];
    if (first === undefined) throw new Error("empty fixture");
    const edited = editSites(table, (s) => (s.siteId === first.siteId ? { permitted: false, permitting_months: null } : undefined));
    expect(edited.sites[0]?.permitted).toBe(false);
    expect(edited.sites[0]?.permittingMonths).toBeNull();
    expect(edited.sites[0]?.values.get("permitting_months")).toBeNull();
    expect(table.sites[0]?.permittingMonths).toBe(first.permittingMonths);
  });
});

describe("addColumn and checkRunInputs", () => {
  it("adds a computed column that a model can score, without touching the input", () => {
    const table = fixtureTable();
    const before = fingerprint(table);
    const withMonths = addColumn(table, "months_to_first_gw", (s) =>
      s.permittingMonths === null || s.timeToPowerMonths === null ? null : Math.max(s.permittingMonths, s.timeToPowerMonths),
    );
    expect(fingerprint(table)).toBe(before);
    expect(withMonths.columns.at(-1)).toBe("months_to_first_gw");
    expect(withMonths.extraNumericColumns).toContain("months_to_first_gw");
    for (const s of withMonths.sites) {
      const expected = s.permittingMonths === null || s.timeToPowerMonths === null ? null : Math.max(s.permittingMonths, s.timeToPowerMonths);
      expect(s.values.get("months_to_first_gw")).toBe(expected);
    }
    const model: ScenarioModel = {
      ...MODEL,
      criteria: [
        ...MODEL.criteria,
        { column: "months_to_first_gw", direction: "lower", weight: 1, pillar: "speed", value: { kind: "linear", worst: 48, best: 6 } },
      ],
      pillars: { ...MODEL.pillars, speed: 20 },
    };
    expect(errorsOf(checkRunInputs(withMonths, model))).toEqual([]);
    const unknown = errorsOf(checkRunInputs(table, model));
    expect(unknown.map((i) => i.code)).toContain("unknown_column");
    expect(() => addColumn(table, "capex_bn", () => 1)).toThrow(TypeError);
  });

  it("reports a model built in code that breaks the schema as issues, not a throw", () => {
    const broken = { ...MODEL, optimization: { ...MODEL.optimization, sites: -1 } };
    const issues = errorsOf(checkRunInputs(fixtureTable(), broken));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((i) => (i.path ?? "").includes("optimization"))).toBe(true);
  });
});

describe("runFromFiles, writeRun, readRun", () => {
  it("returns every input problem as status invalid", async () => {
    const run = await runFromFiles(join(dir, "missing.csv"), join(dir, "missing.json"));
    expect(run.status).toBe("invalid");
    if (run.status !== "invalid") return;
    expect(run.issues.map((i) => i.code)).toEqual(["not_found", "not_found"]);
  });

  it("runs from files, writes the run and reads the same selection back", async () => {
    const modelPath = join(dir, "api-test.json");
    writeFileSync(modelPath, JSON.stringify(MODEL, null, 2));
    const run = await runFromFiles(FIXTURE, modelPath);
    expect(run.status).toBe("ran");
    if (run.status !== "ran") return;
    expect(run.outcome.result.status).toBe("optimal");
    const out = join(dir, "out");
    const written = await writeRun(run.outcome, out, { inputs: run.inputs, loadMs: run.loadMs });
    expect(written.status).toBe("written");
    const back = await readRun(out);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.run.selected).toEqual([...selectedOf(run.outcome)]);
    expect(back.value.run.inputs.model.file).toBe(modelPath);
    const foreign = join(dir, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.txt"), "mine");
    const refused = await writeRun(run.outcome, foreign);
    expect(refused.status).toBe("refused");
    expect(readFileSync(join(foreign, "notes.txt"), "utf8")).toBe("mine");
  });
});

describe("diffOutcomes", () => {
  it("finds the site that an edit screens out and what replaced it, symmetrically", async () => {
    const table = fixtureTable();
    const before = await runScenario(table, MODEL);
    const chosen = selectedOf(before);
    expect(chosen.length).toBe(4);
    const victim = chosen[0];
    const edited = editSites(table, (s) => (s.siteId === victim ? { firm_power_mw: 500 } : undefined));
    const tableBefore = fingerprint(table);
    const after = await runScenario(edited, MODEL);
    expect(fingerprint(table)).toBe(tableBefore);
    const delta = diffOutcomes(before, after);
    const now = selectedOf(after);
    expect(delta.left.map((m) => m.siteId)).toEqual(chosen.filter((id) => !now.includes(id)));
    expect(delta.left.map((m) => m.siteId)).toContain(victim);
    expect(delta.entered.map((m) => m.siteId)).toEqual(now.filter((id) => !chosen.includes(id)));
    expect(delta.entered.length).toBe(delta.left.length);
    const objectiveBefore = before.result.status === "optimal" ? before.result.objective : Number.NaN;
    const objectiveAfter = after.result.status === "optimal" ? after.result.objective : Number.NaN;
    expectApprox(delta.objective.delta, objectiveAfter - objectiveBefore);
    // Removing a chosen site can never improve a maximisation.
    expect(objectiveAfter).toBeLessThanOrEqual(objectiveBefore + 1e-9);

    const reverse = diffOutcomes(after, before);
    expect(reverse.entered.map((m) => m.siteId)).toEqual(delta.left.map((m) => m.siteId));
    expect(reverse.left.map((m) => m.siteId)).toEqual(delta.entered.map((m) => m.siteId));
    expectApprox(reverse.objective.delta, -(delta.objective.delta ?? Number.NaN));

    const lines = describeOutcomeDelta(delta);
    expect(lines.filter((l) => l.startsWith("left: ")).length).toBe(delta.left.length);
    expect(lines.some((l) => l.startsWith(`left: ${victim} `))).toBe(true);
  });

  it("leaves the table and the model it runs on untouched", async () => {
    const table = fixtureTable();
    const model: ScenarioModel = JSON.parse(JSON.stringify(MODEL)) as ScenarioModel;
    const tableBefore = fingerprint(table);
    const modelBefore = fingerprint(model);
    const outcome = await runScenario(table, model);
    diffOutcomes(outcome, outcome);
    const out = join(dir, "untouched");
    expect((await writeRun(outcome, out)).status).toBe("written");
    expect(fingerprint(table)).toBe(tableBefore);
    expect(fingerprint(model)).toBe(modelBefore);
  });

  it("reports a status change and a selection that appears from nothing", async () => {
    const table = fixtureTable();
    const tooPoor = await runScenario(table, { ...MODEL, optimization: { ...MODEL.optimization, budgetBn: 1 } });
    expect(tooPoor.result.status).toBe("infeasible");
    const solved = await runScenario(table, MODEL);
    const delta = diffOutcomes(tooPoor, solved);
    expect(delta.entered.map((m) => m.siteId)).toEqual(selectedOf(solved));
    expect(delta.left).toEqual([]);
    expect(delta.objective.before).toBeNull();
    expect(delta.objective.delta).toBeNull();
    expectApprox(delta.budgetBn.delta, MODEL.optimization.budgetBn - 1);
    const lines = describeOutcomeDelta(delta);
    expect(lines[0]).toBe("status: infeasible -> optimal");
    expect(lines).toContain(`budget: $1.0B -> $${MODEL.optimization.budgetBn.toFixed(1)}B (+$${(MODEL.optimization.budgetBn - 1).toFixed(1)}B)`);
    expect(lines.some((l) => /^objective \(total score\): none -> [\d.]+$/.test(l))).toBe(true);
  });

  it("says nothing changed for a run against itself", async () => {
    const outcome = await runScenario(fixtureTable(), MODEL);
    const delta = diffOutcomes(outcome, outcome);
    expect(delta.unchanged).toBe(true);
    expect(describeOutcomeDelta(delta)).toEqual(["no change in the selection, schedule, objective or budget"]);
  });
});
