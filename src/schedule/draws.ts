/**
 * How a site's capex is drawn over its build: a share at notice to proceed (the first build
 * month), the rest evenly over the build months. A site that goes live in month m is built in
 * months m − B .. m − 1 (B build months) and draws nothing from month m on.
 */

export interface DrawProfile {
  /** Share of capex drawn in the first build month on top of its even share, 0..1. */
  readonly upfrontShare: number;
}

/**
 * Share of capex drawn in build month j (1-based; 0 outside 1..B).
 * @example drawShare({ upfrontShare: 0.2 }, 10, 1) // 0.28 (0.2 + 0.8 / 10)
 */
export function drawShare(profile: DrawProfile, buildMonths: number, j: number): number {
  if (j < 1 || j > buildMonths) return 0;
  const even = (1 - profile.upfrontShare) / buildMonths;
  return j === 1 ? profile.upfrontShare + even : even;
}

/**
 * Share of capex drawn by the end of build month j (0 before the build, 1 after it).
 * @example cumulativeDrawShare({ upfrontShare: 0 }, 4, 2) // 0.5
 */
export function cumulativeDrawShare(profile: DrawProfile, buildMonths: number, j: number): number {
  if (j < 1) return 0;
  if (j >= buildMonths) return 1;
  return profile.upfrontShare + ((1 - profile.upfrontShare) * j) / buildMonths;
}

/**
 * Capex a site draws in calendar month t when it goes live in month m, $B. What a build would
 * have drawn before month 0 (a site already under construction) is counted in month 0.
 * @example monthlyDraw({ upfrontShare: 0 }, 10, 4, 8, 5) // 2.5
 */
export function monthlyDraw(profile: DrawProfile, capexBn: number, buildMonths: number, goLiveMonth: number, month: number): number {
  if (month < 0) return 0;
  const before = month === 0 ? 0 : drawnByMonth(profile, capexBn, buildMonths, goLiveMonth, month - 1);
  return drawnByMonth(profile, capexBn, buildMonths, goLiveMonth, month) - before;
}

/**
 * Capex drawn by the end of calendar month t by a site going live in month m, $B.
 * @example drawnByMonth({ upfrontShare: 0 }, 10, 4, 8, 5) // 5
 */
export function drawnByMonth(profile: DrawProfile, capexBn: number, buildMonths: number, goLiveMonth: number, month: number): number {
  if (month < 0) return 0;
  return capexBn * cumulativeDrawShare(profile, buildMonths, month - (goLiveMonth - buildMonths) + 1);
}
