import type { SiteId } from "../sites/types.ts";

/**
 * The optimizer's view of one screened, scored site: only what the MILP needs. Built by the
 * pipeline from a `ScoredSite` and the model; the optimizer never sees CSV rows.
 */
export interface Candidate {
  readonly siteId: SiteId;
  readonly lat: number;
  readonly lon: number;
  readonly region: string;
  readonly gridZone: string;
  /** Overall score, 0–100. */
  readonly score: number;
  /** Capex of the site's build (capex_bn × GW per site), $B. */
  readonly capexBn: number;
  /** Annualized cost of the site, $B per year (see score/cost.ts). */
  readonly annualCostBn: number;
  /** Online date as days since 1970-01-01 (UTC); null when it cannot be computed. */
  readonly onlineDay: number | null;
  readonly lockedIn: boolean;
}

export interface Slot {
  /** 1-based slot number, in date order. */
  readonly slot: number;
  /** Target date, YYYY-MM-DD. */
  readonly date: string;
  /** Target date as days since 1970-01-01 (UTC). */
  readonly day: number;
}

export interface CashRule {
  readonly equityBn: number;
  readonly trancheBn: number;
  /** Tranches available in all; tranche k is released when slot k's site is online. */
  readonly trancheCount: number;
}

export type ProblemObjective =
  | { readonly kind: "maxScore"; readonly earlyPowerPointsPerMonth: number }
  | { readonly kind: "minCost"; readonly minAverageScore: number };

export interface OptimizationProblem {
  readonly candidates: readonly Candidate[];
  readonly sitesToSelect: number;
  readonly budgetBn: number;
  /** Cap per region present among the candidates (absent = uncapped). */
  readonly regionCaps: ReadonlyMap<string, number>;
  /** Cap per grid zone present among the candidates (absent = uncapped). */
  readonly gridZoneCaps: ReadonlyMap<string, number>;
  readonly minSpacingKm: number;
  /** Deployment slots in date order, or null when the model has no schedule. */
  readonly slots: readonly Slot[] | null;
  /** Cash rule, or null when switched off or absent. */
  readonly cash: CashRule | null;
  readonly objective: ProblemObjective;
  readonly timeLimitMs: number;
  readonly solver: "jsLPSolver" | "highs";
  /**
   * Selections the answer must differ from (no-good cuts, for near-optimal alternatives): each
   * adds `Σ_{i in S} x_i <= |S| − 1`. Dominance reductions are skipped when present, since the
   * second-best selection may need a site that can never be in the best one. Optional: absent
   * means none.
   */
  readonly excludedSelections?: readonly (readonly SiteId[])[];
}

export interface ScheduleEntry {
  readonly slot: number;
  readonly slotDate: string;
  readonly siteId: SiteId;
  readonly onlineDate: string;
  readonly capexBn: number;
  /** Capex of slots 1..k, $B. */
  readonly cumulativeCapexBn: number;
  /** Equity + tranches released before slot k, $B. */
  readonly cashAvailableBn: number;
  /** cashAvailableBn − cumulativeCapexBn, $B (negative only when the cash rule is off). */
  readonly cashHeadroomBn: number;
  /** Tranche released when this slot's site goes live, $B (0 past the tranche count). */
  readonly trancheReleasedBn: number;
}

export interface SolveStats {
  readonly solver: "jsLPSolver" | "highs";
  readonly formulation: string;
  readonly candidates: number;
  /** Candidates left after the provably safe reductions. */
  readonly candidatesAfterReduction: number;
  readonly variables: number;
  readonly constraints: number;
  readonly conflictEdges: number;
  readonly cliqueRows: number;
  /** Branch-and-bound nodes, when the solver says. */
  readonly nodes: number | null;
  readonly buildMs: number;
  readonly solveMs: number;
  /**
   * How an "infeasible" answer was confirmed (jsLPSolver can report infeasible falsely):
   * `diagnosis` (a reason proven from the data), `highs`, or `jsLPSolver-no-presolve`.
   * Absent when the status is not infeasible.
   */
  readonly infeasibleConfirmedBy?: "diagnosis" | "highs" | "jsLPSolver-no-presolve";
}

interface Solved {
  /** Total score (maxScore) or total annualized cost in $B/yr (minCost), recomputed from the sites. */
  readonly objective: number;
  /** Best bound on the objective. */
  readonly bound: number;
  /** Relative gap |bound − objective| / max(1, |objective|). */
  readonly gap: number;
  /** Selected sites, in slot order when there is a schedule. */
  readonly selected: readonly SiteId[];
  readonly schedule: readonly ScheduleEntry[] | null;
  readonly stats: SolveStats;
}

export type OptimizeResult =
  | ({ readonly status: "optimal" } & Solved)
  | ({ readonly status: "time_limit" } & Solved)
  | {
      readonly status: "no_solution";
      readonly bound: number | null;
      readonly message: string;
      readonly stats: SolveStats;
    }
  | {
      readonly status: "infeasible";
      /** Requirements that cannot be met, in words, with figures from the data. */
      readonly reasons: readonly string[];
      readonly stats: SolveStats;
    };

export interface Verification {
  readonly ok: boolean;
  /** Every broken rule, in words. Empty when ok. */
  readonly violations: readonly string[];
  /** Constraints found tight (e.g. "budget: $99.8B of $100B"). */
  readonly binding: readonly string[];
  /** Objective recomputed by the verifier from the selection and schedule (added by optimize). */
  readonly objective?: number;
}
