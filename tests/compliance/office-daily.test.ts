import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftCategoryRollups } from '../../sql/rollups.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedVisits, visitsEvery } from './seed.ts';

/** office_daily must always equal visit_hourly summed per office and day; returns the days that differ. */
async function mismatches(t: TestDatabase): Promise<unknown[]> {
  const r = await sql`
    with h as (
      select office_code, day, sum(visits)::int as visits, sum(admitted)::int as admitted, sum(statements)::int as statements,
        sum(phone_known)::int as phone_known, sum(phone_yes)::int as phone_yes,
        sum(questioned_known)::int as questioned_known, sum(questioned_yes)::int as questioned_yes
      from visit_hourly group by office_code, day)
    select office_code, day from h full join office_daily d using (office_code, day)
    where array[h.visits, h.admitted, h.statements, h.phone_known, h.phone_yes, h.questioned_known, h.questioned_yes]
      is distinct from array[d.visits, d.admitted, d.statements, d.phone_known, d.phone_yes, d.questioned_known, d.questioned_yes]
      -- a day whose hourly rows are all gone stays as a row of zeros
      and not (h.office_code is null and d.visits = 0 and d.admitted = 0 and d.statements = 0)`.execute(t.db);
  return r.rows;
}

describe('office_daily follows visit_hourly', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  it('adds each loaded file, new days and days already counted alike', async () => {
    await seedVisits(t.db, visitsEvery('SRK', '2019-01-01 09:00:00', 50, 97, (i) => ({ phone: i % 3 === 0, questioned: i % 2 ? null : true })));
    await seedVisits(t.db, visitsEvery('SRK', '2019-01-02 09:30:00', 50, 131, (i) => ({ delay: i % 4 ? 60 : null, outcome: 'statement_accepted' })));
    expect(await mismatches(t)).toEqual([]);
    const day = await t.db.selectFrom('office_daily').selectAll().where('office_code', '=', 'SRK').where('day', '=', '2019-01-02').executeTakeFirstOrThrow();
    const raw = await sql<{ n: number }>`select count(*)::int as n from visits where arrival_date = '2019-01-02'`.execute(t.db);
    expect(day.visits).toBe(raw.rows[0]!.n);
  });

  it('stays the same when visits move between categories', async () => {
    const before = await t.db.selectFrom('office_daily').selectAll().orderBy('day').execute();
    const ids = (await t.db.selectFrom('visits').select('id').limit(30).execute()).map((r) => r.id);
    await shiftCategoryRollups(t.db, ids, -1);
    await t.db.updateTable('visits').set({ category: 'theft' }).where('id', 'in', ids).execute();
    await shiftCategoryRollups(t.db, ids, 1);
    expect(await mismatches(t)).toEqual([]);
    expect(await t.db.selectFrom('office_daily').selectAll().orderBy('day').execute()).toEqual(before);
  });

  it('takes away rows deleted from visit_hourly', async () => {
    await sql`delete from visit_hourly where day = '2019-01-03'`.execute(t.db);
    expect(await mismatches(t)).toEqual([]);
    const d = await t.db.selectFrom('office_daily').select('visits').where('day', '=', '2019-01-03').executeTakeFirstOrThrow();
    expect(d.visits).toBe(0);
  });

  it('is emptied with visit_hourly and refilled by the next load', async () => {
    await sql`truncate visit_hourly`.execute(t.db);
    expect(await t.db.selectFrom('office_daily').selectAll().execute()).toEqual([]);
    await seedVisits(t.db, visitsEvery('AKS', '2019-02-01 09:00:00', 5, 60));
    expect(await mismatches(t)).toEqual([]);
  });
});
