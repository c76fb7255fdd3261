import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApprox } from "../helpers/approx.ts";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

// `gigasite run` on the bundled data, as a new user runs it (what `npm start` does).
const out = mkdtempSync(join(tmpdir(), "gigasite-e2e-"));
const dir = join(out, "baseline");
let stdout = "";

beforeAll(async () => {
  ({ stdout } = await promisify(execFile)(process.execPath, gigasiteArgs("run", "--out", out, "--frontier", "3"), { timeout: 240_000 }));
}, 300_000);

const csv = (name: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(join(dir, name), "utf8"), { header: true, skipEmptyLines: true }).data;

describe("gigasite run on the bundled data", () => {
  it("writes every output and reports a proven, verified optimum", () => {
    for (const f of ["ranked.csv", "selection.csv", "selection.geojson", "summary.md", "run.json", "report.html"]) expect(existsSync(join(dir, f)), f).toBe(true);
    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
    expect(run.status).toBe("optimal");
    expect(run.bound).toBe(run.objective);
    expect(run.gap).toBe(0);
    expect(run.verification.ok).toBe(true);
    expect(run.selected).toHaveLength(10);
    for (const k of ["load", "screen", "score", "solve", "verify", "total"]) expect(typeof run.timings_ms[k]).toBe("number");
    expect(run.inputs.sites.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.inputs.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stdout).toMatch(/optimal\s+total score/);
    expect(stdout).toMatch(/verified/);
  });

  it("selection.csv can be re-added by hand: slots, dates, tranches, cumulative capex and headroom", () => {
    const rows = csv("selection.csv");
    const model = JSON.parse(readFileSync("models/baseline.json", "utf8"));
    expect(rows.map((r) => Number(r.slot))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let cumulative = 0;
    rows.forEach((r, k) => {
      expect(r.slot_date).toBe(model.schedule.slots[k]);
      expect(String(r.online_date) <= String(r.slot_date)).toBe(true);
      cumulative += Number(r.capex_bn);
      expectApprox(Number(r.cumulative_capex_bn), cumulative, { abs: 1e-3 });
      const available = model.schedule.tranches.equityBn + k * model.schedule.tranches.amountBn;
      expectApprox(Number(r.cash_available_bn), available, { abs: 1e-9 });
      expectApprox(Number(r.cash_headroom_bn), available - cumulative, { abs: 1e-3 });
      expect(Number(r.cash_headroom_bn)).toBeGreaterThanOrEqual(-1e-9);
      expectApprox(Number(r.tranche_released_bn), model.schedule.tranches.amountBn, { abs: 1e-9 });
    });
    expect(cumulative).toBeLessThanOrEqual(model.optimization.budgetBn + 1e-9);
  });

  it("ranked.csv lists every site once, with points that add up to the overall score", () => {
    const rows = csv("ranked.csv");
    expect(rows).toHaveLength(760);
    expect(new Set(rows.map((r) => r.site_id)).size).toBe(760);
    const selected = rows.filter((r) => r.selected === "yes");
    expect(selected).toHaveLength(10);
    for (const r of rows) {
      if (r.rank === "") {
        expect(r.screened_out_reason).not.toBe("");
        continue;
      }
      const points = Object.keys(r).filter((k) => k.startsWith("points_")).reduce((s, k) => s + Number(r[k]), 0);
      expectApprox(points, Number(r.overall_score), { abs: 0.01 });
    }
  });
});
