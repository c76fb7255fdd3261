/**
 * The dated plan's types, shared by the schedule (which builds plans and ledgers), the optimizer
 * (which chooses them) and everything after it (which reports them).
 */
import type { SiteId } from "../sites/types.ts";
import type { Calendar } from "./calendar.ts";
import type { DrawProfile } from "./draws.ts";

/** Milestone k: at least k sites live by its date. */
export interface Milestone {
  /** 1-based, in date order. */
  readonly index: number;
  readonly date: string;
  /** The last calendar month whose first day is on or before the date. */
  readonly month: number;
}

/** Deliverability by date: at most `maxSites` sites live in a grid zone by `month`. */
export interface ZoneLimit {
  readonly gridZone: string;
  readonly maxSites: number;
  readonly date: string;
  readonly month: number;
}

export interface Bridge {
  readonly limitBn: number;
  /** Objective units per $B outstanding for one month. */
  readonly costPerBnMonth: number;
}

/** In every month: capex drawn so far ≤ equity + tranches released so far + bridge outstanding. */
export interface CashRule {
  readonly equityBn: number;
  readonly trancheBn: number;
  /** Tranches in all; tranche k is released `lagMonths` after the k-th site goes live. */
  readonly trancheCount: number;
  readonly lagMonths: number;
  readonly bridge: Bridge | null;
}

/** Everything dated: the calendar, milestones, draw profile, cash rule and zone limits. */
export interface Timeline {
  readonly calendar: Calendar;
  readonly milestones: readonly Milestone[];
  readonly draw: DrawProfile;
  /** Tranche amounts and equity, for the ledger; `enforced` says whether the cash rule is a constraint. */
  readonly cash: CashRule;
  readonly cashRuleEnforced: boolean;
  readonly zoneLimits: readonly ZoneLimit[];
}

/** One site of a dated plan, in go-live order. */
export interface PlannedSite {
  /** k: this is the k-th site to go live (ties broken by site id). */
  readonly slot: number;
  readonly siteId: SiteId;
  readonly readyMonth: number;
  readonly goLiveMonth: number;
  /** goLiveMonth − readyMonth: how long the plan holds the site back. */
  readonly heldBackMonths: number;
  /** goLiveMonth − buildMonths (may be before month 0 for a site already under construction). */
  readonly constructionStartMonth: number;
  readonly buildMonths: number;
  readonly capexBn: number;
}

/** One month of the plan's cash ledger, $B. */
export interface LedgerMonth {
  readonly month: number;
  /** `YYYY-MM`. */
  readonly label: string;
  readonly drawnBn: number;
  readonly cumulativeDrawnBn: number;
  readonly releasedBn: number;
  readonly cumulativeReleasedBn: number;
  /** Sites live (from their go-live month on). */
  readonly sitesLive: number;
  readonly equityBn: number;
  /** Bridge outstanding: the least that covers the month's gap (0 without a gap). */
  readonly bridgeBn: number;
  /** equity + cumulative released + bridge − cumulative drawn. */
  readonly headroomBn: number;
}

export interface SiteDraw {
  readonly month: number;
  readonly siteId: SiteId;
  readonly drawnBn: number;
}

export interface Ledger {
  readonly months: readonly LedgerMonth[];
  readonly siteDraws: readonly SiteDraw[];
  /** Least equity the plan needs with no bridge: max over months of cumulative drawn − released. */
  readonly peakEquityBn: number;
  readonly peakEquityMonth: number;
  /** Month of the least headroom (first such month), and that headroom. */
  readonly tightestMonth: number;
  readonly minHeadroomBn: number;
  readonly peakBridgeBn: number;
  /** Σ bridge outstanding over the months, $B-months. */
  readonly bridgeBnMonths: number;
}

export interface MilestoneCheck extends Milestone {
  readonly sitesLive: number;
}

export interface Plan {
  readonly sites: readonly PlannedSite[];
  readonly ledger: Ledger;
  readonly milestones: readonly MilestoneCheck[];
}
