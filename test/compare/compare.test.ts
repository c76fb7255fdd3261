import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kendallTau, topOverlap } from "../../src/compare/agreement.ts";
import { compareRuns } from "../../src/compare/compare.ts";
import { readRun, type RunRecord } from "../../src/compare/readRun.ts";
import { compareMarkdown, comparisonJson } from "../../src/compare/render.ts";
import { seededRandom } from "../../src/core/random.ts";
import { expectApprox } from "../helpers/approx.ts";
import { writeCraftedRun, type CraftedSite } from "./craftRun.ts";

const ids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `S${String(from + i).padStart(2, "0")}`);

/** Run A ranks S01..S12 in order and picks S01–S03; S14 is screened out. */
const sitesA: CraftedSite[] = [...ids(1, 12).map((id, i) => ({ id, score: 90 - i, selected: i < 3 })), { id: "S14" }];
/**
 * Run B: S12 left the CSV, S13 joined at rank 2, S05 overtook S04 and S03 (capex points +4),
 * S03 fell behind both (permitting points −3) and lost its place in the selection to S05.
 */
const orderB = ["S01", "S13", "S02", "S05", "S04", "S03", ...ids(6, 11)];
const sitesB: CraftedSite[] = [
  ...orderB.map((id, i) => ({
    id,
    // S03's score falls (88 → 84) with its permitting points; its rank is its place in orderB.
    score: id === "S03" ? 84 : 95 - i,
    selected: ["S01", "S02", "S05"].includes(id),
    ...(id === "S05" ? { points: { capex_bn: 14, power_price_usd_mwh: 10.5 } } : {}),
    ...(id === "S03" ? { points: { permitting_months: 7 } } : {}),
  })),
  { id: "S14" },
];

async function crafted(): Promise<{ a: RunRecord; b: RunRecord }> {
  const root = await mkdtemp(join(tmpdir(), "gigasite-compare-"));
  await writeCraftedRun(join(root, "a"), {
    model: "baseline",
    modelSha: "m1",
    sitesSha: "c1",
    objective: 700,
    budgetUsedBn: 95.5,
    sites: sitesA,
    schedule: [
      ["S01", "2026-12-01"],
      ["S02", "2027-05-01"],
      ["S03", "2027-11-01"],
    ],
  });
  await writeCraftedRun(join(root, "b"), {
    model: "speed-first",
    modelSha: "m2",
    sitesSha: "c2",
    objective: 712.5,
    budgetUsedBn: 97,
    sites: sitesB,
    schedule: [
      ["S01", "2026-12-01"],
      ["S02", "2027-05-01"],
      ["S05", "2027-12-15"],
    ],
  });
  const [a, b] = await Promise.all([readRun(join(root, "a")), readRun(join(root, "b"))]);
  if (!a.ok || !b.ok) throw new Error(`crafted runs did not load: ${JSON.stringify([a, b])}`);
  return { a: a.value, b: b.value };
}

/** Kendall's tau-b by its definition, pair by pair, as an independent reference. */
function bruteTau(pairs: readonly (readonly [number, number])[]): number {
  let concordant = 0;
  let discordant = 0;
  let onlyX = 0;
  let onlyY = 0;
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const [xi, yi] = pairs[i] as readonly [number, number];
      const [xj, yj] = pairs[j] as readonly [number, number];
      const dx = Math.sign(xi - xj);
      const dy = Math.sign(yi - yj);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) onlyX++;
      else if (dy === 0) onlyY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / Math.sqrt((concordant + discordant + onlyX) * (concordant + discordant + onlyY));
}

