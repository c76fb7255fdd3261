/**
 * The dated site-selection MILP, time-indexed in step form (see the README's "Formulation").
 *
 * For each site i and month t of its go-live domain, w[i,t] = 1 when site i is live by month t;
 * w is non-decreasing in t and w[i,M] (M = the last milestone's month) says whether i is
 * selected. Anything that depends on a site's go-live month m (capex drawn by a month, tranches,
 * GW-months, discounted value) is a known number c_i(m); with z[i,m] = w[i,m] − w[i,m−1] it is
 * Σ_m c_i(m) z[i,m] = Σ_m (c_i(m) − c_i(m+1)) w[i,m], which keeps every row banded.
 *
 * One reduction shrinks the domains: when nothing can gain from holding a site back (no cash
 * rule, no zone limits, and an objective that never prefers a later go-live), each site goes
 * live in its ready month and needs one variable.
 */
import { cliqueCover, conflictEdges } from "./conflicts.ts";
import { ProgramBuilder, lpSafe, type LinearProgram, type LinearTerm } from "./program.ts";
import { lastMonth, monthLabel } from "../schedule/calendar.ts";
import { fundingOf } from "../schedule/funding.ts";
import { scoreFloorOf, type Candidate, type OptimizationProblem } from "./types.ts";
import type { Timeline } from "../schedule/types.ts";
import { addScenarioRows } from "./scenarioRows.ts";

export interface FormulateOptions {
  /** Minimize the equity a plan needs instead of the objective (for infeasibility messages). */
  readonly leastEquity?: boolean;
  /**
   * The timing relaxation: every site at its ready month, no cash rows, no zone limits. Its
   * optimum bounds the dated optimum whenever {@link relaxationBounds} holds.
   */
  readonly relaxTiming?: boolean;
}

/**
 * True when the timing relaxation is worth solving as a bound: the problem has dates to decide.
 * Its optimum bounds the dated optimum for every objective, since each site is valued at its
 * best go-live month (for npv that may be a later one) and nothing else counts.
 */
export function relaxationBounds(problem: OptimizationProblem): boolean {
  return problem.timeline !== null && !earliestIsBest(problem);
}

export interface Formulation {
  readonly program: LinearProgram;
  /** Candidate indices (into the problem) the model was built on. */
  readonly sites: readonly number[];
  /** Per built site: month → variable index "live by that month" (one entry when collapsed). */
  readonly stepVariables: readonly ReadonlyMap<number, number>[];
  readonly conflictEdges: number;
  readonly cliqueRows: number;
  readonly description: string;
}

/** The go-live months a site may take. */
export function goLiveDomain(problem: OptimizationProblem, site: Candidate, collapsed = earliestIsBest(problem)): number[] {
  const timeline = problem.timeline;
  if (timeline === null || site.readyMonth === null) return [];
  const last = lastMonth(timeline.calendar);
  const ready = Math.max(0, site.readyMonth);
  if (ready > last) return [];
  if (collapsed) return [ready];
  return Array.from({ length: last - ready + 1 }, (_, k) => ready + k);
}

/** True when going live at the ready month is optimal for every site of every plan. */
export function earliestIsBest(problem: OptimizationProblem): boolean {
  const t = problem.timeline;
  if (t === null) return true;
  return !t.cashRuleEnforced && t.zoneLimits.length === 0 && problem.objective.kind !== "npv";
}

/** Monthly discount factor of the npv objective: (1 + r)^(−1/12). */
export function monthlyDiscount(problem: OptimizationProblem): number {
  return problem.objective.kind === "npv" ? (1 + problem.objective.discountRatePctPerYear / 100) ** (-1 / 12) : 1;
}

/**
 * The objective contribution of a site that goes live in month m (m = null: no timeline).
 * @example siteValue(problem, site, 23) // score + early-power points for maxScore
 */
