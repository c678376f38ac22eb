import type { Kysely } from 'kysely';
import { addDays, isoWeekStart, monthStart, nextMonth, type Period } from '../../domain/calendar.ts';
import type { Category } from '../../domain/categories.ts';
import type { Database } from '../schema.ts';
import type { CoverPart } from '../cover/labelled-cover.ts';
import { coverPeriod } from '../cover/rollup-cover.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import { unitKey, type CategoryUnitRow, type UnitRef } from '../cover/unit-rows.ts';
import type { Scope } from './scope.ts';

export interface CategoryVolumeRow {
  category: Category;
  visits: number;
  /** The compared period, over the like-for-like offices only. */
  previous: number;
  /** This period over the like-for-like offices only: what `previous` is set against. */
  compared: number;
}

export interface OfficeCategoryRow {
  office: string;
  category: Category;
  visits: number;
}

/** Visits per office × category over the period, summed from the signed units of its cover. */
export async function getOfficeCategoryVolumes(db: Kysely<Database>, scope: Scope, memo: UnitMemo = oneOffMemo(db)): Promise<OfficeCategoryRow[]> {
  const cover = coverPeriod({ from: scope.from, to: scope.to });
  const sums = sumCategories(await memo.units('category', cover), cover, new Set(scope.offices), (row) => `${row.office}|${row.category}`);
  return [...sums].filter(([, v]) => v > 0).map(([k, visits]) => {
    const [office = '', category] = k.split('|') as [string, Category];
    return { office, category, visits };
  }).sort((a, b) => cmp(a.office, b.office) || cmp(a.category, b.category));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Signed visit sums of the category rows of `cover`, per key of a row, over the offices wanted. */
function sumCategories(
  rows: ReadonlyMap<string, readonly CategoryUnitRow[]>, cover: readonly (UnitRef & { sign: number })[], offices: ReadonlySet<string>,
  keyOf: (row: CategoryUnitRow) => string, into = new Map<string, number>(),
): Map<string, number> {
  for (const u of cover) {
    for (const row of rows.get(unitKey(u)) ?? []) {
      if (!offices.has(row.office)) continue;
      const k = keyOf(row);
      into.set(k, (into.get(k) ?? 0) + u.sign * row.visits);
    }
  }
  return into;
}

export type Granularity = 'day' | 'week' | 'month';

export interface CategoryTrendRow {
  bucket: string;
  category: Category;
  visits: number;
}

export interface TopicBreakdown {
  categories: CategoryVolumeRow[];
  perOffice: OfficeCategoryRow[];
  trend: CategoryTrendRow[];
}

/** Each calendar month the period touches, clipped to the period, as a trend bucket named by its first day. */
function monthBuckets(period: Period): CoverPart[] {
  const out: CoverPart[] = [];
  for (let m = monthStart(period.from); m < period.to; m = nextMonth(m)) {
    const end = nextMonth(m);
    out.push({ part: 'bucket', bucket: m, period: { from: m < period.from ? period.from : m, to: end < period.to ? end : period.to } });
  }
  return out;
}

/** Each day of the period as its own bucket, read from its day row. */
function dayBuckets(period: Period): CoverPart[] {
  const out: CoverPart[] = [];
  for (let d = period.from; d < period.to; d = addDays(d, 1)) out.push({ part: 'bucket', bucket: d, period: { from: d, to: addDays(d, 1) } });
  return out;
}

/**
 * Each ISO week the period touches, clipped to it, named by its Monday: a whole week is its one
 * 'week' row, a clipped one its days.
 */
function weekBuckets(period: Period): CoverPart[] {
  const out: CoverPart[] = [];
  for (let w = isoWeekStart(period.from); w < period.to; w = addDays(w, 7)) {
    const from = w < period.from ? period.from : w;
    const end = addDays(w, 7);
    const to = end < period.to ? end : period.to;
    const units = from === w && to === end ? [{ unit: 'week' as const, start: w, sign: 1 as const }] : undefined;
    out.push({ part: 'bucket', bucket: w, period: { from, to }, ...(units ? { units } : {}) });
  }
  return out;
}

/**
 * The three topic tables from visit_category_totals' units, summed in memory: per category (this and
 * the previous period) and per office × category from each period's cover; the trend per month from
 * each month's own cover (a whole month is one row), per ISO week from its week row (the days of a
 * clipped week), per day from the period's day rows.
 * Categories with no visits in either period, and empty office or trend cells, are left out.
 */
export async function getTopicBreakdown(
  db: Kysely<Database>, scope: Scope, previous: Period, granularity: Granularity, compared: readonly string[], memo: UnitMemo = oneOffMemo(db),
): Promise<TopicBreakdown> {
  const period = { from: scope.from, to: scope.to };
  const current = coverPeriod(period);
  const before = coverPeriod(previous);
  const buckets = (granularity === 'month' ? monthBuckets(period) : granularity === 'week' ? weekBuckets(period) : dayBuckets(period))
    .map((b) => ({ bucket: b.bucket ?? b.period.from, units: b.units ?? coverPeriod(b.period) }));
  const rows = await memo.units('category', [...current, ...before, ...buckets.flatMap((b) => b.units)]);
  const offices = new Set(scope.offices);
  const alike = new Set(compared.filter((o) => offices.has(o)));
  const byCategory = (row: CategoryUnitRow) => row.category;
  const visits = sumCategories(rows, current, offices, byCategory);
  const prev = sumCategories(rows, before, offices, byCategory);
  const comparedNow = sumCategories(rows, current, alike, byCategory);
  const comparedBefore = sumCategories(rows, before, alike, byCategory);
  const categories = [...new Set([...visits.keys(), ...prev.keys()])].sort(cmp).map((c) => ({
    category: c as Category, visits: visits.get(c) ?? 0, previous: comparedBefore.get(c) ?? 0, compared: comparedNow.get(c) ?? 0,
  })).filter((c) => c.visits !== 0 || (prev.get(c.category) ?? 0) !== 0);
  const trend: CategoryTrendRow[] = [];
  for (const b of buckets) {
    for (const [category, n] of [...sumCategories(rows, b.units, offices, byCategory)].sort(([x], [y]) => cmp(x, y))) {
      if (n > 0) trend.push({ bucket: b.bucket, category: category as Category, visits: n });
    }
  }
  return { categories, perOffice: await getOfficeCategoryVolumes(db, scope, memo), trend };
}