describe("compareRuns on two crafted runs", () => {
  it("finds the entered and left sites, the kept ones and the CSV changes", async () => {
    const { a, b } = await crafted();
    const c = compareRuns(a, b);
    expect(c.entered).toEqual(["S05"]);
    expect(c.left).toEqual(["S03"]);
    expect(c.kept).toEqual(["S01", "S02"]);
    expect(c.sitesAdded).toEqual(["S13"]);
    expect(c.sitesRemoved).toEqual(["S12"]);
  });

  it("reports rank moves in the top N with the criterion that moved most", async () => {
    const { a, b } = await crafted();
    const c = compareRuns(a, b, { topN: 4 });
    expect(c.rankMoves.map((m) => [m.siteId, m.rankA, m.rankB])).toEqual([
      ["S02", 2, 3],
      ["S13", null, 2],
      ["S03", 3, 6],
      ["S04", 4, 5],
      ["S05", 5, 4],
    ]);
    const byId = new Map(c.rankMoves.map((m) => [m.siteId, m]));
    expect(byId.get("S05" as never)?.mainCause?.criterion).toBe("capex_bn");
    expectApprox(byId.get("S05" as never)?.mainCause?.pointsChange, 4);
    expect(byId.get("S03" as never)?.mainCause?.criterion).toBe("permitting_months");
    expectApprox(byId.get("S03" as never)?.mainCause?.pointsChange, -3);
    expect(byId.get("S02" as never)?.mainCause).toBeNull();
    // S05: 86 in A (rank 5), 92 in B (rank 4).
    expectApprox(byId.get("S05" as never)?.scoreChange, 6);
  });

  it("measures agreement over the sites screened in by both: 3 discordant of 55 pairs", async () => {
    const { a, b } = await crafted();
    const c = compareRuns(a, b);
    expect(c.agreement.commonSites).toBe(11);
    expectApprox(c.agreement.kendallTau, (55 - 2 * 3) / 55);
    expect(c.agreement.top10Overlap).toBe(9);
  });

  it("gives objective, budget and schedule deltas and warns about different inputs", async () => {
    const { a, b } = await crafted();
    const c = compareRuns(a, b);
    expectApprox(c.objectiveDelta, 12.5);
    expectApprox(c.budgetUsedDeltaBn, 1.5);
    expect(c.planChanges).toEqual([
      { siteId: "S05", slotA: null, slotB: 3, goLiveA: null, goLiveB: "2027-12-15" },
      { siteId: "S03", slotA: 3, slotB: null, goLiveA: "2027-11-01", goLiveB: null },
    ]);
    expect(c.lastOnlineShiftDays).toBe(44);
    expect(c.warnings.some((w) => w.includes("different models"))).toBe(true);
    expect(c.warnings.some((w) => w.includes("different site CSVs"))).toBe(true);
  });

  it("finds nothing between a run and itself", async () => {
    const { a } = await crafted();
    const c = compareRuns(a, a);
    expect([c.entered, c.left, c.rankMoves, c.planChanges, c.warnings, c.sitesAdded]).toEqual([[], [], [], [], [], []]);
    expect(c.agreement.kendallTau).toBe(1);
    expect(c.objectiveDelta).toBe(0);
  });

  it("writes the same sets into compare.json and compare.md", async () => {
    const { a, b } = await crafted();
    const c = compareRuns(a, b);
    const json = comparisonJson(c);
    expect(json.entered).toEqual(["S05"]);
    expect(json.left).toEqual(["S03"]);
    const md = compareMarkdown(c);
    expect(md).toContain("- entered S05 ");
    expect(md).toContain("- left S03 ");
  });
});

describe("readRun", () => {
  it("reports a missing folder as input issues, not a crash", async () => {
    const loaded = await readRun(join(tmpdir(), "gigasite-no-such-run-folder"));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues.map((i) => i.code)).toEqual(["missing_file", "missing_file"]);
  });

  it("names the bad field of run.json and the bad cell of ranked.csv", async () => {
    const root = await mkdtemp(join(tmpdir(), "gigasite-badrun-"));
    await writeCraftedRun(root, { model: "m", modelSha: "x", sitesSha: "y", objective: 1, budgetUsedBn: 1, sites: sitesA });
    const json = JSON.parse(await readFile(join(root, "run.json"), "utf8")) as Record<string, unknown>;
    await writeFile(join(root, "run.json"), JSON.stringify({ ...json, selected: "S01" }), "utf8");
    const csv = (await readFile(join(root, "ranked.csv"), "utf8")).replace(",90,", ",ninety,");
    await writeFile(join(root, "ranked.csv"), csv, "utf8");
    const loaded = await readRun(root);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.find((i) => i.code === "run_json_field")?.path).toBe("selected");
    const cell = loaded.issues.find((i) => i.code === "not_a_number");
    expect([cell?.line, cell?.column]).toEqual([2, "overall_score"]);
  });
});

