/**
 * Calendar arithmetic for the deployment schedule. Dates are ISO `YYYY-MM-DD` strings at the
 * edges and whole days since 1970-01-01 (UTC) inside, so every readiness test is an integer
 * comparison that the verifier can redo exactly.
 */
const MS_PER_DAY = 86_400_000;
/** Mean Gregorian month, used for the fractional part of a month count. */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** @example dayOf("1970-01-02") // 1 */
export function dayOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

/** @example isoOfDay(1) // "1970-01-02" */
export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days in a month (1-based month). @example daysInMonth(2028, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The day `months` after `isoDate`: whole months on the calendar (the day of month clamped to
 * the month's length), the fraction as mean-month days rounded up, so a site is never shown
 * online earlier than its lead time allows.
 * @example isoOfDay(addMonths("2025-01-31", 1)) // "2025-02-28"
 */
export function addMonths(isoDate: string, months: number): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const whole = Math.floor(months);
  const frac = months - whole;
  const monthIndex = m - 1 + whole;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = daysInMonth(year, month + 1);
  const base = Date.UTC(year, month, Math.min(d, lastDay)) / MS_PER_DAY;
  return base + Math.ceil(frac * DAYS_PER_MONTH - 1e-9);
}

/** Months between two days, in mean months. @example monthsBetween(0, 365) // ≈ 11.99 */
export function monthsBetween(fromDay: number, toDay: number): number {
  return (toDay - fromDay) / DAYS_PER_MONTH;
}
