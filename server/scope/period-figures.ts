import { addDays, daysBetween, isoWeekStart, monthStart } from '../../domain/calendar.ts';
import { coversPeriod, coveredWeekdays, uncoveredSpans, type Coverage, type OfficeCoverage } from '../../domain/coverage.ts';
import type { CoverageResponse } from '../api/contract.ts';
import type { Granularity } from '../../sql/queries/topics.ts';
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

/**
 * What was received, per office, with the days of `period` no file covers: GET /api/coverage, and
 * the overview's stamp inside its own answer.
 */
export function coverageAnswer(cov: Coverage, period: { from: string; to: string } | null): CoverageResponse {
  return {
    completeTo: cov.completeTo, latest: cov.latest, period,
    offices: cov.offices.map((o) => ({
      office: o.office, first: o.first, last: o.last, status: o.status, behindSince: o.behindSince,
      uncovered: period ? uncoveredSpans(o, period) : [],
    })),
  };
}

/** Days of the period the office's files do not cover. */
function uncoveredDays(o: OfficeCoverage, p: { from: string; to: string }): number {
  return uncoveredSpans(o, p).reduce((a, s) => a + daysBetween(s.from, s.to) + 1, 0);
}

function officeCoverages(r: ResolvedScope): OfficeCoverage[] {
  const codes = new Set(r.scope.offices);
  return r.coverage.offices.filter((o) => codes.has(o.office));
}

/** Every day of the period: visits, or null (covered: false) when no office of the filter is covered that day. */
export function dailySeries(r: ResolvedScope, rows: readonly DailyVolumeRow[]): { day: string; visits: number | null; covered: boolean }[] {
  const byDay = new Map(rows.map((d) => [d.day, d.visits]));
  const { from, to } = r.period;
  // Days covered by any office of the filter, marked span by span (spans are few, days many).
  const covered = new Uint8Array(Math.max(0, daysBetween(from, to)));
  for (const o of officeCoverages(r)) {
    for (const s of o.spans) {
      const after = addDays(s.to, 1);
      const end = daysBetween(from, after < to ? after : to);
      for (let i = Math.max(0, daysBetween(from, s.from)); i < end; i++) covered[i] = 1;
    }
  }
  const out: { day: string; visits: number | null; covered: boolean }[] = [];
  let day = from;
  for (let i = 0; i < covered.length; i++, day = addDays(day, 1)) {
    out.push(covered[i] ? { day, visits: byDay.get(day) ?? 0, covered: true } : { day, visits: null, covered: false });
  }
  return out;
}

/** The first day of the trend bucket holding `day`: itself, its ISO week's Monday, or its month's first day. */
function bucketOf(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return monthStart(day);
  return isoWeekStart(day);
}

/**
 * Every trend bucket the period touches, in order, and whether any office of the filter is covered on
 * any of its days: a bucket with no covered day is a gap in the lines, not a zero (contract §8).
 */
export function trendBuckets(r: ResolvedScope, granularity: Granularity): { bucket: string; covered: boolean }[] {
  const out = new Map<string, boolean>();
  for (const d of dailySeries(r, [])) {
    const b = bucketOf(d.day, granularity);
    out.set(b, (out.get(b) ?? false) || d.covered);
  }
  return [...out].map(([bucket, covered]) => ({ bucket, covered }));
}

/** How much of the period each office of the filter is covered for: whole, in part, or not at all. */
export function officeCoverageKinds(r: ResolvedScope): Map<string, 'full' | 'partial' | 'none'> {
  const days = daysBetween(r.period.from, r.period.to);
  const kinds = new Map<string, 'full' | 'partial' | 'none'>(r.scope.offices.map((o) => [o, 'none']));
  for (const o of officeCoverages(r)) {
    const missing = uncoveredDays(o, r.period);
    kinds.set(o.office, missing === 0 ? 'full' : missing >= days ? 'none' : 'partial');
  }
  return kinds;
}

/**
 * Heatmap cells as average visits per covered occurrence of the weekday, each office over its own
 * covered days. Every hour of a weekday some office covers is a cell, 0 when nobody came then; a
 * weekday no office covers in the period has no cells (no data, not zero).
 */
export function heatAverages(r: ResolvedScope, rows: readonly HeatRow[]): { weekday: number; hour: number; visits: number; days: number; average: number | null }[] {
  const weekdays = new Map(officeCoverages(r).map((o) => [o.office, coveredWeekdays(o, r.period)]));
  const cells = new Map<number, { weekday: number; hour: number; visits: number; days: number; average: number | null }>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const days = Math.max(0, ...[...weekdays.values()].map((w) => w[weekday - 1] ?? 0));
    if (days > 0) for (let hour = 0; hour < 24; hour++) cells.set(weekday * 24 + hour, { weekday, hour, visits: 0, days, average: 0 });
  }
  for (const h of rows) {
    const key = h.weekday * 24 + h.hour;
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
    days: uncoveredDays(o, r.period),
  }));
}
