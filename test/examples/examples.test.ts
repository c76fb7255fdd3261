import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { runFromFiles, type RunOutcome } from "../../src/index.ts";
import { expectApprox } from "../helpers/approx.ts";

const SITES = "data/sites.csv";
const MODEL = "models/baseline.json";
const dir = mkdtempSync(join(tmpdir(), "gigasite-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an example the way the README says (tsx), and returns what it printed. */
async function runExample(name: string, args: readonly string[] = []): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", `examples/${name}.ts`, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 400_000,
  });
  return stdout.split("\n");
}

async function baseline(sites = SITES): Promise<RunOutcome> {
  const run = await runFromFiles(sites, MODEL);
  if (run.status !== "ran") throw new Error(`baseline does not load: ${JSON.stringify(run.issues.slice(0, 3))}`);
  return run.outcome;
}

const selectedOf = (o: RunOutcome): string[] => (o.result.status === "optimal" || o.result.status === "time_limit" ? [...o.result.selected] : []);

/** The bundled CSV as rows of named cells, read with papaparse rather than the loader under test. */
function csvRows(path: string): { header: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

describe("examples", () => {
  it("budget-frontier prints one line per budget, consistent with a run at the model's budget", async () => {
    const lines = await runExample("budget-frontier", ["--step", "10", "--time-limit", "20"]);
    const outcome = await baseline();
    const rows = lines
      .map((l) => /^\$(\d+)B\s+(\S+(?: [\d.]+%)?)\s+(-|[\d.]+)\s+(-|\$[\d.]+B)\s+(-|-?[\d.]+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({
        budgetBn: Number(m[1]),
        status: m[2] ?? "",
        objective: m[3] === "-" ? null : Number(m[3]),
        usedBn: m[4] === "-" ? null : Number(m[4]?.slice(1, -1)),
        marginal: m[5] === "-" ? null : Number(m[5]),
      }));
    expect(rows.map((r) => r.budgetBn)).toEqual([80, 90, 100, 110, 120, 130]);

    // The $100B line is the model's own budget: the best score a plain run proved (its first stage).
    const at100 = rows.find((r) => r.budgetBn === outcome.problem.budgetBn);
    expect(outcome.problem.budgetBn).toBe(100);
    if (outcome.result.status === "optimal" && at100?.objective != null)
      expectApprox(at100.objective, outcome.result.secondStage?.bestScore ?? outcome.result.objective, { abs: 0.005 });
    else expect(at100?.status).toBe(outcome.result.status);

    // $80B is infeasible exactly when the cheapest ten screened-in sites cost more.
    const cheapestTen = [...outcome.problem.candidates]
      .map((c) => c.capexBn)
      .sort((a, b) => a - b)
      .slice(0, 10)
      .reduce((s, v) => s + v, 0);
    expect(rows[0]?.status === "infeasible").toBe(cheapestTen > 80);

    let previous: (typeof rows)[number] | null = null;
    for (const row of rows) {
      if (row.usedBn !== null) expect(row.usedBn).toBeLessThanOrEqual(row.budgetBn + 0.005);
      // More money never lowers the best total score (only proven points compare).
      if (previous?.objective != null && row.objective !== null && previous.status === "optimal" && row.status === "optimal") {
        expect(row.objective).toBeGreaterThanOrEqual(previous.objective - 0.005);
        expectApprox(row.marginal, (row.objective - previous.objective) / (row.budgetBn - previous.budgetBn), { abs: 0.006 });
      }
      previous = row;
    }
  }, 600_000);

  it("what-if prints what an in-memory permit delay changes, matching a run on an edited copy of the CSV", async () => {
    const before = await baseline();
    const first = selectedOf(before)[0];
    const state = before.table.sites.find((s) => s.siteId === first)?.region ?? "";
    expect(state).not.toBe("");
    const lines = await runExample("what-if", [state, "permits"]);

    // The same edit made by hand on a copy of the file, and run from disk.
    const { header, rows } = csvRows(SITES);
    let edited = 0;
    for (const row of rows) {
      if (row.region !== state || (row.permitting_months ?? "").trim() === "") continue;
      row.permitting_months = String(Number(row.permitting_months) + 6);
      edited += 1;
    }
    const copy = join(dir, "sites-permits.csv");
    writeFileSync(copy, Papa.unparse(rows, { columns: header }));
    const after = await baseline(copy);
    const entered = selectedOf(after)
      .filter((id) => !selectedOf(before).includes(id))
      .sort();
    const left = selectedOf(before)
      .filter((id) => !selectedOf(after).includes(id))
      .sort();

    expect(lines[0]).toBe(`What if ${state} has permits 6 months later? (${edited} of ${rows.length} sites edited in memory; ${SITES} untouched)`);
    const ids = (label: string): string[] => lines.flatMap((l) => new RegExp(`^  ${label}: (\\S+) `).exec(l)?.[1] ?? []).sort();
    expect(ids("entered")).toEqual(entered);
    expect(ids("left")).toEqual(left);
    const objective = lines.map((l) => /^ {2}objective \(total score\): ([\d.]+) -> ([\d.]+)/.exec(l)).find((m) => m !== null);
    if (before.result.status === "optimal" && after.result.status === "optimal" && objective) {
      expectApprox(Number(objective[1]), before.result.objective, { abs: 0.005 });
      expectApprox(Number(objective[2]), after.result.objective, { abs: 0.005 });
    } else {
      expect(lines.some((l) => /^ {2}(no change|objective)/.test(l))).toBe(true);
    }
  }, 600_000);

  it("custom-criterion prints the new criterion's share and each selected site's months to first GW", async () => {
    const lines = await runExample("custom-criterion");
    const model = JSON.parse(readFileSync(MODEL, "utf8")) as {
      pillars: Record<string, number>;
      schedule: { assumeWhenBlank: { permittingMonths: number; timeToPowerMonths: number } };
    };
    const pillarTotal = Object.values(model.pillars).reduce((s, v) => s + v, 0) + 25;
    const share = 25 / pillarTotal;
    expect(lines[0]).toBe(`Custom criterion months_to_first_gw in pillar "speed": ${(share * 100).toFixed(1)}% of the overall score`);

    const { rows } = csvRows(SITES);
    const byId = new Map(rows.map((r) => [r.site_id ?? "", r]));
    const assumed = model.schedule.assumeWhenBlank;
    const siteLines = lines.map((l) => /^ {2}(\S+) months_to_first_gw=(\S+) value=(\S+) points=(\S+) overall=(\S+)$/.exec(l)).filter((m) => m !== null);
    expect(siteLines.length).toBe(10);
    for (const m of siteLines) {
      const row = byId.get(m[1] ?? "");
      expect(row).toBeDefined();
      const cell = (name: string): string => (row?.[name] ?? "").trim();
      const permitted = ["true", "yes", "1", "y"].includes(cell("permitted").toLowerCase());
      const permitting = permitted ? 0 : cell("permitting_months") === "" ? assumed.permittingMonths : Number(cell("permitting_months"));
      const power = cell("time_to_power_months") === "" ? assumed.timeToPowerMonths : Number(cell("time_to_power_months"));
      const months = Math.max(permitting, power);
      expect(Number(m[2])).toBe(months);
      const value = Math.min(100, Math.max(0, (100 * (48 - months)) / (48 - 6)));
      expectApprox(Number(m[3]), value, { abs: 0.05 });
      expectApprox(Number(m[4]), value * share, { abs: 0.005 });
    }
  }, 600_000);
});
