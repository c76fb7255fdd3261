/**
 * The referee: a straightforward time-indexed model written here, without any code from
 * src/optimize or src/schedule, and solved by HiGHS through its LP-text API.
 *
 * One binary z[i,m] per site and go-live month (pulse form), Σ_m z[i,m] ≤ 1; pairwise spacing
 * rows; one milestone row per milestone; and, with the cash rule, one row per month written
 * directly: Σ_{i,m} drawn_i(t; m) z[i,m] − tranche · Σ_{i, m + lag ≤ t} z[i,m] − bridge_t ≤ equity,
 * plus drawn ≤ equity + tranche · trancheCount + bridge_t when there are fewer tranches than sites.
 */
import type { Candidate, OptimizationProblem } from "../../src/optimize/types.ts";
import { discountOf, drawnBy, drawnIn, gwMonthsTieBreak, haversineKm } from "./enumerate.ts";

type HighsSolve = (lp: string, options?: Record<string, unknown>) => { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
let loading: Promise<{ solve: HighsSolve }> | null = null;

/** The highs module, loaded once (its types say CommonJS while Node loads the ESM build). */
export function referenceHighs(): Promise<{ solve: HighsSolve }> {
  loading ??= import("highs").then(async (m) => {
    const module = m as unknown as { default: (() => Promise<{ solve: HighsSolve }>) & { default?: () => Promise<{ solve: HighsSolve }> } };
    return (module.default.default ?? module.default)();
  });
  return loading;
}

export type Reference =
  | { readonly status: "optimal"; readonly objective: number; readonly goLive: ReadonlyMap<string, number> }
  | { readonly status: "infeasible" }
  | { readonly status: "other"; readonly message: string };

interface Term {
  readonly name: string;
  readonly coefficient: number;
}

/** ` name: + a x + b y ...` over short lines (old LP readers rejected long ones), then the tail. */
function line(name: string, terms: readonly Term[], tail: string): string {
  const tokens = terms.filter((t) => t.coefficient !== 0).map((t) => `${t.coefficient < 0 ? "-" : "+"} ${Math.abs(t.coefficient)} ${t.name}`);
  const lines: string[] = [];
  for (let k = 0; k < tokens.length; k += 6) lines.push(` ${tokens.slice(k, k + 6).join(" ")}`);
  return ` ${name}:${lines.join("\n")}${tail === "" ? "" : `\n  ${tail}`}`;
}

/** The plain time-indexed model as CPLEX LP text, or null when a row is trivially impossible. */
export function referenceLp(problem: OptimizationProblem): { lp: string; columns: Map<string, { site: Candidate; month: number }> } | null {
  const timeline = problem.timeline;
  const n = problem.sitesToSelect;
  const last = timeline === null ? 0 : timeline.calendar.months - 1;
  const delta = discountOf(problem);
  const columns = new Map<string, { site: Candidate; month: number }>();
  const bySite: { site: Candidate; vars: { name: string; month: number }[] }[] = [];
  problem.candidates.forEach((site, i) => {
    const months: number[] = [];
    if (timeline === null) months.push(0);
    else if (site.readyMonth !== null) for (let m = Math.max(0, site.readyMonth); m <= last; m++) months.push(m);
    const vars = months.map((month) => ({ name: `z_${i}_${month}`, month }));
    for (const v of vars) columns.set(v.name, { site, month: v.month });
    bySite.push({ site, vars });
  });
  const value = (site: Candidate, m: number): number => {
    const objective = problem.objective;
    switch (objective.kind) {
      case "minCost":
        return site.annualCostBn;
      case "maxScore":
        return site.score + (timeline === null ? 0 : objective.earlyPowerPointsPerMonth * (last - m));
      case "maxGwMonths":
        return (timeline === null ? 0 : problem.gwPerSite * (last - m + 1)) + gwMonthsTieBreak(problem) * site.score;
      case "npv": {
        if (timeline === null) return 0;
        let v = 0;
        for (let t = m; t <= last; t++)
          v += (objective.valueBnPerGwMonth * problem.gwPerSite - objective.opexBnPerGwMonth * problem.gwPerSite - site.energyBnPerYear / 12) * delta ** t;
        for (let t = 0; t <= last; t++) v -= drawnIn(site.capexBn, site.buildMonths, timeline.draw.upfrontShare, m, t) * delta ** t;
        return v;
      }
    }
  };
  const objective: Term[] = [];
  for (const { site, vars } of bySite) for (const v of vars) objective.push({ name: v.name, coefficient: value(site, v.month) });
  const rows: string[] = [];
  let impossible = false;
  const add = (name: string, terms: Term[], sense: "<=" | ">=" | "=", rhs: number): void => {
    const live = terms.filter((t) => t.coefficient !== 0);
    if (live.length === 0) {
      if ((sense === "<=" && 0 > rhs) || (sense === ">=" && 0 < rhs) || (sense === "=" && rhs !== 0)) impossible = true;
      return;
    }
    rows.push(line(name, live, `${sense} ${rhs}`));
  };
  const all = (filter: (site: Candidate, month: number) => boolean, coefficient: (site: Candidate, month: number) => number = () => 1): Term[] =>
    bySite.flatMap(({ site, vars }) => vars.filter((v) => filter(site, v.month)).map((v) => ({ name: v.name, coefficient: coefficient(site, v.month) })));
  bySite.forEach(({ site, vars }, i) => {
    add(
      `one_${i}`,
      vars.map((v) => ({ name: v.name, coefficient: 1 })),
      site.lockedIn ? "=" : "<=",
      1,
    );
    if (site.lockedIn && vars.length === 0) impossible = true;
  });
  add(
    "count",
    all(() => true),
    "=",
    n,
  );
  add(
    "budget",
    all(
      () => true,
      (s) => s.capexBn,
    ),
    "<=",
    problem.budgetBn,
  );
  for (const [label, caps, key] of [
    ["region", problem.regionCaps, (c: Candidate) => c.region],
    ["zone", problem.gridZoneCaps, (c: Candidate) => c.gridZone],
  ] as const) {
    [...caps].forEach(([name, cap], k) => {
      add(
        `${label}_${k}`,
        all((s) => key(s) === name),
        "<=",
        cap,
      );
    });
  }
  for (let a = 0; a < bySite.length; a++) {
    for (let b = a + 1; b < bySite.length; b++) {
      const p = bySite[a] as (typeof bySite)[number];
      const q = bySite[b] as (typeof bySite)[number];
      if (problem.minSpacingKm > 0 && haversineKm(p.site, q.site) < problem.minSpacingKm) {
        add(
          `space_${a}_${b}`,
          [...p.vars, ...q.vars].map((v) => ({ name: v.name, coefficient: 1 })),
          "<=",
          1,
        );
      }
    }
  }
  const averageFloor = problem.objective.kind === "minCost" || problem.objective.kind === "npv" ? problem.objective.minAverageScore : 0;
  if (Math.max(n * averageFloor, problem.scoreFloor ?? 0) > 0)
    add(
      "score",
      all(
        () => true,
        (s) => s.score,
      ),
      ">=",
      Math.max(n * averageFloor, problem.scoreFloor ?? 0),
    );
  (problem.excludedSelections ?? []).forEach((ids, k) => {
    add(
      `nogood_${k}`,
      all((s) => ids.includes(s.siteId)),
      "<=",
      ids.length - 1,
    );
  });
  const bridgeColumns: Term[] = [];
  if (timeline !== null) {
    if (timeline.milestones.length !== n) impossible = true;
    timeline.milestones.forEach((ms, k) => {
      add(
        `milestone_${k}`,
        all((_, m) => m <= ms.month),
        ">=",
        ms.index,
      );
    });
    timeline.zoneLimits.forEach((z, k) => {
      add(
        `zonelimit_${k}`,
        all((s, m) => s.gridZone === z.gridZone && m <= z.month),
        "<=",
        z.maxSites,
      );
    });
    if (timeline.cashRuleEnforced) {
      const cash = timeline.cash;
      const bridge = cash.bridge;
      for (let t = 0; t <= last; t++) {
        const b: Term[] = [];
        if (bridge !== null) {
          // Interest on every earlier month's bridge is paid from cash; npv prices it, paid the month after.
          for (let s = 0; s < t; s++) b.push({ name: `b_${s}`, coefficient: bridge.monthlyRate });
          b.push({ name: `b_${t}`, coefficient: -1 });
          bridgeColumns.push({ name: `b_${t}`, coefficient: bridge.limitBn });
          if (problem.objective.kind === "npv" && t + 1 <= last) objective.push({ name: `b_${t}`, coefficient: -bridge.monthlyRate * delta ** (t + 1) });
        }
        const drawn = (s: Candidate, m: number): number => drawnBy(s.capexBn, s.buildMonths, timeline.draw.upfrontShare, m, t);
        add(
          `cash_${t}`,
          [
            ...all(
              () => true,
              (s, m) => drawn(s, m) - (m + cash.lagMonths <= t ? cash.trancheBn : 0),
            ),
            ...b,
          ],
          "<=",
          cash.equityBn,
        );
        if (cash.trancheCount < n) add(`cashcap_${t}`, [...all(() => true, drawn), ...b], "<=", cash.equityBn + cash.trancheBn * cash.trancheCount);
      }
    }
  }
  if (impossible || columns.size === 0) return null;
  const sense = problem.objective.kind === "minCost" ? "Minimize" : "Maximize";
  const objectiveTerms = objective.filter((t) => t.coefficient !== 0);
  const first = [...columns.keys()][0] as string;
  const lp = [
    sense,
    objectiveTerms.length > 0 ? line("obj", objectiveTerms, "") : ` obj: 0 ${first}`,
    "Subject To",
    ...rows,
    "Bounds",
    ...bridgeColumns.map((b) => ` 0 <= ${b.name} <= ${b.coefficient}`),
    "Binary",
    ...[...columns.keys()].map((name) => ` ${name}`),
    "End",
    "",
  ].join("\n");
  return { lp, columns };
}

/** Solves the plain time-indexed model with HiGHS (zero gap). */
export async function solveReference(problem: OptimizationProblem): Promise<Reference> {
  const model = referenceLp(problem);
  if (model === null) return { status: "infeasible" };
  const highs = await referenceHighs();
  const solution = highs.solve(model.lp, { mip_rel_gap: 0, mip_abs_gap: 0, output_flag: false });
  if (solution.Status === "Infeasible") return { status: "infeasible" };
  if (solution.Status !== "Optimal") return { status: "other", message: solution.Status };
  const goLive = new Map<string, number>();
  for (const [name, column] of Object.entries(solution.Columns)) {
    const at = model.columns.get(name);
    if (at !== undefined && Math.round(column.Primal) === 1) goLive.set(at.site.siteId, at.month);
  }
  return { status: "optimal", objective: solution.ObjectiveValue, goLive };
}
