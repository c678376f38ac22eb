import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/schema.ts';
import { ENGINE, freshDatabase } from '../helpers/db.ts';
import { idleDatabases } from '../helpers/embedded-pool.ts';

/** Every public table's rows, as one digest per table: what a suite starting on the database would read. */
async function contents(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`select c.relname as name from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ d: string | null }>`select md5(string_agg(t::text, E'\n' order by t::text)) as d from ${sql.table(name)} t`.execute(db);
    out[name] = r.rows[0]?.d ?? 'empty';
  }
  return out;
}

/** What a suite meets besides rows: the session's time zone and the next key of every sequence. */
async function session(db: Kysely<Database>): Promise<{ zone: string; next: Record<string, number> }> {
  const zone = (await sql<{ z: string }>`select current_setting('TimeZone') as z`.execute(db)).rows[0]?.z ?? '';
  const seqs = await sql<{ name: string; next: number }>`select c.relname as name, nextval(c.oid)::int as next from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' order by 1`.execute(db);
  return { zone, next: Object.fromEntries(seqs.rows.map((r) => [r.name, r.next])) };
}

/**
 * Each suite's fresh database is in the template's state, whatever the suite before it did. On the
 * embedded database that state is restored in a pooled one (tests/helpers/embedded-pool.ts); on a
 * server every database is made anew from the template, so the same expectations hold without reuse.
 */
const POOLED = ENGINE === 'pglite';

describe('a suite’s fresh database, after another suite used one', () => {
  it('is in the template’s state: rows, sequences and session settings (embedded: the same database, reset)', async () => {
    const first = await freshDatabase();
    const before = await contents(first.db);
    const sessionBefore = await session(first.db);
    await first.db.insertInto('runs').values({ command: 'probe', actor: 'suite one' }).execute();
    await first.db.deleteFrom('offices').where('code', '=', (await first.db.selectFrom('offices').select('code').executeTakeFirstOrThrow()).code).execute();
    await sql`set time zone 'America/Lima'`.execute(first.db);
    expect(await contents(first.db)).not.toEqual(before);
    // The pool hands out the database it took back last: the one just closed.
    const idle = idleDatabases();
    await first.close();
    if (POOLED) expect(idleDatabases(), 'the closed database is kept').toBe(idle + 1);

    const second = await freshDatabase();
    expect(await contents(second.db)).toEqual(before);
    expect(await session(second.db)).toEqual(sessionBefore);
    await second.close();
  });

  it('has no table a suite created, nor rows it left uncommitted (embedded: such a database is not reused)', async () => {
    const changed = await freshDatabase();
    await sql`create table scratch_left_behind (id int)`.execute(changed.db);
    let idle = idleDatabases();
    await changed.close();
    if (POOLED) expect(idleDatabases(), 'the changed database is not kept').toBe(idle);
    const next = await freshDatabase();
    await expect(sql`select 1 from scratch_left_behind`.execute(next.db)).rejects.toThrow(/does not exist/);

    await sql`begin`.execute(next.db);
    await sql`insert into runs (command, actor) values ('probe', 'never committed')`.execute(next.db);
    idle = idleDatabases();
    await next.close();
    if (POOLED) expect(idleDatabases(), 'the database left in a transaction is not kept').toBe(idle);
    const last = await freshDatabase();
    expect(await last.db.selectFrom('runs').select('actor').where('actor', '=', 'never committed').execute()).toEqual([]);
    await last.close();
  });
});