export function siteValue(problem: OptimizationProblem, site: Candidate, m: number | null): number {
  const objective = problem.objective;
  const timeline = problem.timeline;
  const last = timeline === null ? 0 : lastMonth(timeline.calendar);
  switch (objective.kind) {
    case "minCost":
      return site.annualCostBn;
    case "maxScore":
      return m === null ? site.score : site.score + objective.earlyPowerPointsPerMonth * (last - m);
    case "maxGwMonths":
      return m === null ? tieBreakWeight(problem) * site.score : problem.gwPerSite * (last - m + 1) + tieBreakWeight(problem) * site.score;
    case "npv": {
      if (m === null || timeline === null) return 0;
      const delta = monthlyDiscount(problem);
      const perMonth = problem.gwPerSite * (objective.valueBnPerGwMonth - objective.opexBnPerGwMonth) - site.energyBnPerYear / 12;
      let value = 0;
      for (let t = m; t <= last; t++) value += perMonth * delta ** t;
      for (const f of fundingOf(timeline).siteFlows(site, m, last))
        value -= (f.facilityBn + f.contingencyBn + f.feesBn + f.interestBn + f.itBn + f.holdBn) * delta ** f.month;
      return value;
    }
  }
}

/** Weight of the total score in maxGwMonths: small enough never to outweigh one GW-month. */
export function tieBreakWeight(problem: OptimizationProblem): number {
  return problem.gwPerSite / (2 * 100 * Math.max(1, problem.sitesToSelect));
}

function capGroups(caps: ReadonlyMap<string, number>, keyOf: (c: Candidate) => string, sites: readonly Candidate[]): [string, number, number[]][] {
  const groups = new Map<string, number[]>();
  sites.forEach((s, p) => {
    const key = keyOf(s);
    if (caps.has(key)) groups.set(key, [...(groups.get(key) ?? []), p]);
  });
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]): [string, number, number[]] => [key, caps.get(key) ?? Infinity, members])
    .filter(([, cap, members]) => members.length > cap);
}

/**
 * Builds the model on the given candidates (default all).
 * @example formulate(problem).program.rows.length
 */
