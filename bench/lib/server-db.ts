import pg from 'pg';
import { openDatabase } from '../../sql/db.ts';
import { prepareDatabase } from '../../sql/prepare.ts';

/** The real server the benchmarks measure on. */
export const BENCH_SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_SERVER });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** Creates (or recreates) a migrated database with the oblast registry; returns its URL. */
export async function freshServerDb(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(BENCH_SERVER);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
  try {
    await prepareDatabase(handle, ['almaty-oblast']);
  } finally {
    await handle.close();
  }
  return url.toString();
}

export async function dropServerDb(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await admin(`drop database if exists ${name} with (force)`);
}
