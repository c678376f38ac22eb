/**
 * Periods are half-open ranges of Almaty calendar days [from, to), written YYYY-MM-DD, the same
 * convention as `vitrina export` and `vitrina compliance`. Day arithmetic runs in UTC on purpose:
 * a calendar day has no time zone, and UTC has no daylight-saving jumps to trip over.
 */
import { addDays, addMonths, quarterStart, yearStart, type Period } from '../../domain/calendar.ts';
import { defaultPeriod, monthToDate } from '../../domain/periods.ts';

export type { Period };
export const PRESETS = ['prev_month', 'month', 'last7', 'last30', 'quarter', 'year'] as const;
export type Preset = (typeof PRESETS)[number];
/** Compare with the previous period (contract §8, the server computes it), the same period a year earlier, or not at all. */
export const COMPARISONS = ['prev', 'year', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Calendar days as written everywhere else (domain/calendar.ts); the views import them from here. */
export { addDays, addMonths, daysBetween, almatyToday, isCalendarDate as isIsoDay } from '../../domain/calendar.ts';

/**
 * A preset anchored on completeTo (contract §8), so one office sending ahead moves nothing:
 * 'prev_month' is the last complete calendar month (the default), 'month' this month to date
 * (the server cuts it at completeTo and it reads "to date").
 */
export function presetPeriod(preset: Preset, anchor: string): Period {
  const end = addDays(anchor, 1);
  switch (preset) {
    case 'last7': return { from: addDays(end, -7), to: end };
    case 'last30': return { from: addDays(end, -30), to: end };
    case 'month': return monthToDate(anchor);
    case 'prev_month': return defaultPeriod(anchor);
    case 'quarter': return { from: quarterStart(anchor), to: addMonths(quarterStart(anchor), 3) };
    case 'year': return { from: yearStart(anchor), to: addMonths(yearStart(anchor), 12) };
  }
}

/** Which preset a period equals, so the picker can show it; null for a custom range. */
export function matchPreset(period: Period, anchor: string): Preset | null {
  return PRESETS.find((p) => { const q = presetPeriod(p, anchor); return q.from === period.from && q.to === period.to; }) ?? null;
}

/** Relative change (0.12 = 12 % more), or null when there is nothing to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}
