/**
 * The plan's calendar: whole months counted from the month of the model's start date. Month 0
 * is the start date's month; a site that goes live in month m is live from the first day of
 * that month, so every date a plan commits to is a month's first day (`YYYY-MM-01`).
 */
import type { ScheduleSpec } from "../scenario/schema.ts";
import { dayOf, isoOfDay } from "./dates.ts";

export interface Calendar {
  /** The model's start date, `YYYY-MM-DD`. */
  readonly startDate: string;
  /** Number of months in the plan: month 0 .. months − 1 (the last milestone's month is the last). */
  readonly months: number;
}

function yearMonthOf(isoDate: string): [number, number] {
  const [y, m] = isoDate.split("-").map(Number) as [number, number];
  return [y, m];
}

/** `YYYY-MM` of month m. @example monthLabel({ startDate: "2025-01-01", months: 60 }, 13) // "2026-02" */
export function monthLabel(calendar: Calendar, month: number): string {
  const [y, m] = yearMonthOf(calendar.startDate);
  const index = y * 12 + (m - 1) + month;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** First day of month m, `YYYY-MM-DD`. @example monthStartDate(calendar, 0) // "2025-01-01" */
export function monthStartDate(calendar: Calendar, month: number): string {
  return `${monthLabel(calendar, month)}-01`;
}

/** First day of month m as days since 1970-01-01. */
export function monthStartDay(calendar: Calendar, month: number): number {
  return dayOf(monthStartDate(calendar, month));
}

/**
 * The month a date falls in (may be negative before the start, or past the calendar).
 * @example monthOfDate({ startDate: "2025-01-15", months: 60 }, "2026-12-31") // 23
 */
export function monthOfDate(calendar: Calendar, isoDate: string): number {
  const [y0, m0] = yearMonthOf(calendar.startDate);
  const [y, m] = yearMonthOf(isoDate);
  return (y - y0) * 12 + (m - m0);
}

/**
 * The first month a site that is ready on `readyDay` can go live in: the first month whose
 * first day is on or after it (a site ready mid-month goes live the next month).
 * @example firstMonthOnOrAfter({ startDate: "2025-01-01", months: 60 }, dayOf("2025-02-10")) // 2
 */
export function firstMonthOnOrAfter(calendar: Calendar, readyDay: number): number {
  const [y, m] = yearMonthOf(isoOfDay(readyDay));
  const [y0, m0] = yearMonthOf(calendar.startDate);
  const month = (y - y0) * 12 + (m - m0);
  return monthStartDay(calendar, month) >= readyDay ? month : month + 1;
}

/**
 * A milestone date's month: the last month whose first day is on or before it, so a site
 * live in that month is live by the date.
 * @example milestoneMonth({ startDate: "2025-01-01", months: 60 }, "2026-12-31") // 23
 */
export function milestoneMonth(calendar: Calendar, isoDate: string): number {
  return monthOfDate(calendar, isoDate);
}

/** The last milestone's date (milestones need not be listed in order). @example lastMilestoneDate({ startDate: "2025-01-01", milestones: ["2029-12-31", "2026-12-31"] }) // "2029-12-31" */
export function lastMilestoneDate(schedule: Pick<ScheduleSpec, "startDate" | "milestones">): string {
  return [...schedule.milestones].sort().at(-1) ?? schedule.startDate;
}

/**
 * A schedule's calendar: from the start date's month to the last milestone's month.
 * @example planCalendar({ startDate: "2025-01-01", milestones: ["2026-12-31", "2029-12-31"] }).months // 60
 */
export function planCalendar(schedule: Pick<ScheduleSpec, "startDate" | "milestones">): Calendar {
  const open: Calendar = { startDate: schedule.startDate, months: 0 };
  return { startDate: schedule.startDate, months: Math.max(1, milestoneMonth(open, lastMilestoneDate(schedule)) + 1) };
}

/** The calendar's last month, the last milestone's: no site may go live after it. @example lastMonth({ startDate: "2025-01-01", months: 60 }) // 59 */
export function lastMonth(calendar: Calendar): number {
  return calendar.months - 1;
}
