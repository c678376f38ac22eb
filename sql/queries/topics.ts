import { sql, type Kysely } from 'kysely';
import type { Category } from '../domain/categories.ts';
import type { Database } from '../schema.ts';
import type { Scope } from './scope.ts';

export interface CategoryVolumeRow {
  category: Category;
  visits: number;
  previous: number;
}

/** Visits per topic category in the period and in the previous period [prevFrom, from), one scan. */
export async function getCategoryVolumes(db: Kysely<Database>, scope: Scope, prevFrom: string): Promise<CategoryVolumeRow[]> {
  const r = await sql<CategoryVolumeRow>`
    select category,
      coalesce(sum(visits) filter (where day >= ${scope.from}::date), 0)::int as visits,
      coalesce(sum(visits) filter (where day < ${scope.from}::date), 0)::int as previous
    from visit_hourly
    where day >= ${prevFrom}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by category
    order by category`.execute(db);
  return r.rows;
}

export interface OfficeCategoryRow {
  office: string;
  category: Category;
  visits: number;
}

export async function getOfficeCategoryVolumes(db: Kysely<Database>, scope: Scope): Promise<OfficeCategoryRow[]> {
  const r = await sql<OfficeCategoryRow>`
    select office_code as office, category, sum(visits)::int as visits
    from visit_hourly
    where day >= ${scope.from}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by 1, 2
    having sum(visits) > 0
    order by 1, 2`.execute(db);
  return r.rows;
}

export type Granularity = 'day' | 'week' | 'month';

export interface CategoryTrendRow {
  bucket: string;
  category: Category;
  visits: number;
}

/** Visits per category and day, ISO week (from Monday) or month; the bucket is its first day. */
export async function getCategoryTrend(db: Kysely<Database>, scope: Scope, granularity: Granularity): Promise<CategoryTrendRow[]> {
  // date_trunc on a timestamp without time zone: on a date it would go through the session's zone.
  const r = await sql<CategoryTrendRow>`
    select date_trunc(${granularity}, day::timestamp)::date as bucket, category, sum(visits)::int as visits
    from visit_hourly
    where day >= ${scope.from}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by 1, 2
    having sum(visits) > 0
    order by 1, 2`.execute(db);
  return r.rows;
}
