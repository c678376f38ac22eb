import { sql, type Kysely } from 'kysely';
import { addDays, monthStart, nextMonth, type Period } from '../../domain/calendar.ts';
import type { Category } from '../../domain/categories.ts';
import type { Database } from '../schema.ts';
import { coverRows, labelledCover, unitRowsOf, type CoverPart } from '../cover/labelled-cover.ts';
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
export async function getOfficeCategoryVolumes(db: Kysely<Database>, scope: Scope): Promise<OfficeCategoryRow[]> {
  const cover = coverRows(labelledCover([{ part: 'current', period: { from: scope.from, to: scope.to } }]));
  const r = await sql<OfficeCategoryRow>`
    select t.office_code as office, t.category, sum(u.sign * t.visits)::int as visits
    from ${cover} ${unitRowsOf('visit_category_totals', scope.offices)}
    group by 1, 2
    having sum(u.sign * t.visits) > 0
    order by 1, 2`.execute(db);
  return r.rows;
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

/**
 * Each ISO week the period touches, clipped to it, named by its Monday: a whole week is its one
 * 'week' row, a clipped one its days.
 */
function weekBuckets(period: Period): CoverPart[] {
  const out: CoverPart[] = [];
  const isodow = (new Date(`${period.from}T00:00:00Z`).getUTCDay() + 6) % 7;
  for (let w = addDays(period.from, -isodow); w < period.to; w = addDays(w, 7)) {
    const from = w < period.from ? period.from : w;
    const end = addDays(w, 7);
    const to = end < period.to ? end : period.to;
    const units = from === w && to === end ? [{ unit: 'week' as const, start: w, sign: 1 as const }] : undefined;
    out.push({ part: 'bucket', bucket: w, period: { from, to }, ...(units ? { units } : {}) });
  }
  return out;
}

/**
 * The three topic tables in one statement over visit_category_totals: per category (this and the
 * previous period) and per office × category from each period's cover; the trend per month from
 * each month's own cover (a whole month is one row), per ISO week from its week row (the days of a
 * clipped week), per day from the period's day rows.
 * Categories with no visits in either period, and empty office or trend cells, are left out.
 */
export async function getTopicBreakdown(
  db: Kysely<Database>, scope: Scope, previous: Period, granularity: Granularity, compared: readonly string[],
): Promise<TopicBreakdown> {
  const period = { from: scope.from, to: scope.to };
  const cover = coverRows(labelledCover([
    { part: 'current', period },
    { part: 'previous', period: previous },
    ...(granularity === 'month' ? monthBuckets(period) : granularity === 'week' ? weekBuckets(period) : []),
  ]));
  const trend = granularity !== 'day'
    ? sql`select u.bucket, t.category, sum(u.sign * t.visits)::int as visits
        from u ${unitRowsOf('visit_category_totals', scope.offices)}
        where u.part = 'bucket'
        group by 1, 2`
    : sql`select t.start as bucket, t.category, sum(t.visits)::int as visits from visit_category_totals t
        where t.office_code = any(${scope.offices}::text[]) and t.unit = 'day' and t.start >= ${scope.from}::date and t.start < ${scope.to}::date
        group by 1, 2`;
  const r = await sql<{ kind: 'category' | 'office' | 'bucket'; office: string | null; bucket: string | null; category: Category; visits: number; previous: number; compared: number }>`
    with u as (select * from ${cover}),
    per_office as (
      select t.office_code as office, t.category,
        coalesce(sum(u.sign * t.visits) filter (where u.part = 'current'), 0)::int as visits,
        coalesce(sum(u.sign * t.visits) filter (where u.part = 'previous'), 0)::int as previous
      from u ${unitRowsOf('visit_category_totals', scope.offices)}
      where u.part in ('current', 'previous')
      group by 1, 2),
    trend as (${trend})
    select 'category' as kind, null as office, null::date as bucket, category, sum(visits)::int as visits,
      coalesce(sum(previous) filter (where office = any(${compared}::text[])), 0)::int as previous,
      coalesce(sum(visits) filter (where office = any(${compared}::text[])), 0)::int as compared
    from per_office group by category having sum(visits) <> 0 or sum(previous) <> 0
    union all
    select 'office', office, null, category, visits, 0, 0 from per_office where visits > 0
    union all
    select 'bucket', null, bucket, category, visits, 0, 0 from trend where visits > 0
    order by 1, 2, 3, 4`.execute(db);
  const out: TopicBreakdown = { categories: [], perOffice: [], trend: [] };
  for (const row of r.rows) {
    if (row.kind === 'category') out.categories.push({ category: row.category, visits: row.visits, previous: row.previous, compared: row.compared });
    else if (row.kind === 'office') out.perOffice.push({ office: row.office ?? '', category: row.category, visits: row.visits });
    else out.trend.push({ bucket: row.bucket ?? '', category: row.category, visits: row.visits });
  }
  return out;
}