describe("numbers and dates a run folder may hold", () => {
  it("refuses a go-live date that is no calendar date and numbers whose deltas would overflow", async () => {
    const root = await mkdtemp(join(tmpdir(), "gigasite-boundsrun-"));
    await writeCraftedRun(root, { model: "m", modelSha: "x", sitesSha: "y", objective: 1, budgetUsedBn: 1, sites: sitesA, schedule: [["S01", "2026-12-01"]] });
    const json = JSON.parse(await readFile(join(root, "run.json"), "utf8")) as { plan: { sites: { go_live_date: string }[] }; objective: number };
    json.plan.sites[0]!.go_live_date = "99999-99-99";
    json.objective = 1e308;
    await writeFile(join(root, "run.json"), JSON.stringify(json), "utf8");
    const loaded = await readRun(root);
    expect(loaded.ok).toBe(false);
    const paths = loaded.ok ? [] : loaded.issues.map((i) => i.path);
    expect(paths).toContain("plan.sites.0.go_live_date");
    expect(paths).toContain("objective");
  });
});

describe("rank agreement measures", () => {
  it("kendallTau matches the pairwise definition on random ranks with ties", () => {
    const rng = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = rng.int(2, 40);
      const pairs = Array.from({ length: n }, () => [rng.int(1, 12), rng.int(1, 12)] as const);
      const reference = bruteTau(pairs);
      const fast = kendallTau(pairs);
      if (Number.isNaN(reference)) expect(fast).toBeNull();
      else expectApprox(fast, reference, { abs: 1e-12 });
    }
  });

  it("is 1 for equal orders and −1 for reversed ones", () => {
    const ranks = [1, 2, 3, 4, 5];
    expect(kendallTau(ranks.map((r) => [r, r] as const))).toBe(1);
    expect(kendallTau(ranks.map((r) => [r, 6 - r] as const))).toBe(-1);
    expect(topOverlap(["a", "b", "c"], ["c", "a", "d"])).toBe(2);
  });
});

describe("compareRuns across different objectives", () => {
  it("warns, gives no objective delta, and keeps each side's parts", async () => {
    const root = await mkdtemp(join(tmpdir(), "gigasite-objectives-"));
    const common = { model: "m", modelSha: "m1", sitesSha: "c", budgetUsedBn: 50, sites: [{ id: "S1", score: 90, selected: true }] };
    await writeCraftedRun(join(root, "a"), { ...common, objective: 778.6 });
    await writeCraftedRun(join(root, "b"), { ...common, objective: 1002.3 });
    const withParts = async (dir: string, parts: readonly { label: string; value: number }[]): Promise<void> => {
      const file = join(root, dir, "run.json");
      await writeFile(file, JSON.stringify({ ...(JSON.parse(await readFile(file, "utf8")) as object), objective_parts: parts }));
    };
    await withParts("a", [{ label: "score", value: 778.6 }]);
    await withParts("b", [
      { label: "score", value: 778.6 },
      { label: "early-power bonus", value: 223.7 },
    ]);
    const [a, b] = await Promise.all([readRun(join(root, "a")), readRun(join(root, "b"))]);
    if (!a.ok || !b.ok) throw new Error("crafted runs did not load");
    const c = compareRuns(a.value, b.value);
    expect(c.objectivesDiffer).toBe(true);
    expect(c.objectiveDelta).toBeNull();
    expect(c.warnings).toContain(
      "the runs optimize different objectives (A: maxScore (score); B: maxScore (score + early-power bonus)): their totals are not comparable, so no objective delta; compare the parts",
    );
    expect(compareMarkdown(c)).toContain("| 1002.3 = score 778.6 + early-power bonus 223.7 | – (different objectives) |");
  });
});
