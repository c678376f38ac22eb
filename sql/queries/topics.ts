import { sql, type Kysely } from 'kysely';
import type { Category } from '../domain/categories.ts';
import type { Database } from '../schema.ts';
import type { Scope } from './scope.ts';

export interface CategoryVolumeRow {
  category: Category;
  visits: number;
  previous: number;
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

export interface TopicBreakdown {
  categories: CategoryVolumeRow[];
  perOffice: OfficeCategoryRow[];
  trend: CategoryTrendRow[];
}

/**
 * The three topic tables in one scan of visit_hourly over [prevFrom, to) with grouping sets:
 * per category (this and the previous period), per office × category and per bucket × category
 * (this period). Same numbers as the three queries above, read once.
 */
export async function getTopicBreakdown(db: Kysely<Database>, scope: Scope, prevFrom: string, granularity: Granularity): Promise<TopicBreakdown> {
  const r = await sql<{ kind: 'category' | 'office' | 'bucket'; office: string | null; bucket: string | null; category: Category; visits: number; previous: number }>`
    select case when grouping(office_code) = 0 then 'office' when grouping(bucket) = 0 then 'bucket' else 'category' end as kind,
      office_code as office, bucket, category,
      coalesce(sum(visits) filter (where day >= ${scope.from}::date), 0)::int as visits,
      coalesce(sum(visits) filter (where day < ${scope.from}::date), 0)::int as previous
    from (
      select office_code, date_trunc(${granularity}, day::timestamp)::date as bucket, category, day, visits
      from visit_hourly
      where day >= ${prevFrom}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    ) h
    group by grouping sets ((category), (office_code, category), (bucket, category))
    order by 1, 2, 3, 4`.execute(db);
  const out: TopicBreakdown = { categories: [], perOffice: [], trend: [] };
  for (const row of r.rows) {
    if (row.kind === 'category') out.categories.push({ category: row.category, visits: row.visits, previous: row.previous });
    else if (row.visits > 0 && row.kind === 'office') out.perOffice.push({ office: row.office ?? '', category: row.category, visits: row.visits });
    else if (row.visits > 0 && row.kind === 'bucket') out.trend.push({ bucket: row.bucket ?? '', category: row.category, visits: row.visits });
  }
  return out;
}
