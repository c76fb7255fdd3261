import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApprox } from "../helpers/approx.ts";
import { parseCsv, reAddCashFiles, reAddSourcesUses } from "../report/reAdd.ts";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

// `gigasite run` on the bundled data, as a new user runs it (what `npm start` does).
const out = mkdtempSync(join(tmpdir(), "gigasite-e2e-"));
const dir = join(out, "baseline");
let stdout = "";

beforeAll(async () => {
  ({ stdout } = await promisify(execFile)(process.execPath, gigasiteArgs("run", "--out", out, "--frontier", "3"), { timeout: 240_000 }));
}, 300_000);

const text = (name: string): string => readFileSync(join(dir, name), "utf8");
const csv = (name: string): Record<string, string>[] => parseCsv(text(name));

describe("gigasite run on the bundled data", () => {
  it("writes every output and reports a proven, verified optimum with its plan", () => {
    for (const f of [
      "ranked.csv",
      "selection.csv",
      "cashflow.csv",
      "cashflow_sites.csv",
      "sources_uses.csv",
      "selection.geojson",
      "summary.md",
      "run.json",
      "report.html",
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const run = JSON.parse(text("run.json"));
    expect(run.status).toBe("optimal");
    // Two stages: the best score is proven (the bound), and the plan's score is within the tolerance of it.
    expect(run.second_stage.proven).toBe(true);
    expect(run.bound).toBe(run.second_stage.best_score);
    expect(run.objective).toBeGreaterThanOrEqual(run.second_stage.score_floor - 1e-9);
    expect(run.objective).toBeLessThanOrEqual(run.bound + 1e-9);
    expect(run.verification.ok).toBe(true);
    expect(run.selected).toHaveLength(10);
    expect(run.plan.sites.map((s: { site_id: string }) => s.site_id)).toEqual(run.selected);
    expect(run.plan.milestones.every((m: { met: boolean }) => m.met)).toBe(true);
    expect(run.plan.tightest_month).toMatch(/^\d{4}-\d{2}$/);
    expect(run.plan.peak_equity_bn).toBeLessThanOrEqual(run.plan.equity_bn + 1e-6);
    expectApprox(
      run.objective_parts.reduce((s: number, p: { value: number }) => s + p.value, 0),
      run.objective,
      { abs: 1e-5 },
    );
    expect(run.solver.steps.length).toBeGreaterThan(0);
    for (const k of ["load", "screen", "score", "solve", "verify", "total"]) expect(typeof run.timings_ms[k]).toBe("number");
    expect(run.inputs.sites.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.inputs.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stdout).toMatch(/optimal/);
    expect(stdout).toMatch(/verified/);
  });

  it("selection.csv and cashflow.csv re-add by hand from cashflow_sites.csv and the model", () => {
    const model = JSON.parse(readFileSync("models/baseline.json", "utf8"));
    const run = JSON.parse(text("run.json"));
    const tranches = model.schedule.tranches;
    const { selection, cashflow } = reAddCashFiles(
      { selection: text("selection.csv"), cashflow: text("cashflow.csv"), siteDraws: text("cashflow_sites.csv") },
      {
        startDate: model.schedule.startDate,
        months: run.plan.months,
        equityBn: tranches.equityBn,
        trancheBn: tranches.amountBn,
        trancheCount: tranches.count ?? model.schedule.milestones.length,
        lagMonths: tranches.lagMonths ?? 0,
        gwPerSite: model.optimization.gwPerSite,
        cashRule: tranches.cashRule,
        plainStack: model.schedule.capitalStack === undefined,
      },
    );
    expect(selection).toHaveLength(10);
    // The last month of the ledger is the last milestone's.
    expect(cashflow.at(-1)?.month).toBe(model.schedule.milestones.at(-1).slice(0, 7));
    // Milestone k: at least k gigawatts live by its date.
    model.schedule.milestones.forEach((date: string, i: number) => {
      expect(selection.filter((s) => String(s.go_live_date) <= date).length).toBeGreaterThanOrEqual(i + 1);
    });
    const capex = selection.reduce((s, r) => s + Number(r.capex_bn), 0);
    expect(capex).toBeLessThanOrEqual(model.optimization.budgetBn + 1e-6);
    expectApprox(run.budget_used_bn, capex, { abs: 1e-6 });
    // run.json's peak equity is the most equity the ledger ever draws.
    const sourcesUses = parseCsv(text("sources_uses.csv"));
    expectApprox(run.plan.peak_equity_bn, Math.max(0, ...sourcesUses.map((r) => Number(r.equity_used_bn))), { abs: 1e-9 });
  });

  it("prints the sources and uses, and every figure re-adds from sources_uses.csv", () => {
    const model = JSON.parse(readFileSync("models/baseline.json", "utf8"));
    const totals = reAddSourcesUses(
      { sourcesUses: text("sources_uses.csv"), cashflow: text("cashflow.csv"), siteDraws: text("cashflow_sites.csv") },
      model.schedule.tranches.equityBn,
    );
    // The terminal's table: each printed line is a column's total (3 decimals), and the totals agree.
    const printed = new Map<string, number>();
    const block = stdout.slice(stdout.indexOf("sources and uses,"));
    let section = "";
    for (const line of block.split("\n").slice(1)) {
      if (line === " sources" || line === " uses") section = line.trim();
      else if (line.startsWith("  ")) {
        const m = /^ {2}(.+?)\s+(-?\d+\.\d{3})$/.exec(line);
        if (m) printed.set(`${section}:${m[1]}`, Number(m[2]));
      } else break;
    }
    const columns: Record<string, string> = {
      "sources:sponsor equity": "equity_bn",
      "sources:construction debt": "debt_bn",
      "sources:tranches": "tranches_bn",
      "sources:bridge drawn": "bridge_drawn_bn",
      "sources:total": "total_sources_bn",
      "uses:facility capex": "facility_capex_bn",
      "uses:contingency": "contingency_bn",
      "uses:loan fees": "fees_bn",
      "uses:interest during construction (capitalised)": "interest_bn",
      "uses:IT systems capex": "it_capex_bn",
      "uses:carrying cost of held-back sites": "carrying_cost_bn",
      "uses:bridge interest": "bridge_interest_bn",
      "uses:bridge repaid": "bridge_repaid_bn",
      "uses:cash held at the end": "cash_held_at_end_bn",
    };
    expect(printed.get("sources:construction debt")).toBeGreaterThan(0);
    for (const [key, value] of printed) {
      if (key === "uses:total") continue;
      const column = columns[key];
      expect(column, key).toBeDefined();
      expectApprox(value, totals[column as string] as number, { abs: 0.0005 });
    }
    expectApprox(printed.get("uses:total") as number, printed.get("sources:total") as number, { abs: 1e-9 });
    expectApprox(
      totals.total_sources_bn as number,
      (totals.total_uses_bn as number) - (totals.cash_held_change_bn as number) + (totals.cash_held_at_end_bn as number),
      { abs: 1e-6 },
    );
  });

  it("ranked.csv lists every site once, with points that add up to the overall score", () => {
    const rows = csv("ranked.csv");
    expect(rows).toHaveLength(760);
    expect(new Set(rows.map((r) => r.site_id)).size).toBe(760);
    const selected = rows.filter((r) => r.selected === "true");
    expect(selected).toHaveLength(10);
    for (const r of rows) {
      if (r.rank === "") {
        expect(r.screened_out_reason).not.toBe("");
        continue;
      }
      const points = Object.keys(r)
        .filter((k) => k.startsWith("points_"))
        .reduce((s, k) => s + Number(r[k]), 0);
      expectApprox(points, Number(r.overall_score), { abs: 0.01 });
    }
  });
});
