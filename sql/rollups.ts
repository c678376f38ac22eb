import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { secondColumns } from './second-columns.ts';

/**
 * Adds (sign = 1) or removes (sign = -1) the stored visits matching `where` to the rollups.
 * Reclassification removes a batch under its old category and adds it back under the new one;
 * addFileToRollups rebuilds a file's share from its stored visits. The ingest itself sums the same
 * rows in Node as it parses (etl/load/rollup-deltas.ts); a test holds the two paths equal.
 */
async function applyToRollups(tx: Kysely<Database>, where: ReturnType<typeof sql>, sign: 1 | -1, withDurations: boolean): Promise<void> {
  const s = sql.lit(sign);
  await sql`
    insert into visit_hourly as r (office_code, day, hour, category, visits, admitted, statements,
      phone_known, phone_yes, questioned_known, questioned_yes)
    select office_code, arrival_date, extract(hour from arrived_at at time zone 'Asia/Almaty')::smallint, category,
      ${s} * count(*), ${s} * count(admitted_at), ${s} * count(*) filter (where outcome = 'statement_accepted'),
      ${s} * count(phone_surrendered), ${s} * count(*) filter (where phone_surrendered),
      ${s} * count(checkpoint_questioned), ${s} * count(*) filter (where checkpoint_questioned)
    from visits v where ${where}
    group by 1, 2, 3, 4
    on conflict (office_code, day, hour, category) do update set
      visits = r.visits + excluded.visits, admitted = r.admitted + excluded.admitted,
      statements = r.statements + excluded.statements,
      phone_known = r.phone_known + excluded.phone_known, phone_yes = r.phone_yes + excluded.phone_yes,
      questioned_known = r.questioned_known + excluded.questioned_known,
      questioned_yes = r.questioned_yes + excluded.questioned_yes`.execute(tx);
  // Durations do not depend on the category, so reclassification never touches these.
  if (!withDurations) return;
  // Two-level duration histograms (migration 0007): per-second counts per day are pivoted into one
  // row per minute of duration, then summed into the dekad, month and year rows, in one statement.
  await sql`
    with per_second as (
      select v.office_code, v.arrival_date as day, m.metric, m.seconds, count(*)::int as n
      from visits v
      cross join lateral (values
        ('admission_delay', floor(extract(epoch from v.admitted_at - v.arrived_at))::int),
        ('wait_time', floor(extract(epoch from v.started_at - v.arrived_at))::int),
        ('service_time', floor(extract(epoch from v.finished_at - v.started_at))::int),
        ('application_time', case when v.outcome = 'statement_accepted'
          then floor(extract(epoch from v.finished_at - v.arrived_at))::int end)
      ) as m (metric, seconds)
      where ${where} and m.seconds is not null
      group by 1, 2, 3, 4
    ), per_day as (
      select office_code, day, metric, minute, ${s} * sum(n)::int as n,
        ${secondColumns((c, i) => sql`${s} * coalesce(sum(n) filter (where off = ${sql.lit(i)}), 0)::int as ${c}`)}
      from (select office_code, day, metric, n, floor(seconds / 60.0)::int as minute,
              seconds - 60 * floor(seconds / 60.0)::int as off from per_second) p
      group by 1, 2, 3, 4
    )
    insert into duration_minutes as r (office_code, metric, unit, start, minute, n, ${secondColumns()})
    select office_code, metric, u.unit, u.start, minute, sum(n)::int, ${secondColumns((c) => sql`sum(${c})::int`)}
    from per_day
    cross join lateral (values ('day', day),
      ('dekad', dekad_start(day)), ('month', date_trunc('month', day)::date), ('year', date_trunc('year', day)::date)) as u (unit, start)
    group by 1, 2, 3, 4, 5
    on conflict (office_code, metric, unit, start, minute) do update set
      n = r.n + excluded.n, ${secondColumns((c) => sql`${c} = r.${c} + excluded.${c}`)}`.execute(tx);
}

/**
 * Adds one stored file's visits to the rollups and records the days it covers per office (the
 * benchmark database, tests); the ingest records both as it parses.
 */
export async function addFileToRollups(tx: Kysely<Database>, fileId: string | number): Promise<void> {
  await applyToRollups(tx, sql`v.file_id = ${String(fileId)}`, 1, true);
  await sql`
    insert into file_coverage (file_id, office_code, first_day, last_day)
    select file_id, office_code, min(arrival_date), max(arrival_date) from visits
    where file_id = ${String(fileId)} group by 1, 2
    on conflict (file_id, office_code) do nothing`.execute(tx);
}

/** Moves visits between categories in visit_hourly: call with sign -1 before, +1 after the update. */
export function shiftCategoryRollups(tx: Kysely<Database>, visitIds: readonly string[], sign: 1 | -1): Promise<void> {
  return applyToRollups(tx, sql`v.id = any(${visitIds}::bigint[])`, sign, false);
}
