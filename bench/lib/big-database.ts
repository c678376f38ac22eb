/**
 * A national-scale database for the benchmarks: BENCH_VISITS (default 10,000,000) demo visits over
 * 2018–2019 on the real server, built once and kept (database vitrina_bench_big_<N>) so later runs
 * reuse it. Rows come from the demo generator, are streamed into COPY office by office, and each
 * office's batch is added to the rollups with addFileToRollups, as an ingest would.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_OFFICES, type DemoOffice } from '../../etl/demo/scenario.ts';
import { generateOfficeVisits, periodDays, type DemoVisit } from '../../etl/demo/generate-visits.ts';
import { instantMs, type DemoDay } from '../../etl/demo/almaty-time.ts';
import { openDatabase, type DatabaseHandle } from '../../sql/db.ts';
import { migrate } from '../../sql/migrate.ts';
import { prepareDatabase } from '../../sql/prepare.ts';
import { addFileToRollups } from '../../sql/rollups.ts';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BIG_VISITS = Number(process.env.BENCH_VISITS ?? 10_000_000);
const END = '2019-12-31';
const DAYS = 730;
/** The year the benchmarks query. */
export const BIG_PERIOD = { from: '2019-01-01', to: '2020-01-01' } as const;

const COLUMNS = [
  'office_code', 'visit_key', 'visit_ref', 'arrived_at', 'arrival_date', 'admitted_at', 'started_at', 'finished_at',
  'topic_text', 'category', 'classifier_version', 'service', 'outcome', 'visitor_hash', 'iin_status',
  'phone_surrendered', 'checkpoint_questioned', 'channel', 'file_id', 'source_line',
] as const;

export interface BigDatabase {
  handle: DatabaseHandle;
  visits: number;
  period: { from: string; to: string };
  url: string;
}

function urlFor(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens the big database, building it first when it is missing or was left half-built. */
export async function openBigDatabase(log: (line: string) => void = (l) => console.log(l)): Promise<BigDatabase> {
  const name = `vitrina_bench_big_${BIG_VISITS}`;
  const url = urlFor(name);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) {
      const handle = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
      const done = await sql<{ visits: number }>`select visits from bench_meta`.execute(handle.db).catch(() => null);
      const visits = done?.rows[0]?.visits;
      if (visits !== undefined) {
        // A database built by an older checkout: bring its schema (and so its rollups) up to date.
        const applied = await migrate(handle);
        if (applied.length) {
          log(`big database: applied ${applied.join(', ')}`);
          await sql`vacuum analyze`.execute(handle.db);
        }
        return { handle, visits: Number(visits), period: BIG_PERIOD, url };
      }
      await handle.close();
      await admin.query(`drop database ${name} with (force)`);
    }
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
  await prepareDatabase(handle, ['almaty-oblast']);
  const visits = await fill(handle, log);
  await sql`create table bench_meta as select ${visits}::bigint as visits, now() as built_at`.execute(handle.db);
  return { handle, visits, period: BIG_PERIOD, url };
}

async function fill(handle: DatabaseHandle, log: (line: string) => void): Promise<number> {
  const days = periodDays({ days: DAYS, endDate: END });
  // Measure the demo's volume at scale 1 once, then scale it to the target.
  let base = 0;
  for (const office of DEMO_OFFICES) for (const _ of generateOfficeVisits(office, days, { days: DAYS, endDate: END })) base++;
  const scale = BIG_VISITS / base;
  log(`big database: ${BIG_VISITS.toLocaleString('en')} visits wanted, demo scale ${scale.toFixed(2)} over ${DAYS} days`);
  // Loading into an indexed table row by row is the slow part: drop the secondary indexes, COPY
  // every office, rebuild them from their own definitions, then fill the rollups file by file.
  const indexes = await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
    where tablename = 'visits' and indexname <> 'visits_pkey'`.execute(handle.db);
  for (const ix of indexes.rows) await sql`drop index ${sql.ref(ix.name)}`.execute(handle.db);
  let total = 0;
  const t0 = Date.now();
  const files: string[] = [];
  for (const office of DEMO_OFFICES) {
    const n = await handle.transaction(async (tx, copy) => {
      const file = await tx.insertInto('ingested_files').values({
        sha256: createHash('sha256').update(`bench-${BIG_VISITS}-${office}`).digest('hex'),
        path: `bench/${office}.csv`, bytes: 0, format: 'csv', status: 'loaded',
      }).returning('id').executeTakeFirstOrThrow();
      files.push(file.id);
      const rows = generateOfficeVisits(office, days, { days: DAYS, endDate: END, scale });
      const copied = await copy('visits', COLUMNS, copyChunks(rows, days, office, file.id));
      await tx.updateTable('ingested_files').set({ rows_read: copied, rows_loaded: copied, finished_at: new Date() })
        .where('id', '=', file.id).execute();
      return copied;
    });
    total += n;
    log(`  ${office}: ${n.toLocaleString('en')} visits copied (total ${total.toLocaleString('en')}, ${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  await handle.transaction(async (tx) => {
    await sql`set local maintenance_work_mem = '512MB'`.execute(tx);
    for (const ix of indexes.rows) await sql.raw(ix.def).execute(tx);
  });
  log(`  indexes rebuilt (${Math.round((Date.now() - t0) / 1000)} s)`);
  for (const id of files) await handle.transaction((tx) => addFileToRollups(tx, id));
  log(`  rollups filled (${Math.round((Date.now() - t0) / 1000)} s)`);
  // Vacuum too: the rollups' covering indexes answer from the index alone once pages are all-visible.
  await sql`vacuum analyze`.execute(handle.db);
  return total;
}

const esc = (s: string): string => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const N = '\\N';

/** COPY text lines, about 1 MB per chunk. */
async function* copyChunks(rows: Iterable<DemoVisit>, days: readonly DemoDay[], office: DemoOffice, fileId: string): AsyncGenerator<string> {
  let buf = '';
  let line = 0;
  const at = (v: DemoVisit, s: number | null): string => (s === null ? N : new Date(instantMs(days, v.dayIndex, s)).toISOString());
  for (const v of rows) {
    line++;
    // A round-the-clock office's arrival after midnight belongs to the next Almaty day.
    const day = days[v.dayIndex + Math.floor(v.arrived / 86_400)]?.iso ?? v.date;
    const hash = v.iinKind === 'valid' && v.iin ? createHash('sha256').update(v.iin).digest('hex') : N;
    buf += `${office}\t${office}:${v.date}:${v.ticket}\t${v.ticket}\t${at(v, v.arrived)}\t${day}\t${at(v, v.admitted)}\t`
      + `${at(v, v.started)}\t${at(v, v.finished)}\t${esc(v.topic_text)}\t${v.category}\tbench\t${v.service === null ? N : esc(v.service)}\t`
      + `${v.outcome ?? N}\t${hash}\t${v.iinKind}\t${v.phone_surrendered ? 't' : 'f'}\t${v.checkpoint_questioned ? 't' : 'f'}\t`
      + `${v.channel}\t${fileId}\t${line}\n`;
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
