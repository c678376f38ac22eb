import { sql, type Kysely } from 'kysely';
import type { CopyIn } from '../../sql/db.ts';
import { SECOND_COLUMNS } from '../../sql/second-columns.ts';
import type { Database } from '../../sql/schema.ts';
import { fromArray } from './batches.ts';
import type { RollupData } from './rollup-copy.ts';
import type { VisitFacts } from './rollup-deltas.ts';

const COUNTERS = ['visits', 'admitted', 'statements', 'phone_known', 'phone_yes', 'questioned_known', 'questioned_yes'] as const;

/** A rollup table the loader adds to: its key, and the columns an upsert adds up. */
interface RollupTarget {
  table: 'visit_hourly' | 'duration_minutes' | 'office_daily' | 'visit_category_totals' | 'visit_hour_totals';
  delta: string;
  key: readonly string[];
  sums: readonly string[];
  rows: keyof RollupData;
}

/** In the order they are written: visit_hourly's change before the totals derived from it. */
const TARGETS: readonly RollupTarget[] = [
  { table: 'visit_hourly', delta: 'delta_hourly', key: ['office_code', 'day', 'hour', 'category'], sums: COUNTERS, rows: 'hourly' },
  { table: 'office_daily', delta: 'delta_daily', key: ['office_code', 'day'], sums: COUNTERS, rows: 'daily' },
  {
    table: 'visit_category_totals', delta: 'delta_category_totals', key: ['office_code', 'unit', 'start', 'category'],
    sums: ['visits', 'admitted', 'statements'], rows: 'categories',
  },
  {
    table: 'visit_hour_totals', delta: 'delta_hour_totals', key: ['office_code', 'unit', 'start', 'isodow', 'hour'],
    sums: ['visits'], rows: 'hours',
  },
  {
    table: 'duration_minutes', delta: 'delta_durations', key: ['office_code', 'metric', 'unit', 'start', 'minute'],
    sums: ['n', ...SECOND_COLUMNS], rows: 'durations',
  },
];

/**
 * Adds rollup deltas (summed in Node, see rollup-deltas.ts) inside the file's transaction: for each
 * rollup table, COPY into a temporary table, then one upsert that adds it in. The totals that
 * visit_hourly's triggers would derive come with the deltas and are written here, so those triggers
 * stand aside for these statements (vitrina.loader_totals, migration 0018).
 */
export async function writeRollupDeltas(tx: Kysely<Database>, copy: CopyIn, deltas: RollupData): Promise<void> {
  const targets = TARGETS.filter((t) => deltas[t.rows].rows > 0);
  if (targets.length === 0) return;
  // Created once per file transaction, emptied for each later write.
  for (const t of targets) {
    const columns = [...t.key, ...t.sums];
    await sql`create temp table if not exists ${sql.table(t.delta)} on commit drop as
      select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(t.table)} with no data`.execute(tx);
  }
  await sql`truncate ${sql.join(targets.map((t) => sql.table(t.delta)))}`.execute(tx);
  await sql`select set_config('vitrina.loader_totals', 'on', true)`.execute(tx);
  for (const t of targets) {
    const columns = [...t.key, ...t.sums];
    await copy(t.delta, columns, fromArray([deltas[t.rows].data]), 'binary');
    const cols = sql.join(columns.map((c) => sql.ref(c)));
    await sql`
      insert into ${sql.table(t.table)} as r (${cols})
      select ${cols} from ${sql.table(t.delta)}
      order by ${sql.join(t.key.map((c) => sql.ref(c)))}  -- one lock order for all writers: concurrent loads wait, never deadlock
      on conflict (${sql.join(t.key.map((c) => sql.ref(c)))}) do update set
        ${sql.join(t.sums.map((c) => sql`${sql.ref(c)} = r.${sql.ref(c)} + excluded.${sql.ref(c)}`))}`.execute(tx);
  }
  await sql`select set_config('vitrina.loader_totals', 'off', true)`.execute(tx);
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