export function formulate(
  problem: OptimizationProblem,
  siteIndices: readonly number[] = problem.candidates.map((_, i) => i),
  options: FormulateOptions = {},
): Formulation {
  const timeline = problem.timeline;
  const sites = siteIndices.map((i) => problem.candidates[i] as Candidate);
  const leastEquity = options.leastEquity === true && timeline !== null;
  const builder = new ProgramBuilder(leastEquity || problem.objective.kind === "minCost" ? "min" : "max");
  const value = (site: Candidate, m: number | null): number => (leastEquity ? 0 : siteValue(problem, site, m));
  const used = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name}_${n}`;
    used.add(candidate);
    return candidate;
  };
  const relaxTiming = options.relaxTiming === true;
  const domains = sites.map((s) => (timeline === null ? [] : goLiveDomain(problem, s, relaxTiming || earliestIsBest(problem))));
  const last = timeline === null ? 0 : lastMonth(timeline.calendar);
  const better = (a: number, b: number): number => (builder.sense === "min" ? Math.min(a, b) : Math.max(a, b));
  const bestValueOf = (site: Candidate): number =>
    goLiveDomain(problem, site, false).reduce((v, m) => better(v, value(site, m)), value(site, goLiveDomain(problem, site, false)[0] ?? null));

  // Variables. Each site's objective is a function of its go-live month, put on the steps.
  const stepVariables: Map<number, number>[] = sites.map((site, p) => {
    const candidate = siteIndices[p] as number;
    const id = lpSafe(site.siteId);
    const vars = new Map<number, number>();
    if (timeline === null) {
      vars.set(
        0,
        builder.addVariable({
          name: unique(`x_${id}`),
          kind: "binary",
          upper: 1,
          candidate,
          month: null,
          objective: value(site, null),
          meaning: `site ${site.siteId} selected`,
        }),
      );
      return vars;
    }
    const domain = domains[p] as number[];
    domain.forEach((m, k) => {
      const next = domain[k + 1];
      // The timing relaxation values a site at its best go-live month, so that it bounds every objective.
      const objective = relaxTiming ? bestValueOf(site) : value(site, m) - (next === undefined ? 0 : value(site, next));
      const meaning =
        domain.length === 1
          ? `site ${site.siteId} selected, live from ${monthLabel(timeline.calendar, m)}`
          : `site ${site.siteId} live by ${monthLabel(timeline.calendar, m)}`;
      vars.set(
        m,
        builder.addVariable({
          name: unique(domain.length === 1 ? `x_${id}` : `w_${id}_${monthLabel(timeline.calendar, m).replace("-", "")}`),
          kind: "binary",
          upper: 1,
          candidate,
          month: m,
          objective,
          meaning,
        }),
      );
    });
    return vars;
  });
  /** The variable "site p live by month t", or undefined when it cannot be. */
  const liveBy = (p: number, t: number): number | undefined => {
    const domain = domains[p] as number[];
    const vars = stepVariables[p] as Map<number, number>;
    if (timeline === null) return vars.get(0);
    const first = domain[0];
    if (first === undefined || t < first) return undefined;
    return vars.get(Math.min(t, domain[domain.length - 1] as number));
  };
  const selected = (p: number): number | undefined => liveBy(p, last);
  const terms = (positions: Iterable<number>, coefficientOf: (p: number) => number, at: (p: number) => number | undefined = selected): LinearTerm[] => {
    const out: LinearTerm[] = [];
    for (const p of positions) {
      const variable = at(p);
      const coefficient = coefficientOf(p);
      if (variable !== undefined && coefficient !== 0) out.push({ variable, coefficient });
    }
    return out;
  };
  const all = sites.map((_, p) => p);
  /** Σ_m c(m) z[p,m] on the step variables. */
  const pulse = (p: number, c: (m: number) => number): LinearTerm[] => {
    const domain = domains[p] as number[];
    const vars = stepVariables[p] as Map<number, number>;
    const out: LinearTerm[] = [];
    domain.forEach((m, k) => {
      const next = domain[k + 1];
      const coefficient = c(m) - (next === undefined ? 0 : c(next));
      if (Math.abs(coefficient) > 1e-12) out.push({ variable: vars.get(m) as number, coefficient });
    });
    return out;
  };

  const n = problem.sitesToSelect;
  builder.addRow({ name: "count", terms: terms(all, () => 1), sense: "=", rhs: n });
  builder.addRow({ name: "budget", terms: terms(all, (p) => (sites[p] as Candidate).capexBn), sense: "<=", rhs: problem.budgetBn });
  for (const [key, cap, members] of capGroups(problem.regionCaps, (c) => c.region, sites)) {
    builder.addRow({ name: unique(`region_${lpSafe(key)}`), terms: terms(members, () => 1), sense: "<=", rhs: cap });
  }
  for (const [key, cap, members] of capGroups(problem.gridZoneCaps, (c) => c.gridZone, sites)) {
    builder.addRow({ name: unique(`zone_${lpSafe(key)}`), terms: terms(members, () => 1), sense: "<=", rhs: cap });
  }
  const edges = conflictEdges(sites, problem.minSpacingKm);
  const cliques = cliqueCover(sites.length, edges);
  for (const [g, clique] of cliques.entries()) builder.addRow({ name: `spacing_${g}`, terms: terms(clique, () => 1), sense: "<=", rhs: 1 });
  const positionOf = new Map(sites.map((s, p) => [s.siteId as string, p]));
  (problem.excludedSelections ?? []).forEach((selection, c) => {
    const positions = selection.map((id) => positionOf.get(id));
    // A selection with a site outside this model is already impossible here.
    if (selection.length === 0 || positions.some((p) => p === undefined)) return;
    builder.addRow({ name: `nogood_${c}`, terms: terms(positions as number[], () => 1), sense: "<=", rhs: selection.length - 1 });
  });
  sites.forEach((s, p) => {
    if (s.lockedIn) builder.addRow({ name: unique(`lock_${lpSafe(s.siteId)}`), terms: terms([p], () => 1), sense: ">=", rhs: 1 });
  });
  const floor = scoreFloorOf(problem);
  if (floor > 0) builder.addRow({ name: "score", terms: terms(all, (p) => (sites[p] as Candidate).score), sense: ">=", rhs: floor });
  const collapsed = relaxTiming || earliestIsBest(problem);
  const rows = relaxTiming ? { ...timeline, cashRuleEnforced: false, zoneLimits: [] } : timeline;
  if (rows !== null) addTimelineRows(problem, rows as Timeline, builder, { sites, domains, stepVariables, liveBy, pulse, terms, unique }, leastEquity);

  const description =
    timeline === null
      ? "per-site x, clique rows (no schedule)"
      : relaxTiming
        ? "timing relaxation: per-site x at the ready month, no cash rows or zone limits, clique rows, milestone rows"
        : collapsed
          ? "per-site x at the ready month (no hold-backs can help), clique rows, milestone rows"
          : `time-indexed step form w[site, month], clique rows, milestone rows${timeline.cashRuleEnforced ? ", monthly cash rows" : ""}${timeline.zoneLimits.length > 0 ? ", zone limits by date" : ""}`;
  return { program: builder.build(0), sites: siteIndices, stepVariables, conflictEdges: edges.length, cliqueRows: cliques.length, description };
}

interface Parts {
  readonly sites: readonly Candidate[];
  readonly domains: readonly (readonly number[])[];
  readonly stepVariables: readonly Map<number, number>[];
  readonly liveBy: (p: number, t: number) => number | undefined;
  readonly pulse: (p: number, c: (m: number) => number) => LinearTerm[];
  readonly terms: (positions: Iterable<number>, coefficientOf: (p: number) => number, at?: (p: number) => number | undefined) => LinearTerm[];
  readonly unique: (name: string) => string;
}

function addTimelineRows(problem: OptimizationProblem, timeline: Timeline, builder: ProgramBuilder, parts: Parts, leastEquity: boolean): void {
  const { sites, domains, stepVariables, liveBy, pulse, terms, unique } = parts;
  const last = lastMonth(timeline.calendar);
  const all = sites.map((_, p) => p);
  const label = (t: number): string => monthLabel(timeline.calendar, t).replace("-", "");
  sites.forEach((_, p) => {
    const domain = domains[p] as number[];
    const vars = stepVariables[p] as Map<number, number>;
    for (let k = 1; k < domain.length; k++) {
      const before = vars.get(domain[k - 1] as number) as number;
      const after = vars.get(domain[k] as number) as number;
      builder.addRow({
        name: unique(`order_${before}`),
        terms: [
          { variable: before, coefficient: 1 },
          { variable: after, coefficient: -1 },
        ],
        sense: "<=",
        rhs: 0,
      });
    }
  });
  // Milestone k: at least k live by its month. The last month's row is the count row.
  const required = new Map<number, number>();
  for (const m of timeline.milestones) required.set(m.month, Math.max(required.get(m.month) ?? 0, m.index));
  for (const [month, k] of [...required].sort(([a], [b]) => a - b)) {
    if (month >= last) continue;
    builder.addRow({
      name: `milestone_${k}`,
      terms: terms(
        all,
        () => 1,
        (p) => liveBy(p, month),
      ),
      sense: ">=",
      rhs: k,
    });
  }
  addScenarioRows(problem, timeline, builder, sites, liveBy);
  timeline.zoneLimits.forEach((limit, z) => {
    if (limit.month < 0) return;
    const members = all.filter((p) => (sites[p] as Candidate).gridZone === limit.gridZone);
    builder.addRow({
      name: `zonelimit_${z}`,
      terms: terms(
        members,
        () => 1,
        (p) => liveBy(p, limit.month),
      ),
      sense: "<=",
      rhs: limit.maxSites,
    });
  });
  if (!timeline.cashRuleEnforced && !leastEquity) return;
  addCashRows(problem, timeline, builder, parts, leastEquity);
}

/**
 * One cash row per month t (uses the cash pool has funded by t − tranches released by t − bridge
 * outstanding ≤ equity), in step form; see schedule/funding.ts for what the pool funds and
 * docs/dated-plan.md for the rows. Bridge interest paid in month t is the rate × every earlier
 * month's bridge. With tranches for IT only, y_t (IT capex the tranches released by t could not
 * pay, a running maximum) takes their place. With tranche 1 on signing, a binary per month says
 * whether any site is live yet (the first go-live then releases nothing).
 */
function addCashRows(problem: OptimizationProblem, timeline: Timeline, builder: ProgramBuilder, parts: Parts, leastEquity: boolean): void {
  const { sites, domains, liveBy, pulse, terms, unique } = parts;
  const last = lastMonth(timeline.calendar);
  const all = sites.map((_, p) => p);
  const label = (t: number): string => monthLabel(timeline.calendar, t).replace("-", "");
  const funding = fundingOf(timeline);
  const cash = timeline.cash;
  const bridge = cash.bridge;
  const itOnly = cash.trancheUses === "itSystems";
  const n = problem.sitesToSelect;
  // Least-equity mode: equity becomes a variable E to minimize, moved to the left of each cash row.
  const totalNeed = sites.reduce(
    (sum, s, p) => sum + Math.max(0, ...(domains[p] as number[]).map((m) => funding.poolNeedBy(s, m, last) + funding.itBy(s, m, last))),
    0,
  );
  const equityTerm: LinearTerm[] = leastEquity
    ? [
        {
          variable: builder.addVariable({
            name: unique("equity"),
            kind: "continuous",
            upper: totalNeed + (bridge === null ? 0 : bridge.limitBn * bridge.monthlyRate * (last + 1)),
            candidate: null,
            month: null,
            objective: 1,
            meaning: "equity needed, $B",
          }),
          coefficient: -1,
        },
      ]
    : [];
  const equityRhs = leastEquity ? 0 : cash.equityBn;
  const delta = monthlyDiscount(problem);
  const bridgeVariables: number[] = [];
  let previousShortfall: number | null = null;
  for (let t = 0; t <= last; t++) {
    const needTerms = (p: number): LinearTerm[] => {
      const s = sites[p] as Candidate;
      return pulse(p, (m) => funding.poolNeedBy(s, m, t));
    };
    const itTerms = (p: number): LinearTerm[] => {
      const s = sites[p] as Candidate;
      return pulse(p, (m) => funding.itBy(s, m, t));
    };
    // Skip months in which even the N largest possible needs (and the most bridge interest) fit in equity.
    const largest = sites
      .map((s, p) => Math.max(0, ...(domains[p] as number[]).map((m) => funding.poolNeedBy(s, m, t) + (itOnly ? funding.itBy(s, m, t) : 0))))
      .sort((a, b) => b - a)
      .slice(0, n)
      .reduce((sum, v) => sum + v, 0);
    const interestAtMost = bridge === null ? 0 : bridge.monthlyRate * bridge.limitBn * bridgeVariables.length;
    if (largest + interestAtMost <= equityRhs) continue;
    const interestTerms: LinearTerm[] = bridge === null ? [] : bridgeVariables.map((variable) => ({ variable, coefficient: bridge.monthlyRate }));
    const bridgeTerm: LinearTerm[] = [];
    if (bridge !== null && bridge.limitBn > 0) {
      // The interest on month t's bridge is paid in month t + 1.
      const cost = problem.objective.kind === "npv" && !leastEquity && t + 1 <= last ? -bridge.monthlyRate * delta ** (t + 1) : 0;
      const variable = builder.addVariable({
        name: unique(`bridge_${label(t)}`),
        kind: "continuous",
        upper: bridge.limitBn,
        candidate: null,
        month: t,
        objective: cost,
        meaning: `bridge outstanding in ${monthLabel(timeline.calendar, t)}, $B`,
      });
      bridgeVariables.push(variable);
      bridgeTerm.push({ variable, coefficient: -1 });
    }
    const releases = releaseTerms(problem, timeline, builder, parts, t);
    const need = all.flatMap(needTerms);
    if (itOnly) {
      // y_t >= IT paid by t − tranches released by t, y_t >= y_{t−1}, y_t >= 0.
      const shortfall = builder.addVariable({
        name: unique(`itgap_${label(t)}`),
        kind: "continuous",
        upper: totalNeed,
        candidate: null,
        month: null,
        objective: 0,
        meaning: `IT capex by ${monthLabel(timeline.calendar, t)} the tranches released could not pay, $B`,
      });
      builder.addRow({
        name: `itgap_${label(t)}`,
        terms: [...all.flatMap(itTerms), ...releases.terms, { variable: shortfall, coefficient: -1 }],
        sense: "<=",
        rhs: releases.rhs,
      });
      if (previousShortfall !== null)
        builder.addRow({
          name: `itgapup_${label(t)}`,
          terms: [
            { variable: previousShortfall, coefficient: 1 },
            { variable: shortfall, coefficient: -1 },
          ],
          sense: "<=",
          rhs: 0,
        });
      previousShortfall = shortfall;
      builder.addRow({
        name: `cash_${label(t)}`,
        terms: [...need, { variable: shortfall, coefficient: 1 }, ...interestTerms, ...bridgeTerm, ...equityTerm],
        sense: "<=",
        rhs: equityRhs,
      });
      continue;
    }
    builder.addRow({
      name: `cash_${label(t)}`,
      terms: [...need, ...releases.terms, ...interestTerms, ...bridgeTerm, ...equityTerm],
      sense: "<=",
      rhs: equityRhs + releases.rhs,
    });
    if (cash.trancheCount < n) {
      builder.addRow({
        name: `cashcap_${label(t)}`,
        terms: [...need, ...interestTerms, ...bridgeTerm, ...equityTerm],
        sense: "<=",
        rhs: equityRhs + cash.trancheBn * cash.trancheCount,
      });
    }
  }
}

/**
 * Tranches released by month t as terms (negated: they go on the left of a ≤ row) and a right-hand
 * side: −T × (sites live by t − lag), plus, with tranche 1 on signing, T once signed and +T × a_t,
 * where the binary a_t is 1 when any site is live by t − lag (so the first go-live releases nothing).
 */
function releaseTerms(
  problem: OptimizationProblem,
  timeline: Timeline,
  builder: ProgramBuilder,
  parts: Parts,
  t: number,
): { terms: LinearTerm[]; rhs: number } {
  const { sites, liveBy, terms, unique } = parts;
  const cash = timeline.cash;
  const all = sites.map((_, p) => p);
  const by = t - cash.lagMonths;
  const live =
    by >= 0
      ? terms(
          all,
          () => -cash.trancheBn,
          (p) => liveBy(p, by),
        )
      : [];
  if (cash.signingMonth === null) return { terms: live, rhs: 0 };
  const signed = t >= cash.signingMonth ? cash.trancheBn : 0;
  if (live.length === 0) return { terms: [], rhs: signed };
  const label = monthLabel(timeline.calendar, t).replace("-", "");
  const any = builder.addVariable({
    name: unique(`anylive_${label}`),
    kind: "binary",
    upper: 1,
    candidate: null,
    month: null,
    objective: 0,
    meaning: `some site live by ${monthLabel(timeline.calendar, by)} (tranche 1 was released on signing), 0/1`,
  });
  // Σ live ≤ N × a_t: a_t is 1 as soon as any site is live.
  builder.addRow({
    name: unique(`anylive_${label}`),
    terms: [...live.map((term) => ({ variable: term.variable, coefficient: 1 })), { variable: any, coefficient: -problem.sitesToSelect }],
    sense: "<=",
    rhs: 0,
  });
  return { terms: [...live, { variable: any, coefficient: cash.trancheBn }], rhs: signed };
}
