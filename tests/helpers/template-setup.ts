import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../sql/db.ts';
import { prepareDatabase } from '../../sql/prepare.ts';
import { TEMPLATE_KEY, type TemplateInfo } from './template.ts';

/**
 * vitest globalSetup: one migrated database per run, which every suite's fresh database copies.
 * initdb in WebAssembly costs seconds per embedded database and the migrations add more; copying a
 * migrated template costs a fraction of that. The template is made here by running today's
 * migrations (never a stored snapshot), so a new migration is in it on the next run.
 *
 * Embedded: a closed, migrated data directory (copied for suites whose CLI opens it on disk) and its
 * dumpDataDir tarball (loaded by in-memory databases). Server: a database every suite creates
 * its own from with CREATE DATABASE … TEMPLATE.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Several vitest projects share one run: the first setup makes the template, the others reuse it.
  const made = process.env[TEMPLATE_KEY];
  if (made) {
    project.provide(TEMPLATE_KEY, made);
    return async () => {};
  }
  const serverUrl = process.env.DATABASE_URL;
  const info = serverUrl ? await serverTemplate(serverUrl) : await embeddedTemplate();
  const serialized = JSON.stringify(info);
  process.env[TEMPLATE_KEY] = serialized;
  project.provide(TEMPLATE_KEY, serialized);
  return async () => {
    delete process.env[TEMPLATE_KEY];
    if (info.kind === 'postgres') await dropServerDatabase(serverUrl ?? '', info.database);
    else fs.rmSync(info.root, { recursive: true, force: true });
  };
}

async function migrateAndRegister(databaseUrl: string | undefined, dataDir: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl, dataDir, holder: 'test template' });
  try {
    await prepareDatabase(handle, ['almaty-oblast']);
  } finally {
    await handle.close();
  }
}

async function embeddedTemplate(): Promise<TemplateInfo> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-template-'));
  const dataDir = path.join(root, 'data');
  // initdb once: its dump is where the tests of the migrations themselves start.
  const emptyTarball = path.join(root, 'empty.tar');
  await dumpTo(await PGlite.create(dataDir), emptyTarball);
  await migrateAndRegister(undefined, dataDir);
  const tarball = path.join(root, 'data.tar');
  await dumpTo(await PGlite.create(dataDir), tarball);
  return { kind: 'pglite', root, dataDir, tarball, emptyTarball };
}

async function dumpTo(pglite: PGlite, file: string): Promise<void> {
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

async function serverTemplate(serverUrl: string): Promise<TemplateInfo> {
  const database = `vitrina_tpl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  await migrateAndRegister(url.toString(), '');
  // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
  await waitUntilUnused(serverUrl, database);
  return { kind: 'postgres', database };
}

/** pool.end() resolves before the server has seen its sockets go; wait until it has. */
export async function waitUntilUnused(serverUrl: string, database: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    for (let i = 0; i < 40; i++) {
      const r = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [database]);
      if (r.rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await c.end();
  }
}

export async function dropServerDatabase(serverUrl: string, database: string): Promise<void> {
  await waitUntilUnused(serverUrl, database);
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`drop database if exists ${database} with (force)`);
  } finally {
    await c.end();
  }
}
