import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import type { Period } from './period.ts';

function officeFilter(offices: readonly string[] | undefined): RawBuilder<unknown> {
  return offices ? sql`and office_code = any(${[...offices]}::text[])` : sql``;
}

/** One office's visit counts over a period, from office_daily (visit_hourly summed per day). */
export interface VisitCounts {
  office: string;
  visits: number;
  admitted: number;
  statements: number;
  phoneKnown: number;
  phoneYes: number;
  questionedKnown: number;
  questionedYes: number;
  /** Calendar days with at least one visit. */
  activeDays: number;
}

export async function getVisitCounts(db: Kysely<Database>, period: Period, offices?: readonly string[]): Promise<VisitCounts[]> {
  const r = await sql<VisitCounts>`
    select office_code as office, sum(visits)::float8 as visits, sum(admitted)::float8 as admitted,
      sum(statements)::float8 as statements,
      sum(phone_known)::float8 as "phoneKnown", sum(phone_yes)::float8 as "phoneYes",
      sum(questioned_known)::float8 as "questionedKnown", sum(questioned_yes)::float8 as "questionedYes",
      count(*) filter (where visits > 0)::float8 as "activeDays"
    from office_daily
    where day >= ${period.from}::date and day < ${period.to}::date ${officeFilter(offices)}
    group by office_code having sum(visits) > 0 order by office_code`.execute(db);
  return r.rows;
}

/** The longest run of calendar days without any visit, edges included. */
export interface ReportingGap {
  office: string;
  /** Days counted: [from, end). */
  days: number;
  activeDays: number;
  longestGap: number;
  /** First and last silent day of the longest gap (the earliest such gap); null when there is none. */
  gapFrom: string | null;
  gapTo: string | null;
}

/**
 * Gaps between the days an office logged visits, with sentinel days just before `from` and at `end`
 * so silent days at either edge count too; an office with no visit at all has one gap = the period.
 */
export async function getReportingGaps(
  db: Kysely<Database>, from: string, end: string, offices: readonly string[],
): Promise<ReportingGap[]> {
  const r = await sql<ReportingGap>`
    with active as (
      select office_code, day from office_daily
      where day >= ${from}::date and day < ${end}::date and visits > 0 and office_code = any(${[...offices]}::text[])
    ), marks as (
      select office_code, day, true as active from active
      union all select code, ${from}::date - 1, false from unnest(${[...offices]}::text[]) as o (code)
      union all select code, ${end}::date, false from unnest(${[...offices]}::text[]) as o (code)
    ), gaps as (
      select office_code, active, day,
        day - lag(day) over (partition by office_code order by day) - 1 as gap,
        lag(day) over (partition by office_code order by day) + 1 as gap_from
      from marks
    ), ranked as (
      select office_code, gap, gap_from, day - 1 as gap_to,
        row_number() over (partition by office_code order by gap desc nulls last, day) as rn,
        count(*) filter (where active) over (partition by office_code) as active_days
      from gaps
    )
    select office_code as office, (${end}::date - ${from}::date) as days, active_days::float8 as "activeDays",
      coalesce(gap, 0) as "longestGap",
      case when gap > 0 then gap_from::text end as "gapFrom", case when gap > 0 then gap_to::text end as "gapTo"
    from ranked where rn = 1 order by office_code`.execute(db);
  return r.rows;
}
