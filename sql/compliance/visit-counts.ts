import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import type { Period } from '../../domain/calendar.ts';

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
 * Each office's reporting start (contract §4): the Almaty day of the earliest visit it ever sent.
 * One definition, used by the rule's evidence and by the gaps below, so no caller can count from the
 * period's start by forgetting it.
 */
function reportingStartsSql(offices: readonly string[] | undefined): RawBuilder<{ office_code: string; start: string }> {
  return sql`select office_code, min(day) as start from office_daily
    where visits > 0 ${officeFilter(offices)} group by office_code`;
}

/**
 * Each office's reporting start as YYYY-MM-DD (every office when none are named); an office missing
 * from the map has never sent a visit.
 */
export async function getReportingStarts(db: Kysely<Database>, offices?: readonly string[]): Promise<Map<string, string>> {
  const r = await sql<{ office: string; start: string }>`
    select office_code as office, start::text as start from (${reportingStartsSql(offices)}) s`.execute(db);
  return new Map(r.rows.map((row) => [row.office, row.start]));
}

/**
 * Gaps between the days an office logged visits over [start, end), where each office's start is
 * the later of `from` and its reporting start (contract §4: the days before it are not gaps; offices
 * that never sent a visit, or only from `end` on, are left out), with sentinel days just before the
 * start and at `end` so silent days at either edge of that span count too.
 */
export async function getReportingGaps(
  db: Kysely<Database>, from: string, end: string, offices: readonly string[], starts?: ReadonlyMap<string, string>,
): Promise<ReportingGap[]> {
  if (!offices.length || end <= from) return [];
  // The starts when the caller has them already (getReportingStarts, kept per data version by the
  // server), else read here by the same definition.
  const known = starts && offices.filter((o) => starts.has(o));
  const startsOf = known
    ? sql`select * from unnest(${known}::text[], ${known.map((o) => starts.get(o) ?? '')}::date[]) as s (office_code, start)`
    : reportingStartsSql(offices);
  const r = await sql<ReportingGap>`
    with o as (
      select office_code as code, greatest(start, ${from}::date) as begin_day from (${startsOf}) s
      where greatest(start, ${from}::date) < ${end}::date
    ), active as (
      select d.office_code, d.day from office_daily d join o on o.code = d.office_code
      where d.day >= o.begin_day and d.day < ${end}::date and d.visits > 0
    ), marks as (
      select office_code, day, true as active from active
      union all select code, begin_day - 1, false from o
      union all select code, ${end}::date, false from o
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
    select r.office_code as office, (${end}::date - o.begin_day) as days, r.active_days::float8 as "activeDays",
      coalesce(r.gap, 0) as "longestGap",
      case when r.gap > 0 then r.gap_from::text end as "gapFrom", case when r.gap > 0 then r.gap_to::text end as "gapTo"
    from ranked r join o on o.code = r.office_code where r.rn = 1 order by r.office_code`.execute(db);
  return r.rows;
}
