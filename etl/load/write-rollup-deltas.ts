import { sql, type Kysely } from 'kysely';
import type { CopyIn } from '../../sql/db.ts';
import { SECOND_COLUMNS } from '../../sql/second-columns.ts';
import type { Database } from '../../sql/schema.ts';
import { fromArray } from './batches.ts';
import type { RollupData, RollupTable } from './rollup-copy.ts';
import type { VisitFacts } from './rollup-deltas.ts';
import { undoOnConflict } from './undo-on-conflict.ts';

const COUNTERS = ['visits', 'admitted', 'statements', 'phone_known', 'phone_yes', 'questioned_known', 'questioned_yes'] as const;

/** A rollup table the loader adds to: its key, and the columns an upsert adds up. */
interface RollupTarget {
  table: 'visit_hourly' | 'duration_minutes' | 'office_daily' | 'visit_category_totals' | 'visit_hour_totals';
  delta: string;
  key: readonly string[];
  sums: readonly string[];
  rows: RollupTable;
  /** Rows of whole Almaty days only: none can be stored yet when their days held no visit. */
  dayRows: boolean;
}

const DURATION_KEY = ['office_code', 'metric', 'unit', 'start', 'minute'];
const DURATION_SUMS = ['n', ...SECOND_COLUMNS];

/** In the order they are written: visit_hourly's change before the totals derived from it. */
const TARGETS: readonly RollupTarget[] = [
  { table: 'visit_hourly', delta: 'delta_hourly', key: ['office_code', 'day', 'hour', 'category'], sums: COUNTERS, rows: 'hourly', dayRows: true },
  { table: 'office_daily', delta: 'delta_daily', key: ['office_code', 'day'], sums: COUNTERS, rows: 'daily', dayRows: true },
  { table: 'duration_minutes', delta: 'delta_day_durations', key: DURATION_KEY, sums: DURATION_SUMS, rows: 'dayDurations', dayRows: true },
  {
    table: 'visit_category_totals', delta: 'delta_category_totals', key: ['office_code', 'unit', 'start', 'category'],
    sums: ['visits', 'admitted', 'statements'], rows: 'categories', dayRows: false,
  },
  {
    table: 'visit_hour_totals', delta: 'delta_hour_totals', key: ['office_code', 'unit', 'start', 'isodow', 'hour'],
    sums: ['visits'], rows: 'hours', dayRows: false,
  },
  { table: 'duration_minutes', delta: 'delta_durations', key: DURATION_KEY, sums: DURATION_SUMS, rows: 'unitDurations', dayRows: false },
];

/**
 * Adds rollup deltas (summed in Node, see rollup-deltas.ts) inside the file's transaction: for each
 * rollup table, COPY into a temporary table, then one upsert that adds it in. The totals that
 * visit_hourly's triggers would derive come with the deltas and are written here, so those triggers
 * stand aside for these statements (vitrina.loader_totals, migration 0018).
 *
 * `newDays`: every visit these deltas sum went straight into days that held none (BatchProbe), so
 * their day rows cannot be stored yet, and are copied into their tables without the upsert (a
 * million visits' rollup statements took the server 1.9 s with upserts only, ~1.05 s so). The tables'
 * keys still decide: should a row be there after all (a concurrent load of the same days, a row
 * left at zero), the copies are undone to a savepoint and the day rows are upserted with the rest.
 */
export async function writeRollupDeltas(tx: Kysely<Database>, copy: CopyIn, deltas: RollupData, newDays = false): Promise<void> {
  const targets = TARGETS.filter((t) => deltas[t.rows].rows > 0);
  if (targets.length === 0) return;
  await sql`select set_config('vitrina.loader_totals', 'on', true)`.execute(tx);
  const copied = newDays && await copyNewDayRows(tx, copy, deltas, targets.filter((t) => t.dayRows));
  const upserts = copied ? targets.filter((t) => !t.dayRows) : targets;
  // Created once per file transaction, emptied for each later write.
  for (const t of upserts) {
    const columns = [...t.key, ...t.sums];
    await sql`create temp table if not exists ${sql.table(t.delta)} on commit drop as
      select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(t.table)} with no data`.execute(tx);
  }
  if (upserts.length > 0) await sql`truncate ${sql.join(upserts.map((t) => sql.table(t.delta)))}`.execute(tx);
  for (const t of upserts) {
    const columns = [...t.key, ...t.sums];
    await copy(t.delta, columns, fromArray([deltas[t.rows].data]), 'binary');
    const cols = sql.join(columns.map((c) => sql.ref(c)));
    const key = sql.join(t.key.map((c) => sql.ref(c)));
    // Summed first: a day written in two pieces repeats its rows (see RollupData), and an upsert
    // may not change a row twice.
    await sql`
      insert into ${sql.table(t.table)} as r (${cols})
      select ${key}, ${sql.join(t.sums.map((c) => sql`sum(${sql.ref(c)})::int`))} from ${sql.table(t.delta)}
      group by ${key}
      order by ${key}  -- one lock order for all writers: concurrent loads wait, never deadlock
      on conflict (${key}) do update set
        ${sql.join(t.sums.map((c) => sql`${sql.ref(c)} = r.${sql.ref(c)} + excluded.${sql.ref(c)}`))}`.execute(tx);
  }
  await sql`select set_config('vitrina.loader_totals', 'off', true)`.execute(tx);
}

/** COPYs the day rows straight into their tables; false (and nothing written) when one was already there. */
async function copyNewDayRows(tx: Kysely<Database>, copy: CopyIn, deltas: RollupData, targets: readonly RollupTarget[]): Promise<boolean> {
  // A unique violation, or a deadlock with a concurrent load writing the same rows in another order.
  const copied = await undoOnConflict(tx, 'new_rollup_days', ['23505', '40P01'], async () => {
    for (const t of targets) await copy(t.table, [...t.key, ...t.sums], fromArray([deltas[t.rows].data]), 'binary');
    return true;
  });
  return copied !== null;
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
    where not exists (select 1 from visits v where v.office_code = s.office_code and v.arrival_date = s.arrival_date
      and v.visit_key = s.visit_key and v.file_id = ${fileId}::bigint
      and v.source_line = s.source_line and v.source_sheet is not distinct from s.source_sheet)`.execute(tx);
  return r.rows.map((x) => ({
    office: x.office, day: x.day, arrivedMs: x.arrived, category: x.category, admittedMs: x.admitted, startedMs: x.started,
    finishedMs: x.finished, statement: x.statement, phone: x.phone, questioned: x.questioned,
  }));
}
