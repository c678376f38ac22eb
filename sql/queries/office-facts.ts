import { sql, type Kysely } from 'kysely';
import type { Database, VisitCounts } from '../schema.ts';
import type { Scope } from './scope.ts';

export interface OfficeFactsRow extends VisitCounts {
  office: string;
  /** Days of [from, daysUntil) with at least one visit. */
  active_days: number;
}

/** The counts behind the compliance metrics, per office, from visit_hourly. */
export async function getOfficeFacts(db: Kysely<Database>, scope: Scope, daysUntil: string): Promise<OfficeFactsRow[]> {
  const r = await sql<OfficeFactsRow>`
    select office_code as office,
      sum(visits)::int as visits, sum(admitted)::int as admitted, sum(statements)::int as statements,
      sum(phone_known)::int as phone_known, sum(phone_yes)::int as phone_yes,
      sum(questioned_known)::int as questioned_known, sum(questioned_yes)::int as questioned_yes,
      count(distinct day) filter (where visits > 0 and day < ${daysUntil}::date)::int as active_days
    from visit_hourly
    where day >= ${scope.from}::date and day < ${scope.to}::date and office_code = any(${scope.offices}::text[])
    group by office_code
    order by office_code`.execute(db);
  return r.rows;
}

/** Almaty days of [from, until) on which the office recorded no visit. */
export async function getDaysWithoutLogs(db: Kysely<Database>, office: string, from: string, until: string): Promise<string[]> {
  if (until <= from) return [];
  const r = await sql<{ day: string }>`
    select d::date as day
    from generate_series(${from}::date, ${until}::date - 1, interval '1 day') as d
    where not exists (
      select 1 from visit_hourly h where h.office_code = ${office} and h.day = d::date and h.visits > 0)
    order by 1`.execute(db);
  return r.rows.map((row) => row.day);
}
