import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Scope } from './scope.ts';

export interface OfficeVolumeRow {
  office: string;
  visits: number;
  previous: number;
  admitted: number;
  statements: number;
}

export interface DailyVolumeRow {
  day: string;
  visits: number;
}

/** ISO weekday (1 = Monday) and Almaty hour of arrival. */
export interface HeatRow {
  weekday: number;
  hour: number;
  visits: number;
}

export interface VolumeBreakdown {
  /** Offices with any visit in either period. */
  perOffice: OfficeVolumeRow[];
  /** Days of the period with visits. */
  daily: DailyVolumeRow[];
  heatmap: HeatRow[];
}

/**
 * Visits per office (this period and the previous one, [prevFrom, from)), per day and per
 * weekday × hour, in one scan of visit_hourly with grouping sets.
 */
export async function getVolumeBreakdown(db: Kysely<Database>, scope: Scope, prevFrom: string): Promise<VolumeBreakdown> {
  const r = await sql<{ kind: 'office' | 'day' | 'heat'; office: string | null; day: string | null; weekday: number | null; hour: number | null }
    & Omit<OfficeVolumeRow, 'office'>>`
    select case when grouping(office_code) = 0 then 'office' when grouping(day) = 0 then 'day' else 'heat' end as kind,
      office_code as office, day, weekday, hour,
      coalesce(sum(visits) filter (where day >= ${scope.from}::date), 0)::int as visits,
      coalesce(sum(visits) filter (where day < ${scope.from}::date), 0)::int as previous,
      coalesce(sum(admitted) filter (where day >= ${scope.from}::date), 0)::int as admitted,
      coalesce(sum(statements) filter (where day >= ${scope.from}::date), 0)::int as statements
    from (
      select office_code, day, extract(isodow from day)::int as weekday, hour::int as hour, visits, admitted, statements
      from visit_hourly
      where day >= ${prevFrom}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    ) h
    group by grouping sets ((office_code), (day), (weekday, hour))
    order by 1, 2, 3, 4, 5`.execute(db);
  const out: VolumeBreakdown = { perOffice: [], daily: [], heatmap: [] };
  for (const row of r.rows) {
    const { visits, previous, admitted, statements } = row;
    if (row.kind === 'office') out.perOffice.push({ office: row.office ?? '', visits, previous, admitted, statements });
    else if (row.kind === 'day' && (row.day ?? '') >= scope.from) out.daily.push({ day: row.day ?? '', visits });
    else if (row.kind === 'heat' && visits > 0) out.heatmap.push({ weekday: row.weekday ?? 0, hour: row.hour ?? 0, visits });
  }
  return out;
}

/** First and last Almaty day holding any visit (nulls when there are none). */
export async function getDataRange(db: Kysely<Database>): Promise<{ firstDay: string | null; lastDay: string | null }> {
  const r = await sql<{ firstDay: string | null; lastDay: string | null }>`
    select (select min(day) from visit_hourly where visits > 0) as "firstDay",
           (select max(day) from visit_hourly where visits > 0) as "lastDay"`.execute(db);
  return r.rows[0] ?? { firstDay: null, lastDay: null };
}
