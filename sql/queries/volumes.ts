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

/**
 * Visits per office in the period, and in the previous period [prevFrom, from) in the same scan
 * of visit_hourly. Offices without any visit are absent.
 */
export async function getOfficeVolumes(db: Kysely<Database>, scope: Scope, prevFrom: string): Promise<OfficeVolumeRow[]> {
  const r = await sql<OfficeVolumeRow>`
    select office_code as office,
      coalesce(sum(visits) filter (where day >= ${scope.from}::date), 0)::int as visits,
      coalesce(sum(visits) filter (where day < ${scope.from}::date), 0)::int as previous,
      coalesce(sum(admitted) filter (where day >= ${scope.from}::date), 0)::int as admitted,
      coalesce(sum(statements) filter (where day >= ${scope.from}::date), 0)::int as statements
    from visit_hourly
    where day >= ${prevFrom}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by office_code
    order by office_code`.execute(db);
  return r.rows;
}

export interface DailyVolumeRow {
  day: string;
  visits: number;
}

/** Visits per Almaty day; days without visits are absent. */
export async function getDailyVolumes(db: Kysely<Database>, scope: Scope): Promise<DailyVolumeRow[]> {
  const r = await sql<DailyVolumeRow>`
    select day, sum(visits)::int as visits
    from visit_hourly
    where day >= ${scope.from}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by day
    order by day`.execute(db);
  return r.rows;
}

export interface HeatRow {
  weekday: number;
  hour: number;
  visits: number;
}

/** Visits by ISO weekday (1 = Monday) and Almaty hour of arrival. */
export async function getWeekdayHourHeatmap(db: Kysely<Database>, scope: Scope): Promise<HeatRow[]> {
  const r = await sql<HeatRow>`
    select extract(isodow from day)::int as weekday, hour::int as hour, sum(visits)::int as visits
    from visit_hourly
    where day >= ${scope.from}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by 1, 2
    order by 1, 2`.execute(db);
  return r.rows;
}

/** First and last Almaty day holding any visit (nulls when there are none). */
export async function getDataRange(db: Kysely<Database>): Promise<{ firstDay: string | null; lastDay: string | null }> {
  const r = await sql<{ firstDay: string | null; lastDay: string | null }>`
    select (select min(day) from visit_hourly where visits > 0) as "firstDay",
           (select max(day) from visit_hourly where visits > 0) as "lastDay"`.execute(db);
  return r.rows[0] ?? { firstDay: null, lastDay: null };
}
