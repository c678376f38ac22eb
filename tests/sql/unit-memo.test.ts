import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitMemo } from '../../sql/cover/unit-memo.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;

const UNITS = [
  { unit: 'day', start: '2019-03-04' }, { unit: 'dekad', start: '2019-03-01' }, { unit: 'month', start: '2019-03-01' },
] as const;

async function setVisits(unit: string, start: string, visits: number): Promise<void> {
  await sql`insert into visit_category_totals (office_code, unit, start, category, visits) values ('SRK', ${unit}, ${start}::date, 'theft', ${visits})
    on conflict (office_code, unit, start, category) do update set visits = excluded.visits`.execute(db.db);
}

async function visitsOf(memo: ReturnType<ReturnType<typeof createUnitMemo>['at']>, unit: (typeof UNITS)[number]): Promise<number | undefined> {
  const rows = await memo.units('category', [unit]);
  return rows.get(`${unit.unit}|${unit.start}`)?.find((r) => r.office === 'SRK')?.visits;
}

beforeAll(async () => {
  db = await freshDatabase();
  for (const u of UNITS) await setVisits(u.unit, u.start, 1);
});

afterAll(async () => {
  await db?.close();
});

describe('the rollup unit memo', () => {
  it('reads a unit once per data version and again under a new one', async () => {
    const store = createUnitMemo(db.db);
    expect(await visitsOf(store.at('v1'), UNITS[0])).toBe(1);
    await setVisits('day', '2019-03-04', 5); // a change the version does not show yet
    expect(await visitsOf(store.at('v1'), UNITS[0])).toBe(1);
    expect(await visitsOf(store.at('v2'), UNITS[0])).toBe(5);
  });

  it('keeps units without rows as empty, and tells them apart from units not read', async () => {
    const store = createUnitMemo(db.db);
    const rows = await store.at('v1').units('category', [{ unit: 'year', start: '1999-01-01' }]);
    expect(rows.get('year|1999-01-01')).toEqual([]);
  });

  it('holds at most maxRows rows, dropping the least recently used unit first', async () => {
    const store = createUnitMemo(db.db, { maxRows: 2 });
    const memo = store.at('v1');
    for (const u of UNITS) expect(await visitsOf(memo, u)).toBeGreaterThan(0);
    // Three one-row units in a memo of two: the first read was dropped and is read again; the last stays.
    await setVisits('day', '2019-03-04', 7);
    await setVisits('month', '2019-03-01', 7);
    expect(await visitsOf(memo, UNITS[2])).toBe(1);
    expect(await visitsOf(memo, UNITS[0])).toBe(7);
  });

  it('shares one read among callers asking for the same units at once', async () => {
    const store = createUnitMemo(db.db);
    const memo = store.at('v1');
    const [a, b] = await Promise.all([memo.units('hour', [UNITS[0]]), memo.units('hour', [UNITS[0]])]);
    expect(a.get('day|2019-03-04')).toBe(b.get('day|2019-03-04'));
  });

  it('warms every unit of a period ahead of requests, and stops when a newer version comes', async () => {
    const store = createUnitMemo(db.db);
    await setVisits('day', '2019-03-08', 2);
    // 1–10 March 2019: 10 days, a dekad, a month, a year and 2 ISO weeks; day rows for office_daily.
    expect(await store.warm('v1', { from: '2019-03-01', to: '2019-03-11' })).toBe(15 + 13 + 13 + 10);
    await setVisits('day', '2019-03-08', 3);
    expect(await visitsOf(store.at('v1'), { unit: 'day', start: '2019-03-08' } as never)).toBe(2);

    const year = store.warm('v1', { from: '2019-01-01', to: '2020-01-01' });
    store.at('v2');
    expect(await year).toBeLessThan(100);
  });

  it('a memo too small for the whole warm-up keeps the day counts every judgement reads and the coarse units first', async () => {
    for (let d = 1; d <= 10; d++) {
      await sql`insert into office_daily (office_code, day, visits) values ('SRK', ${`2019-05-${String(d).padStart(2, '0')}`}::date, 1)`.execute(db.db);
      await setVisits('day', `2019-05-${String(d).padStart(2, '0')}`, 1);
    }
    await setVisits('month', '2019-05-01', 10);
    // Ten day counts, then the category's month, dekad and year: the memo is full before the category's days.
    const store = createUnitMemo(db.db, { maxRows: 14 });
    await store.warm('v1', { from: '2019-05-01', to: '2019-05-11' });
    await sql`update office_daily set visits = 9 where office_code = 'SRK' and day = '2019-05-10'`.execute(db.db);
    await setVisits('month', '2019-05-01', 90);
    const memo = store.at('v1');
    const daily = await memo.units('daily', [{ unit: 'day', start: '2019-05-10' }]);
    // Read before the change: both were warmed.
    expect(daily.get('day|2019-05-10')?.[0]?.visits).toBe(1);
    expect(await visitsOf(memo, { unit: 'month', start: '2019-05-01' } as never)).toBe(10);
  });
});
