import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './db.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** sql/migrations/NNNN_name.sql, in order. Files are append-only: a shipped one is never edited. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs.readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), name: f.slice(5, -4), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Applies the migrations not yet recorded, each in its own transaction. On a real server an
 * advisory lock makes concurrent starters wait instead of applying twice.
 */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  const applied: string[] = [];
  const migrations = listMigrations();
  // Every process starts here: when all are recorded (the usual case), one read says so, instead of
  // a locked transaction per migration (~80 round trips before a load could begin).
  const table = await sql<{ found: boolean }>`select to_regclass('schema_migrations') is not null as found`.execute(handle.db);
  if (table.rows[0]?.found) {
    const recorded = new Set(await appliedVersions(handle.db));
    if (migrations.every((m) => recorded.has(m.version))) return applied;
  }
  await sql`create table if not exists schema_migrations (
    version text primary key, name text not null, applied_at timestamptz not null default now())`.execute(handle.db);
  for (const m of migrations) {
    const done = await handle.transaction(async (tx) => {
      await sql`select pg_advisory_xact_lock(727274)`.execute(tx);
      const seen = await sql<{ version: string }>`select version from schema_migrations where version = ${m.version}`.execute(tx);
      if (seen.rows.length > 0) return false;
      await sql.raw(m.sql).execute(tx);
      await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(tx);
      return true;
    });
    if (done) applied.push(`${m.version}_${m.name}`);
  }
  return applied;
}

export async function appliedVersions<DB>(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ version: string }>`select version from schema_migrations order by version`.execute(db);
  return r.rows.map((row) => row.version);
}
