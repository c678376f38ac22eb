import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDurationStats, PERCENTILES, type PercentileName } from '../../sql/compliance/durations.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedVisits, visitsEvery } from './seed.ts';

/** percentile_cont over the raw visits, in whole seconds: what the rollups must reproduce exactly. */
async function rawPercentile(t: TestDatabase, office: string, from: string, to: string, p: number, metric: 'delay' | 'app'): Promise<number> {
  const expr = metric === 'delay'
    ? sql`floor(extract(epoch from admitted_at - arrived_at))`
    : sql`floor(extract(epoch from finished_at - arrived_at))`;
  const r = await sql<{ v: number }>`
    select percentile_cont(${p}::float8) within group (order by ${expr}) as v from visits
    where office_code = ${office} and arrival_date >= ${from}::date and arrival_date < ${to}::date
      and ${expr} is not null ${metric === 'app' ? sql`and outcome = 'statement_accepted'` : sql``}`.execute(t.db);
  return r.rows[0]!.v;
}

describe('duration percentiles from the per-second histograms', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
    // Irregular delays (fractions of a second floor to whole seconds) over three months and a half,
    // so periods read year, month and day units of duration_minutes, added and taken away.
    let x = 7;
    const next = () => { x = (x * 48271) % 2147483647; return x; };
    const visits = visitsEvery('SRK', '2019-01-10 09:00:00', 1500, 97, () => {
      const delay = (next() % 2400) + (next() % 1000) / 1000;
      return { delay, finishedAfter: delay + (next() % 3000), outcome: next() % 3 === 0 ? 'statement_accepted' : 'consultation' };
    });
    await seedVisits(t.db, visits);
  });
  afterAll(async () => { await t?.close(); });

  const periods = [
    ['2019-01-15', '2019-04-07'],  // edge days, two whole months, edge days
    ['2019-02-01', '2019-03-01'],  // exactly one month
    ['2019-02-03', '2019-02-05'],  // a few days
    ['2019-01-01', '2020-01-01'],  // a calendar year: one row per minute
    ['2019-01-12', '2020-01-01'],  // the year minus its first eleven days
    ['2018-12-20', '2019-03-31'],  // across the new year: days, months, a month minus a day
  ] as const;

  for (const [from, to] of periods) {
    it(`equals percentile_cont on raw visits exactly for ${from} – ${to}`, async () => {
      const [delay] = await getDurationStats(t.db, { from, to }, 'admission_delay', 300, ['SRK']);
      const [app] = await getDurationStats(t.db, { from, to }, 'application_time', 1200, ['SRK']);
      for (const [name, p] of Object.entries(PERCENTILES) as [PercentileName, number][]) {
        expect(delay!.pct[name], `admission delay ${name}`).toBe(await rawPercentile(t, 'SRK', from, to, p, 'delay'));
        expect(app!.pct[name], `application time ${name}`).toBe(await rawPercentile(t, 'SRK', from, to, p, 'app'));
      }
      const raw = await sql<{ n: number; over: number; max: number }>`
        select count(*)::int as n, count(*) filter (where floor(extract(epoch from admitted_at - arrived_at)) > 300)::int as over,
          max(floor(extract(epoch from admitted_at - arrived_at)))::int as max
        from visits where arrival_date >= ${from}::date and arrival_date < ${to}::date and admitted_at is not null`.execute(t.db);
      expect({ n: delay!.n, over: delay!.over, max: delay!.max }).toEqual(raw.rows[0]);
    });
  }

  it('gives nothing for an office without durations, rather than zeros', async () => {
    expect(await getDurationStats(t.db, { from: '2019-01-01', to: '2020-01-01' }, 'admission_delay', 300, ['TDK'])).toEqual([]);
  });
});
