import type { CashRule, Slot } from "../optimize/types.ts";

/** What slot assignment needs to know about a site. */
export interface SlotSite {
  readonly capexBn: number;
  /** Days since 1970-01-01; null = can never be online. */
  readonly onlineDay: number | null;
}

/** Tolerance for money comparisons, $B (a tenth of a dollar on a $100B plan is noise). */
const MONEY_EPS_BN = 1e-9;

/**
 * Cash available for the capex of slots 1..k: equity plus the tranches released before slot k.
 * @example cashAvailableBn({ equityBn: 20, trancheBn: 10, trancheCount: 2 }, 5) // 40
 */
export function cashAvailableBn(cash: CashRule, slot: number): number {
  return cash.equityBn + Math.min(slot - 1, cash.trancheCount) * cash.trancheBn;
}

export type SlotAssignment =
  /** `siteBySlot[k-1]` is the index (into the given sites) of the site filling slot k. */
  | { readonly status: "assigned"; readonly siteBySlot: readonly number[] }
  | { readonly status: "count_mismatch"; readonly sites: number; readonly slots: number }
  /** No remaining site can be online by `slot`'s date. */
  | { readonly status: "not_ready"; readonly slot: number }
  /** The capex of slots 1..`slot` exceeds the cash available, even in the cheapest order. */
  | { readonly status: "cash_short"; readonly slot: number; readonly cumulativeCapexBn: number; readonly availableBn: number };

/**
 * Assigns a fixed set of sites to the slots: for k = 1..K, the cheapest remaining site that
 * can be online by slot k's date (ties: earlier online, then lower index).
 *
 * Why this rule: eligibility sets are nested (a site ready for slot k is ready for every later
 * slot), so any pick that is eligible keeps the rest assignable; and picking the cheapest
 * eligible site minimizes every prefix capex at once (swapping a cheaper eligible site earlier
 * never raises a prefix sum). So the set is cash-feasible iff this order is. The same rule is
 * used with the cash rule off, so schedules do not change shape when it is switched on.
 * @example assignSlots([{ capexBn: 9, onlineDay: 10 }, { capexBn: 5, onlineDay: 20 }], [{ slot: 1, date: "1970-01-21", day: 20 }, { slot: 2, date: "1970-01-31", day: 30 }], null)
 * // { status: "assigned", siteBySlot: [1, 0] }
 */
export function assignSlots(sites: readonly SlotSite[], slots: readonly Slot[], cash: CashRule | null): SlotAssignment {
  if (sites.length !== slots.length) return { status: "count_mismatch", sites: sites.length, slots: slots.length };
  const used = new Array<boolean>(sites.length).fill(false);
  const siteBySlot: number[] = [];
  let cumulativeCapexBn = 0;
  for (let k = 0; k < slots.length; k++) {
    const slotDay = (slots[k] as Slot).day;
    let best = -1;
    sites.forEach((site, i) => {
      if (used[i] || site.onlineDay === null || site.onlineDay > slotDay) return;
      const current = sites[best];
      if (
        current === undefined ||
        site.capexBn < current.capexBn ||
        (site.capexBn === current.capexBn && site.onlineDay < (current.onlineDay ?? Infinity))
      ) {
        best = i;
      }
    });
    const chosen = sites[best];
    if (chosen === undefined) return { status: "not_ready", slot: k + 1 };
    used[best] = true;
    siteBySlot.push(best);
    cumulativeCapexBn += chosen.capexBn;
    if (cash !== null) {
      const availableBn = cashAvailableBn(cash, k + 1);
      if (cumulativeCapexBn > availableBn + MONEY_EPS_BN * Math.max(1, Math.abs(availableBn))) {
        return { status: "cash_short", slot: k + 1, cumulativeCapexBn, availableBn };
      }
    }
  }
  return { status: "assigned", siteBySlot };
}
