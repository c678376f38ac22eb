import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCompliance, type ComplianceReport } from '../../sql/compliance/evaluate.ts';
import { refreshFlagsForMonths } from '../../sql/compliance/flags.ts';
import { getThresholdChanges, getThresholds, setThreshold } from '../../sql/compliance/thresholds.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedVisits, visitsEvery } from './seed.ts';

const JAN = { from: '2019-01-01', to: '2019-02-01', offices: ['ESK'], today: '2019-06-01' };
const status = (r: ComplianceReport, rule: string) => r.offices[0]!.rules.find((x) => x.rule === rule)?.status;

describe('thresholds', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
    // ESK: p90 delay 4 min, 5 % of visits delayed over 5 min, 4 % questioned, statements in 18 min.
    await seedVisits(t.db, visitsEvery('ESK', '2019-01-01 10:00:00', 100, 7 * 60, (i) => ({
      delay: i % 20 === 0 ? 420 : 240, questioned: i % 25 === 0, phone: false,
      outcome: 'statement_accepted', finishedAfter: 18 * 60,
    })));
  });
  afterAll(async () => { await t?.close(); });

  it('starts from the contract defaults', async () => {
    expect(await getThresholds(t.db)).toEqual({
      pass_delay_minutes: 5, pass_delay_share: 0.1, questioning_share: 0.05, phone_surrender_share: 0,
      application_time_minutes: 20, reporting_gap_days: 3, small_sample_visits: 30,
    });
  });

  it('changes verdicts when an administrator tightens them, and records who changed what', async () => {
    const before = await evaluateCompliance(t.db, JAN);
    expect(['no_pass_delay', 'no_checkpoint_questioning', 'application_time'].map((r) => status(before, r))).toEqual(['ok', 'ok', 'ok']);

    expect(await setThreshold(t.db, 'pass_delay_share', 0.04, 'admin')).toMatchObject({ key: 'pass_delay_share', old_value: 0.1, new_value: 0.04, actor: 'admin' });
    await setThreshold(t.db, 'questioning_share', 0.03, 'admin');
    await setThreshold(t.db, 'application_time_minutes', 15, 'admin2');
    expect(await setThreshold(t.db, 'application_time_minutes', 15, 'admin2')).toBeNull(); // no change, no audit row

    const after = await evaluateCompliance(t.db, JAN);
    expect(['no_pass_delay', 'no_checkpoint_questioning', 'application_time'].map((r) => status(after, r))).toEqual(['breach', 'breach', 'breach']);
    const delay = after.offices[0]!.rules.find((r) => r.rule === 'no_pass_delay')!;
    expect(delay).toMatchObject({ value: 4, share: 0.05, threshold: 5 });
    expect(delay.evidence[1]).toContain('threshold 4.0 %');

    const changes = await getThresholdChanges(t.db);
    expect(changes.map((c) => [c.key, c.old_value, c.new_value, c.actor])).toEqual([
      ['application_time_minutes', 20, 15, 'admin2'],
      ['questioning_share', 0.05, 0.03, 'admin'],
      ['pass_delay_share', 0.1, 0.04, 'admin'],
    ]);
    await expect(sql`delete from threshold_changes`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('refuses an unknown key, a negative value and a share above 1', async () => {
    await expect(setThreshold(t.db, 'pass_delay', 1, 'admin')).rejects.toThrow(/unknown threshold/);
    await expect(setThreshold(t.db, 'pass_delay_minutes', -1, 'admin')).rejects.toThrow(/≥ 0/);
    await expect(setThreshold(t.db, 'questioning_share', 5, 'admin')).rejects.toThrow(/share 0–1/);
  });

  it('states in each recorded evaluation the thresholds it used', async () => {
    await refreshFlagsForMonths(t.db, ['2019-01'], 'ingest', { today: JAN.today });
    const e = await t.db.selectFrom('evaluations').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(e.thresholds).toMatchObject({ pass_delay_share: 0.04, questioning_share: 0.03, application_time_minutes: 15 });
    const flag = await t.db.selectFrom('flags').selectAll().where('office_code', '=', 'ESK').where('rule', '=', 'application_time').executeTakeFirstOrThrow();
    expect(flag.evaluation_id).toBe(e.id);
    expect(flag.evidence).toMatchObject({ value: 18, threshold: 15 });
  });
});
