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
  /** Interest per month on the bridge outstanding, a share ($B per $B-month): the yearly rate / 12. */
  readonly monthlyRate: number;
}

/**
 * In every month: uses funded so far ≤ equity + tranches released so far + bridge outstanding,
 * where the uses are what construction debt does not fund (see funding.ts).
 */
export interface CashRule {
  readonly equityBn: number;
  readonly trancheBn: number;
  /** Tranches in all; tranche k is released `lagMonths` after the k-th site goes live. */
  readonly trancheCount: number;
  readonly lagMonths: number;
  readonly bridge: Bridge | null;
  /** `itSystems`: tranche money pays IT capex only; `any`: every use. */
  readonly trancheUses: "any" | "itSystems";
  /** Month tranche 1 is released on signing, or null (tranche k at the k-th go-live). */
  readonly signingMonth: number | null;
}

/** Construction debt per site (see funding.ts). */
export interface Debt {
  readonly loanToCost: number;
  /** Interest per month on the balance, capitalised: the yearly rate / 12. */
  readonly monthlyRate: number;
  /** Arrangement fee as a share of the loan's facility amount (loan-to-cost × facility capex × (1 + contingency)). */
  readonly arrangementFeeShare: number;
  readonly draw: "proRata" | "equityFirst";
}

/** Uses beyond facility capex and the debt that funds part of them. All zero/null: the plain cash rule. */
export interface CapitalStack {
  readonly contingencyShare: number;
  readonly debt: Debt | null;
  /** IT capex of one site ($B, already × GW per site) and the months before go-live it is paid over; null: none. */
  readonly itCapex: { readonly bnPerSite: number; readonly deliveryMonths: number } | null;
  readonly holdCostBnPerMonth: number;
}

/** Everything dated: the calendar, milestones, draw profile, cash rule and zone limits. */
export interface Timeline {
  readonly calendar: Calendar;
  readonly milestones: readonly Milestone[];
  readonly draw: DrawProfile;
  /** Tranche amounts and equity, for the ledger; `enforced` says whether the cash rule is a constraint. */
  readonly cash: CashRule;
  readonly stack: CapitalStack;
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

/**
 * One month of the plan's sources and uses, $B. Every month re-adds: equity drawn + debt drawn +
 * tranches released + bridge drawn = facility capex + contingency + fees + interest + IT capex +
 * carrying cost + bridge interest + bridge repaid + the change in cash held.
 */
export interface LedgerMonth {
  readonly month: number;
  /** `YYYY-MM`. */
  readonly label: string;
  // Uses.
  /** Facility capex drawn (the sites' capex_bn on the draw profile). */
  readonly drawnBn: number;
  readonly contingencyBn: number;
  /** Loan arrangement fees, at each site's financial close. */
  readonly feesBn: number;
  /** Interest during construction, capitalised into the loans. */
  readonly interestBn: number;
  readonly itBn: number;
  /** Carrying cost of sites ready but held back. */
  readonly holdBn: number;
  /** Interest on the bridge outstanding at the end of the month before. */
  readonly bridgeInterestBn: number;
  readonly bridgeRepaidBn: number;
  // Sources.
  readonly equityDrawnBn: number;
  readonly debtBn: number;
  readonly releasedBn: number;
  readonly bridgeDrawnBn: number;
  // Running figures.
  readonly cumulativeDrawnBn: number;
  readonly cumulativeReleasedBn: number;
  /** Construction debt drawn so far (capitalised interest included). */
  readonly cumulativeDebtBn: number;
  /** Sites live (from their go-live month on). */
  readonly sitesLive: number;
  /** Equity committed. */
  readonly equityBn: number;
  /** Equity drawn so far (never more than committed). */
  readonly equityUsedBn: number;
  /** Bridge outstanding: the least that covers the month's gap (0 without a gap). */
  readonly bridgeBn: number;
  /** Cash drawn but not yet spent at the month's end (tranche money ahead of its uses). */
  readonly cashHeldBn: number;
  /**
   * Equity committed + bridge − what the cash pool has had to fund so far (uses not paid by debt,
   * less tranches released; with tranches for IT only, IT capex the tranches could not cover).
   * Without debt, contingency, IT capex and carrying costs: equity + cumulative released + bridge
   * − cumulative drawn.
   */
  readonly headroomBn: number;
}

/** One site's flows in one month (see schedule/funding.ts). */
export interface SiteFlow {
  readonly month: number;
  readonly siteId: SiteId;
  /** Facility capex drawn. */
  readonly drawnBn: number;
  readonly contingencyBn: number;
  readonly feesBn: number;
  readonly interestBn: number;
  readonly itBn: number;
  readonly holdBn: number;
  readonly debtBn: number;
}

export interface Ledger {
  readonly months: readonly LedgerMonth[];
  readonly siteFlows: readonly SiteFlow[];
  /** Least equity the plan needs with no bridge: max over months of what the cash pool has had to fund. */
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
