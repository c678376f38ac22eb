import type { PGlite } from '@electric-sql/pglite';
import { embeddedHandle, type DatabaseHandle } from '../../sql/db.ts';

/**
 * Open embedded databases kept by a test worker between suites. Starting PGlite from the run's
 * migrated template costs 0.5–1 s of WebAssembly start-up a time, and the suites asked for ~40 of
 * them a run; putting a used one back to the template's state costs a few tens of milliseconds. A
 * worker keeps its modules from one test file to the next (vitest `isolate: false`), so this pool
 * lives as long as the worker.
 *
 * A database comes back into the pool only when nothing but rows changed: its catalog fingerprint
 * (tables, columns, constraints, indexes, functions, triggers, roles, schemas) must equal the one it
 * had when it was opened, and its WebAssembly heap must be small. Then every table is emptied, the
 * template's rows are copied back, every sequence is set back, and DISCARD ALL ends the session's
 * settings and temporary tables. Anything else (a suite that created a table, left a transaction open
 * or loaded a demo) closes it instead. Each suite gets a new Kysely and pg pool over it, so nothing
 * cached per Kysely instance carries over.
 */
interface Baseline {
  fingerprint: string;
  /** Every table of the schema (the same while the fingerprint is). */
  tables: string[];
  /** Tables that hold rows in the template, with those rows as COPY text. */
  rows: { table: string; columns: string; blob: Blob }[];
  sequences: { name: string; value: number | null }[];
}

interface Pooled {
  pglite: PGlite;
  template: Blob;
  baseline: Baseline;
}

const idle: Pooled[] = [];
/** A suite may hold two at once (compliance cases, parse worker); more would only hold memory. */
const MAX_IDLE = 2;
/** A database whose heap grew past this (a demo-scale ingest) is closed rather than kept. */
const MAX_HEAP_BYTES = 384 * 1024 * 1024;

/** How many reset databases wait in this worker's pool (a test sees by it what a close kept). */
export function idleDatabases(): number {
  return idle.length;
}

const FINGERPRINT = `
  select md5(coalesce(string_agg(x, E'\\n' order by x), '')) as f from (
    select 'nsp ' || nspname as x from pg_namespace where nspname not like 'pg_temp%' and nspname not like 'pg_toast_temp%'
    union all select 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
    union all select 'att ' || a.attrelid::regclass::text || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '
        || a.attnotnull || ' ' || a.attidentity::text || a.attgenerated::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped
    union all select 'con ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
    union all select 'idx ' || pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indrelid where c.relnamespace = 'public'::regnamespace
    union all select 'fn ' || p.oid::regprocedure::text || ' ' || md5(coalesce(p.prosrc, '')) from pg_proc p where p.pronamespace = 'public'::regnamespace
    union all select 'tg ' || tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text from pg_trigger where not tgisinternal
    union all select 'role ' || rolname || ' ' || rolsuper || ' ' || rolcanlogin from pg_roles
    union all select 'ext ' || extname from pg_extension
    union all select 'setting ' || coalesce(array_to_string(setconfig, ','), '') from pg_db_role_setting
  ) s`;

const TABLES = `select c.oid::regclass::text as name,
    (select string_agg(quote_ident(a.attname), ', ' order by a.attnum) from pg_attribute a
      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns
  from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`;

const SEQUENCES = `select c.oid::regclass::text as name from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' order by 1`;

async function baselineOf(pglite: PGlite): Promise<Baseline> {
  const fingerprint = (await pglite.query<{ f: string }>(FINGERPRINT)).rows[0]?.f ?? '';
  const rows: Baseline['rows'] = [];
  const tables = (await pglite.query<{ name: string; columns: string }>(TABLES)).rows;
  for (const t of tables) {
    const n = (await pglite.query<{ n: number }>(`select count(*)::int as n from ${t.name}`)).rows[0]?.n ?? 0;
    if (n === 0) continue;
    const copied = await pglite.query(`copy ${t.name} (${t.columns}) to '/dev/blob'`);
    if (!copied.blob) throw new Error(`no COPY output for ${t.name}`);
    rows.push({ table: t.name, columns: t.columns, blob: copied.blob });
  }
  const sequences: Baseline['sequences'] = [];
  for (const s of (await pglite.query<{ name: string }>(SEQUENCES)).rows) {
    const r = (await pglite.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${s.name}`)).rows[0];
    sequences.push({ name: s.name, value: r?.is_called ? Number(r.last_value) : null });
  }
  return { fingerprint, tables: tables.map((t) => t.name), rows, sequences };
}

/** Puts the database back to the template's rows; false when its catalog or session moved on. */
async function reset(entry: Pooled): Promise<boolean> {
  const { pglite, baseline } = entry;
  // Refused inside an open transaction: such a database is not reused.
  await pglite.exec('discard all');
  if ((await pglite.query<{ f: string }>(FINGERPRINT)).rows[0]?.f !== baseline.fingerprint) return false;
  await pglite.transaction(async (tx) => {
    // Every table is emptied at once: the rollups' TRUNCATE triggers (which empty the tables derived
    // from visit_hourly) have nothing to add and would refuse to run inside this statement.
    await tx.exec('set local session_replication_role = replica');
    await tx.exec(`truncate ${baseline.tables.join(', ')}`);
    for (const r of baseline.rows) await tx.query(`copy ${r.table} (${r.columns}) from '/dev/blob'`, [], { blob: r.blob });
    // Every sequence, owned by a column or not, goes back to where the template left it.
    for (const s of baseline.sequences) {
      await tx.query(s.value === null ? `alter sequence ${s.name} restart` : `select setval('${s.name}', ${s.value}, true)`);
    }
  });
  return true;
}

function heapBytes(pglite: PGlite): number {
  const mod = (pglite as unknown as { Module?: { HEAPU8?: Uint8Array } }).Module;
  return mod?.HEAPU8?.byteLength ?? Number.POSITIVE_INFINITY;
}

async function giveBack(entry: Pooled): Promise<void> {
  let keep = false;
  try {
    keep = idle.length < MAX_IDLE && heapBytes(entry.pglite) <= MAX_HEAP_BYTES && await reset(entry);
  } catch {
    keep = false;
  }
  if (keep) idle.push(entry);
  else await entry.pglite.close().catch(() => {});
}

/** A database in the state of the run's migrated template: an idle one reset, or a new one. */
export async function templateDatabase(template: Blob): Promise<DatabaseHandle> {
  let entry = idle.pop();
  while (entry && entry.template !== template) {
    await entry.pglite.close().catch(() => {});
    entry = idle.pop();
  }
  if (!entry) {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({ loadDataDir: template });
    entry = { pglite, template, baseline: await baselineOf(pglite) };
  }
  const taken = entry;
  return embeddedHandle(taken.pglite, () => giveBack(taken));
}
