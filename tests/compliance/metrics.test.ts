import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getComplianceMetrics, getDelayDistribution } from '../../sql/compliance/metrics.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedVisits, visitsEvery } from './seed.ts';

const PERIOD = { from: '2019-03-01', to: '2019-03-11', today: '2019-06-01' };

describe('compliance metrics for the dashboard', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
    // SRK logs on 8 of 10 days (silent on the 5th and 6th): 4 visits a day, delays 1, 2, 3 and 12 minutes.
    const days = [1, 2, 3, 4, 7, 8, 9, 10].map((d) => `2019-03-${String(d).padStart(2, '0')} 09:00:00`);
    await seedVisits(t.db, days.flatMap((day) => visitsEvery('SRK', day, 5, 30, (i) => ({
      delay: i === 4 ? null : [60, 120, 180, 720][i]!, phone: i === 0 ? true : i === 1 ? null : false, questioned: false,
      outcome: i === 2 ? 'statement_accepted' : 'consultation', finishedAfter: 16 * 60,
    }))));
    // KPG's data starts on the 7th and runs to the 10th; TLG's starts on the 7th and stops after the 8th.
    for (const [office, last] of [['KPG', 10], ['TLG', 8]] as const) {
      const logged = Array.from({ length: last - 6 }, (_, i) => `2019-03-${String(7 + i).padStart(2, '0')} 10:00:00`);
      await seedVisits(t.db, logged.flatMap((day) => visitsEvery(office, day, 2, 30, () => ({ delay: 60 }))));
    }
  });
  afterAll(async () => { await t?.close(); });

  it('gives delay, application time, shares, visits per day and silent days per office', async () => {
    const m = await getComplianceMetrics(t.db, PERIOD, ['SRK', 'TDK']);
    expect(m.thresholds.pass_delay_minutes).toBe(5);
    const [srk, tdk] = m.offices;
    expect(srk).toMatchObject({
      office: 'SRK', visits: 40, days: 10, visits_per_day: 4, days_without_log: 2, longest_gap_days: 2,
      admission_delay: { n: 32, not_admitted: 8, p50: 2.5, max: 12, share_over: 0.25, threshold: 5 },
      application_time: { n: 8, p50: 16, p90: 16, standard_min: 15, standard_max: 20 },
      phone_surrendered: { known: 32, yes: 8, share: 0.25 },
      checkpoint_questioned: { known: 40, yes: 0, share: 0 },
    });
    // TDK never sent a visit: «never reported», not ten silent days (contract §4).
    expect(tdk).toMatchObject({ office: 'TDK', visits: 0, days_without_log: null, longest_gap_days: null, admission_delay: null,
      application_time: null, phone_surrendered: { share: null } });
  });

  it('counts silent days from each office\'s reporting start, not from the period\'s start; a trailing gap counts', async () => {
    const m = await getComplianceMetrics(t.db, PERIOD, ['KPG', 'TLG']);
    // Data from the 7th: the 1st–6th are before its reporting started, not six days without logs.
    expect(m.offices.map((o) => [o.office, o.days_without_log, o.longest_gap_days])).toEqual([['KPG', 0, 0], ['TLG', 2, 2]]);
    // A period wholly before the first visit: reporting had not started, so nothing is counted.
    const before = await getComplianceMetrics(t.db, { from: '2019-03-01', to: '2019-03-07', today: '2019-06-01' }, ['KPG']);
    expect(before.offices[0]).toMatchObject({ days_without_log: null, longest_gap_days: null });
  });

  it('gives box-plot statistics of the delay equal to percentile_cont', async () => {
    const [srk] = await getDelayDistribution(t.db, PERIOD, ['SRK']);
    const raw = await sql<{ q1: number; median: number; q3: number; p95: number }>`
      select percentile_cont(0.25) within group (order by d) / 60 as q1, percentile_cont(0.5) within group (order by d) / 60 as median,
        percentile_cont(0.75) within group (order by d) / 60 as q3, percentile_cont(0.95) within group (order by d) / 60 as p95
      from (select floor(extract(epoch from admitted_at - arrived_at)) as d from visits where admitted_at is not null and office_code = 'SRK') v`.execute(t.db);
    expect(srk).toEqual({ office: 'SRK', n: 32, min: 1, max: 12, ...raw.rows[0] });
  });
});
