import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../sql/db.ts';
import { listMigrations } from '../../sql/migrate.ts';
import { prepareDatabase } from '../../sql/prepare.ts';
import { readRegistry, syncRegistry } from '../../sql/registry.ts';
import { templateDatabase } from './embedded-pool.ts';
import { runTemplate, templateBlob } from './template.ts';

/**
 * Tests run on the embedded database always, and on the real server when DATABASE_URL is set
 * (.ci/run runs the suite once each way). Every suite gets its own fresh, migrated database, copied
 * from the run's migrated template (template-setup.ts) rather than made and migrated anew.
 */
export const SERVER_URL = process.env.DATABASE_URL;
export const ENGINE = SERVER_URL ? 'postgres' : 'pglite';

export interface TestDatabase extends DatabaseHandle {
  /** Environment for a CLI subprocess that must see this same database. */
  env: Record<string, string>;
}

/** A fresh migrated database with the Almaty oblast registry; close() removes it. */
export async function freshDatabase(opts: { onDisk?: boolean } = {}): Promise<TestDatabase> {
  const target = await freshTarget(opts.onDisk ?? false);
  // In memory from the migrated template: a pooled database put back to its state (embedded-pool.ts).
  const handle = target.template && target.migrated ? await templateDatabase(target.template) : await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir ?? 'memory://', holder: 'test', template: target.template });
  if (!target.migrated) {
    await prepareDatabase(handle, ['almaty-oblast']);
  }
  return {
    ...handle,
    env: target.env,
    async close() {
      await handle.close();
      await target.drop();
    },
  };
}

export interface Target {
  url?: string;
  dataDir?: string;
  /** In memory (no url, no dataDir): the migrated template to pass to openDatabase, if the run has one. */
  template?: Blob;
  /** Already migrated, with the Almaty oblast registry (a copy of the run's template). */
  migrated: boolean;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * Where a fresh database lives, without opening it: a new database on the server, or a new
 * embedded data directory (onDisk, or whenever a subprocess must share it). It is a copy of the
 * run's migrated template when there is one (`migrated`); a CLI opening it migrates anyway.
 * `{ empty: true }` gives a database with no schema at all, for tests of the migrations themselves.
 */
export async function freshTarget(onDisk = true, opts: { empty?: boolean } = {}): Promise<Target> {
  const key = 'test-iin-key-0123456789abcdef';
  const run = runTemplate();
  if (opts.empty && run?.kind === 'pglite' && !onDisk) {
    return { template: templateBlob(run.emptyTarball), migrated: false, env: {}, async drop() {} };
  }
  const template = opts.empty ? undefined : run;
  if (SERVER_URL) {
    const name = `vitrina_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      if (template?.kind === 'postgres') await createFromTemplate(admin, name, template.database);
      else await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      migrated: template?.kind === 'postgres',
      env: { DATABASE_URL: url.toString(), VITRINA_IIN_KEY: key },
      async drop() {
        const c = new pg.Client({ connectionString: SERVER_URL });
        await c.connect();
        // pool.end() resolves before its sockets are gone; dropping WITH (FORCE) under them makes the
        // closing clients raise "terminating connection" errors. Wait for them to leave first.
        for (let i = 0; i < 40; i++) {
          const r = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (r.rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const embedded = template?.kind === 'pglite' ? template : undefined;
  if (!onDisk) {
    return embedded
      ? { template: templateBlob(embedded.tarball), migrated: true, env: {}, async drop() {} }
      : { migrated: false, env: {}, async drop() {} };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-test-'));
  if (embedded) fs.cpSync(embedded.dataDir, dataDir, { recursive: true });
  return {
    dataDir,
    migrated: Boolean(embedded),
    env: { VITRINA_DATA_DIR: dataDir, VITRINA_IIN_KEY: key },
    async drop() { fs.rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/**
 * CREATE DATABASE … TEMPLATE refuses while another session is connected to the template (an
 * autovacuum worker may be, briefly): try again a few times.
 */
async function createFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * A database migrated only up to (not including) `version`, with the Almaty oblast registry: the
 * schema as it stood before that migration, for tests of the migration itself. Each migration runs in
 * its own transaction and is recorded in schema_migrations, as migrate() would.
 */
export async function databaseBefore(version: string): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const target = await freshTarget(false, { empty: true });
  const handle = await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir ?? 'memory://', holder: 'test', template: target.template });
  await sql`create table schema_migrations (version text primary key, name text not null,
    applied_at timestamptz not null default now())`.execute(handle.db);
  for (const m of listMigrations().filter((x) => x.version < version)) {
    await handle.transaction(async (tx) => {
      await sql.raw(m.sql).execute(tx);
      await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(tx);
    });
  }
  await syncRegistry(handle.db, readRegistry(['almaty-oblast']));
  return { handle, drop: target.drop };
}
