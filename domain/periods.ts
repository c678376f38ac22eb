/**
 * Which period a figure covers and which period it is compared with (data contract §8). Pure and
 * browser-safe: the server resolves every aggregate's period with it, the dashboard its presets
 * and labels. Periods are Almaty calendar days [from, to), written YYYY-MM-DD.
 */
import { addDays, addMonths, addYears, daysBetween, monthStart, nextMonth, type Period } from './calendar.ts';

export type { Period };
export type CalendarUnit = 'month' | 'quarter' | 'year';
export type ComparisonKind = 'previous' | 'year_ago';

export const UNIT_MONTHS: Readonly<Record<CalendarUnit, number>> = { month: 1, quarter: 3, year: 12 };

/** The calendar month, quarter or year the period is exactly, or null for any other range. */
export function calendarUnitOf(p: Period): CalendarUnit | null {
  if (p.from !== monthStart(p.from)) return null;
  const month = Number(p.from.slice(5, 7));
  if (p.to === nextMonth(p.from)) return 'month';
  if ((month - 1) % 3 === 0 && p.to === addMonths(p.from, 3)) return 'quarter';
  if (month === 1 && p.to === addMonths(p.from, 12)) return 'year';
  return null;
}

/** The same calendar day a year earlier (29 February becomes 28 February). */
export function yearEarlier(day: string): string {
  return addYears(day, -1);
}

export interface ResolvedPeriod {
  /** What was asked for. */
  requested: Period;
  /** What is shown and computed: the request cut at completeTo (its `to` is at most completeTo + 1 day). */
  period: Period;
  /** The request ends after completeTo: shown "to date". */
  unfinished: boolean;
  /** The calendar unit the request is, if any. */
  unit: CalendarUnit | null;
  /** The previous calendar unit (its first `period` days when unfinished), or the same number of days just before. */
  previous: Period;
  /** The same days a year earlier. */
  yearAgo: Period;
}

/** Applies §8: cut at completeTo (null = nothing covered yet: no cut), then the two comparison periods. */
export function resolvePeriod(requested: Period, completeTo: string | null): ResolvedPeriod {
  const end = completeTo === null ? requested.to : addDays(completeTo, 1);
  const unfinished = requested.to > end;
  // A period wholly after completeTo keeps one day, so it stays a period (and shows as not covered).
  const to = unfinished ? (end > requested.from ? end : addDays(requested.from, 1)) : requested.to;
  const period = { from: requested.from, to };
  const unit = calendarUnitOf(requested);
  const days = daysBetween(period.from, period.to);
  let previous: Period;
  if (unit !== null) {
    const start = addMonths(requested.from, -UNIT_MONTHS[unit]);
    // A year to date ends on the same calendar day a year earlier (a leap day would shift it otherwise).
    const elapsed = unit === 'year' ? yearEarlier(period.to) : addDays(start, days);
    previous = { from: start, to: unfinished && elapsed < requested.from ? elapsed : requested.from };
  } else {
    previous = { from: addDays(period.from, -days), to: period.from };
  }
  return { requested, period, unfinished, unit, previous, yearAgo: { from: yearEarlier(period.from), to: yearEarlier(period.to) } };
}

/** The default period: the last calendar month ending on or before completeTo. */
export function defaultPeriod(completeTo: string): Period {
  const next = addDays(completeTo, 1);
  const to = next === monthStart(next) ? next : monthStart(completeTo);
  return { from: addMonths(to, -1), to };
}

/** "This month to date": the calendar month holding completeTo (resolvePeriod cuts it there). */
export function monthToDate(completeTo: string): Period {
  const from = monthStart(completeTo);
  return { from, to: nextMonth(from) };
}
