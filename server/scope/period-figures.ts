import { addDays, daysBetween } from '../../domain/calendar.ts';
import { coversDay, coversPeriod, coveredWeekdays, uncoveredSpans, type OfficeCoverage } from '../../domain/coverage.ts';
import type { DailyVolumeRow, HeatRow } from '../../sql/queries/volumes.ts';
import type { ResolvedScope } from './resolve-scope.ts';

/**
 * What the aggregate answers share under contract §8: the period fields, days as gaps where
 * nothing was received, heatmap averages over covered days, and which offices hold no data.
 */

/** The period fields every aggregate answer carries. */
export function periodFields(r: ResolvedScope) {
  return { period: r.period, requested: r.requested, unfinished: r.unfinished, completeTo: r.coverage.completeTo, previous: r.previous, comparison: r.comparison };
}

function officeCoverages(r: ResolvedScope): OfficeCoverage[] {
  const codes = new Set(r.scope.offices);
  return r.coverage.offices.filter((o) => codes.has(o.office));
}

/** Every day of the period: visits, or null (covered: false) when no office of the filter is covered that day. */
export function dailySeries(r: ResolvedScope, rows: readonly DailyVolumeRow[]): { day: string; visits: number | null; covered: boolean }[] {
  const byDay = new Map(rows.map((d) => [d.day, d.visits]));
  const covs = officeCoverages(r);
  return Array.from({ length: daysBetween(r.period.from, r.period.to) }, (_, i) => {
    const day = addDays(r.period.from, i);
    const covered = covs.some((o) => coversDay(o, day));
    return { day, visits: covered ? (byDay.get(day) ?? 0) : null, covered };
  });
}

/** Heatmap cells as average visits per covered occurrence of the weekday, each office over its own covered days. */
export function heatAverages(r: ResolvedScope, rows: readonly HeatRow[]): { weekday: number; hour: number; visits: number; days: number; average: number | null }[] {
  const weekdays = new Map(officeCoverages(r).map((o) => [o.office, coveredWeekdays(o, r.period)]));
  const cells = new Map<string, { weekday: number; hour: number; visits: number; days: number; average: number | null }>();
  for (const h of rows) {
    const key = `${h.weekday}|${h.hour}`;
    const cell = cells.get(key) ?? { weekday: h.weekday, hour: h.hour, visits: 0, days: 0, average: null };
    // A visit marks its day covered, so an office with visits on a weekday has at least one such day.
    const days = weekdays.get(h.office)?.[h.weekday - 1] ?? 0;
    cell.visits += h.visits;
    cell.days = Math.max(cell.days, days);
    if (days > 0) cell.average = (cell.average ?? 0) + h.visits / days;
    cells.set(key, cell);
  }
  return [...cells.values()].map((c) => ({ ...c, average: c.average === null ? null : Math.round(c.average * 100) / 100 }))
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

/** Offices of the filter covered for the whole period (the only ones that can be "without visits"). */
export function coveredOffices(r: ResolvedScope): Set<string> {
  return new Set(officeCoverages(r).filter((o) => coversPeriod(o, r.period)).map((o) => o.office));
}

/** Offices of the filter not covered for the whole period, and why: "no data", never "no visitors". */
export function noDataOffices(r: ResolvedScope): { office: string; reason: 'behind' | 'not_covered' | 'no_data'; since: string | null; days: number }[] {
  return officeCoverages(r).filter((o) => !coversPeriod(o, r.period)).map((o) => ({
    office: o.office,
    reason: o.status === 'no_data' ? 'no_data' : o.status === 'behind' ? 'behind' : 'not_covered',
    since: o.behindSince,
    days: uncoveredSpans(o, r.period).reduce((a, s) => a + daysBetween(s.from, s.to) + 1, 0),
  }));
}
