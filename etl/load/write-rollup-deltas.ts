import { sql, type Kysely } from 'kysely';
import type { CopyIn } from '../../sql/db.ts';
import { SECOND_COLUMNS, secondColumns } from '../../sql/second-columns.ts';
import type { Database } from '../../sql/schema.ts';
import { fromArray } from './batches.ts';
import type { RollupData, VisitFacts } from './rollup-deltas.ts';

const HOURLY_COLUMNS = ['office_code', 'day', 'hour', 'category', 'visits', 'admitted', 'statements',
  'phone_known', 'phone_yes', 'questioned_known', 'questioned_yes'] as const;
const COUNTERS = HOURLY_COLUMNS.slice(4);
const DURATION_COLUMNS = ['office_code', 'metric', 'unit', 'start', 'minute', 'n', ...SECOND_COLUMNS] as const;

/**
 * Adds rollup deltas (summed in Node, see rollup-deltas.ts) inside the file's transaction: COPY
 * into temporary tables, then one upsert each into visit_hourly (whose triggers carry the change on
 * to office_daily and the coarser count rollups) and duration_minutes.
 */
export async function writeRollupDeltas(tx: Kysely<Database>, copy: CopyIn, deltas: RollupData): Promise<void> {
  if (deltas.hourlyRows === 0 && deltas.durationRows === 0) return;
  // Created once per file transaction, emptied for each later write.
  await sql`create temp table if not exists delta_hourly on commit drop as
    select ${sql.join(HOURLY_COLUMNS.map((c) => sql.ref(c)))} from visit_hourly with no data`.execute(tx);
  await sql`create temp table if not exists delta_durations on commit drop as
    select ${sql.join(DURATION_COLUMNS.map((c) => sql.ref(c)))} from duration_minutes with no data`.execute(tx);
  await sql`truncate delta_hourly, delta_durations`.execute(tx);
  if (deltas.hourlyRows > 0) {
    await copy('delta_hourly', HOURLY_COLUMNS, fromArray([deltas.hourly]), 'binary');
    await sql`
      insert into visit_hourly as r (${sql.join(HOURLY_COLUMNS.map((c) => sql.ref(c)))})
      select ${sql.join(HOURLY_COLUMNS.map((c) => sql.ref(c)))} from delta_hourly
      order by office_code, day, hour, category  -- one lock order for all writers: concurrent loads wait, never deadlock
      on conflict (office_code, day, hour, category) do update set
        ${sql.join(COUNTERS.map((c) => sql`${sql.ref(c)} = r.${sql.ref(c)} + excluded.${sql.ref(c)}`))}`.execute(tx);
  }
  if (deltas.durationRows > 0) {
    await copy('delta_durations', DURATION_COLUMNS, fromArray([deltas.durations]), 'binary');
    await sql`
      insert into duration_minutes as r (${sql.join(DURATION_COLUMNS.map((c) => sql.ref(c)))})
      select ${sql.join(DURATION_COLUMNS.map((c) => sql.ref(c)))} from delta_durations
      order by office_code, metric, unit, start, minute
      on conflict (office_code, metric, unit, start, minute) do update set
        n = r.n + excluded.n, ${secondColumns((c) => sql`${c} = r.${c} + excluded.${c}`)}`.execute(tx);
  }
}

/**
 * The staged rows of the current batch that the merge did not insert (their identity was already
 * stored, or came earlier in the file), as rollup facts, so they can be taken back out of the deltas.
 * A staged row was inserted exactly when a visit with its key came from this file at its line.
 */
export async function stagedDuplicateFacts(tx: Kysely<Database>, fileId: string): Promise<VisitFacts[]> {
  const r = await sql<{
    office: string; day: string; arrived: number; category: string; admitted: number | null; started: number | null;
    finished: number | null; statement: boolean; phone: boolean | null; questioned: boolean | null;
  }>`
    select s.office_code as office, s.arrival_date::text as day, (extract(epoch from s.arrived_at) * 1000)::float8 as arrived,
      s.category, (extract(epoch from s.admitted_at) * 1000)::float8 as admitted,
      (extract(epoch from s.started_at) * 1000)::float8 as started, (extract(epoch from s.finished_at) * 1000)::float8 as finished,
      coalesce(s.outcome = 'statement_accepted', false) as statement, s.phone_surrendered as phone, s.checkpoint_questioned as questioned
    from stage_visits s
    where not exists (select 1 from visits v where v.office_code = s.office_code and v.visit_key = s.visit_key and v.file_id = ${fileId}::bigint
      and v.source_line = s.source_line and v.source_sheet is not distinct from s.source_sheet)`.execute(tx);
  return r.rows.map((x) => ({
    office: x.office, day: x.day, arrivedMs: x.arrived, category: x.category, admittedMs: x.admitted, startedMs: x.started,
    finishedMs: x.finished, statement: x.statement, phone: x.phone, questioned: x.questioned,
  }));
}
