import { sql, type Kysely } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import type { Database } from '../schema.ts';
import { coverRows, labelledCover, unitRowsOf } from '../cover/labelled-cover.ts';
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

/** Visits of one office by ISO weekday (1 = Monday) and Almaty hour of arrival. */
export interface HeatRow {
  office: string;
  weekday: number;
  hour: number;
  visits: number;
}

export interface VolumeBreakdown {
  /** Offices with any visit in either period. */
  perOffice: OfficeVolumeRow[];
  /** Days of the period with visits. */
  daily: DailyVolumeRow[];
  /** Per office, so each can be divided by its own covered days of that weekday. */
  heatmap: HeatRow[];
}

/**
 * Visits per office (this period and the one compared with), per day and per
 * weekday × hour, in one statement that reads only coarse rollups: per office and heatmap sum the
 * signed day/dekad/month/year units of each period's cover (a year is one or two units, not 8,760 hours),
 * the daily series reads office_daily. Offices, days and heatmap cells without visits are left out.
 */
export async function getVolumeBreakdown(db: Kysely<Database>, scope: Scope, previous: Period): Promise<VolumeBreakdown> {
  const cover = coverRows(labelledCover([
    { part: 'current', period: { from: scope.from, to: scope.to } },
    { part: 'previous', period: previous },
  ]));
  const r = await sql<{ kind: 'office' | 'day' | 'heat'; office: string | null; day: string | null; weekday: number | null; hour: number | null }
    & Omit<OfficeVolumeRow, 'office'>>`
    with u as (select * from ${cover}),
    per_office as (
      select t.office_code as office,
        coalesce(sum(u.sign * t.visits) filter (where u.part = 'current'), 0)::int as visits,
        coalesce(sum(u.sign * t.visits) filter (where u.part = 'previous'), 0)::int as previous,
        coalesce(sum(u.sign * t.admitted) filter (where u.part = 'current'), 0)::int as admitted,
        coalesce(sum(u.sign * t.statements) filter (where u.part = 'current'), 0)::int as statements
      from u ${unitRowsOf('visit_category_totals', scope.offices)}
      group by t.office_code)
    select 'office' as kind, office, null::date as day, null::int as weekday, null::int as hour, visits, previous, admitted, statements
    from per_office where visits <> 0 or previous <> 0
    union all
    select 'day', null, day, null, null, sum(visits)::int, 0, 0, 0
    from office_daily
    where office_code = any(${scope.offices}::text[]) and day >= ${scope.from}::date and day < ${scope.to}::date
    group by day having sum(visits) > 0
    union all
    select 'heat', t.office_code, null, t.isodow::int, t.hour::int, sum(u.sign * t.visits)::int, 0, 0, 0
    from u ${unitRowsOf('visit_hour_totals', scope.offices)}
    where u.part = 'current'
    group by t.office_code, t.isodow, t.hour having sum(u.sign * t.visits) > 0
    order by 1, 2, 3, 4, 5`.execute(db);
  const out: VolumeBreakdown = { perOffice: [], daily: [], heatmap: [] };
  for (const row of r.rows) {
    const { visits, previous, admitted, statements } = row;
    if (row.kind === 'office') out.perOffice.push({ office: row.office ?? '', visits, previous, admitted, statements });
    else if (row.kind === 'day') out.daily.push({ day: row.day ?? '', visits });
    else out.heatmap.push({ office: row.office ?? '', weekday: row.weekday ?? 0, hour: row.hour ?? 0, visits });
  }
  return out;
}

/**
 * First and last Almaty day holding any visit (nulls when there are none): per office, the first
 * and last office_daily row with visits, read from the (office_code, day) key's ends instead of a scan.
 */
export async function getDataRange(db: Kysely<Database>): Promise<{ firstDay: string | null; lastDay: string | null }> {
  const r = await sql<{ firstDay: string | null; lastDay: string | null }>`
    select min((select d.day from office_daily d where d.office_code = o.code and d.visits > 0 order by d.day limit 1)) as "firstDay",
           max((select d.day from office_daily d where d.office_code = o.code and d.visits > 0 order by d.day desc limit 1)) as "lastDay"
    from offices o`.execute(db);
  return r.rows[0] ?? { firstDay: null, lastDay: null };
}
