import type { PGlite } from '@electric-sql/pglite';
import type { CopyChunk, CopyFormat } from './copy-postgres.ts';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

// DATE stays 'YYYY-MM-DD' text: a JS Date would shift the calendar day by the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// COUNT(*) and SUM(int) come back as BIGINT/NUMERIC strings; our counts fit a double comfortably.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenOptions {
  /** postgres://… for a real server; undefined for the embedded database. */
  databaseUrl?: string | undefined;
  /** Embedded data directory, or 'memory://' for a throw-away database (tests). */
  dataDir: string;
  /** Who holds the embedded database, shown to a second process that tries to open it. */
  holder?: string;
  /**
   * An embedded data directory dumped by PGlite's dumpDataDir, to start from instead of running
   * initdb (seconds of WebAssembly): tests start every database from one migrated template.
   */
  template?: Blob | undefined;
}

/** One open database: Kysely on a pg pool, plus what differs between the two engines. */
export interface DatabaseHandle {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  /** Runs fn in one transaction on one connection; `copy` bulk-loads into a table inside it. */
  transaction<T>(fn: (tx: Kysely<Database>, copy: CopyIn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * COPY … FROM. In text format (the default) each chunk holds whole lines (tab-separated, \N for
 * null, escaped); in binary format each chunk is a whole COPY stream, header to trailer.
 * Returns the number of rows copied.
 */
export type { CopyChunk, CopyFormat };
export type CopyIn = (table: string, columns: readonly string[], chunks: AsyncIterable<CopyChunk>, format?: CopyFormat) => Promise<number>;

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail fast with the server's own message (wrong host, no such database) rather than on first query.
  const probe = await pool.connect();
  probe.release();
  const { copyToPostgres } = await import('./copy-postgres.ts');
  return makeHandle('postgres', pool, (client) => (table, columns, chunks, format) =>
    copyToPostgres(client, table, columns, chunks, format), async () => {});
}

async function openPglite(options: OpenOptions): Promise<DatabaseHandle> {
  const inMemory = options.dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireDataDirLock(options.dataDir, options.holder ?? 'vitrina');
  try {
    // Loaded only for the embedded database: a server process (an ingest) is ~30 MB smaller without it.
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({ dataDir: inMemory ? undefined : options.dataDir, loadDataDir: options.template });
    return await embeddedHandle(pglite, async () => {
      await pglite.close();
      release();
    });
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * A handle on an embedded database that is already open; `end` runs at close(), after the handle's
 * pool has ended (openPglite closes the database there; the tests' pool resets it for the next suite).
 */
export async function embeddedHandle(pglite: PGlite, end: () => Promise<void>): Promise<DatabaseHandle> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pool = new pg.Pool(createPgConfig(pglite));
  const { copyToPglite } = await import('./copy-pglite.ts');
  // PGlite is one session: the pool's single client and pglite.query share it, so a COPY issued
  // through pglite.query runs inside the transaction the client has open.
  return makeHandle('pglite', pool, () => (table, columns, chunks, format) => copyToPglite(pglite, table, columns, chunks, format), end);
}

function makeHandle(
  kind: DatabaseKind,
  pool: pg.Pool,
  copyFor: (client: pg.PoolClient) => CopyIn,
  end: () => Promise<void>,
): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind,
    db,
    async transaction(fn) {
      const client = await pool.connect();
      const txDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
      try {
        await client.query('begin');
        const result = await fn(txDb, copyFor(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if a query went through `db` itself; a handle used only through
      // transaction() would keep an idle connection open (on a server, for the pool's idle timeout).
      if (!pool.ending) await pool.end();
      await end();
    },
  };
}

/** A "pool" that always hands out the one client holding the open transaction. */
function singleClientPool(client: pg.PoolClient): PostgresPool {
  const borrowed: PostgresPoolClient = {
    query: client.query.bind(client) as PostgresPoolClient['query'],
    release: () => {},
  };
  return { connect: async () => borrowed, end: async () => {} };
}
