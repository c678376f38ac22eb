import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dekadStart } from '../../domain/calendar.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

/** Every day of a year, 'YYYY-MM-DD'. */
function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d < `${year + 1}-01-01`; d = addDays(d, 1)) out.push(d);
  return out;
}

// The SQL function of migration 0014 and domain/calendar.ts must put every day in the same dekad:
// the rollup rows the database writes are read back by units the TypeScript cover names.
describe('dekad_start (migration 0014) equals domain dekadStart', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  it.each([2023, 2024])('on every day of %i', async (year) => {
    const days = daysOf(year);
    expect(days).toHaveLength(year === 2024 ? 366 : 365);
    const r = await sql<{ day: string; start: string }>`
      select d::text as day, dekad_start(d)::text as start from unnest(${days}::date[]) as d order by d`.execute(t.db);
    expect(r.rows).toEqual(days.map((day) => ({ day, start: dekadStart(day) })));
  });

  it('reads the day as written, whatever the session time zone', async () => {
    const r = await t.transaction(async (tx) => {
      await sql`set local time zone 'Pacific/Kiritimati'`.execute(tx);
      return sql<{ a: string; b: string; c: string }>`select dekad_start('2024-02-29')::text as a,
        dekad_start('2023-12-31')::text as b, dekad_start('2024-03-10')::text as c`.execute(tx);
    });
    expect(r.rows).toEqual([{ a: '2024-02-21', b: '2023-12-21', c: '2024-03-01' }]);
  });

  it('is declared immutable and parallel safe, so indexes and parallel plans may use it', async () => {
    const r = await sql<{ provolatile: string; proparallel: string }>`
      select provolatile, proparallel from pg_proc where proname = 'dekad_start'`.execute(t.db);
    expect(r.rows).toEqual([{ provolatile: 'i', proparallel: 's' }]);
  });
});
