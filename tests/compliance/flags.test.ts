import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllCases } from '../../sql/compliance/case-list.ts';
import { actOnFlag, getFlagActions } from '../../sql/compliance/flag-actions.ts';
import { refreshFlagsForMonths, type FlagEvidence } from '../../sql/compliance/flags.ts';
import { evidenceEn } from '../../domain/evidence.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedInspection, seedVisits, visitsEvery } from './seed.ts';

const TODAY = { today: '2019-06-01' };

describe('flags per office, rule and calendar month', () => {
  let t: TestDatabase;
  const listFlags = (f: { offices?: string[]; status?: ('open' | 'confirmed')[] }) => listAllCases(t.db, { ...f, today: TODAY.today });
  const flag = async (office: string, rule: string) => {
    const rows = await listAllCases(t.db, { offices: [office], month: '2019-01-01', today: TODAY.today });
    const f = rows.find((r) => r.rule === rule);
    if (!f) throw new Error(`no ${rule} flag for ${office}`);
    return f;
  };

  beforeAll(async () => {
    t = await freshDatabase();
    // SRK: 40 visits over January, half of them kept 12 minutes at the door, some phones taken.
    await seedVisits(t.db, [
      ...visitsEvery('SRK', '2019-01-01 10:00:00', 40, 18 * 60, (i) => ({ delay: i % 2 ? 720 : 30, phone: i % 5 === 0, ref: `S-${i + 1}` })),
      ...visitsEvery('AKS', '2019-01-01 10:00:00', 40, 18 * 60, () => ({ delay: 30, phone: false })),
    ]);
    await seedInspection(t.db, { office: 'SRK', at: '2019-01-14 12:00', inspector: 'Ахметов', bars_on_windows: true, bars_on_doors: false });
  });
  afterAll(async () => { await t?.close(); });

  it('opens a flag for each breach with its evidence, and none for a clean office', async () => {
    const [r] = await refreshFlagsForMonths(t.db, ['2019-01'], 'ingest', TODAY);
    expect(r).toMatchObject({ month: '2019-01-01', added: 0, updated: 0, kept: 0 });
    const aks = await listFlags({ offices: ['AKS'] });
    expect(aks).toEqual([]);
    const srk = (await listFlags({ offices: ['SRK'] })).map((f) => f.rule).sort();
    expect(srk).toEqual(['no_bars', 'no_pass_delay', 'no_phone_surrender']);
    // The 18 offices that never sent a visit are "never reported", not a breach: no reporting case.
    expect((await listFlags({ status: ['open'] })).filter((f) => f.rule === 'reporting')).toHaveLength(0);
    expect(r!.opened).toBe(3);

    const delay = await flag('SRK', 'no_pass_delay');
    const ev = delay.evidence as FlagEvidence;
    expect(delay.status).toBe('open');
    expect(ev).toMatchObject({ status: 'breach', value: 12, threshold: 5, share: 0.5 });
    expect(ev.thresholds.pass_delay_minutes).toBe(5);
    expect(ev.examples).toHaveLength(5);
    // The flag keeps its evidence as items too, saying exactly what its English lines say.
    expect(ev.items?.map((i) => i.key)).toEqual(['pass_delay_p90', 'pass_delay_share', 'not_admitted']);
    expect(ev.items?.map(evidenceEn)).toEqual(ev.lines);
    expect(ev.examples[0]).toEqual({ visit_ref: 'S-2', source: expect.stringMatching(/^seed-\d+\.csv:3$/), arrived_at: '2019-01-01T22:00:00Z', arrived_local: '2019-01-02 04:00', minutes: 12 });
    expect(JSON.stringify(ev)).not.toMatch(/visitor_hash|iin/i);
    const bars = (await flag('SRK', 'no_bars')).evidence as FlagEvidence;
    expect(bars.basis.inspection).toMatchObject({ date: '2019-01-14', inspector: 'Ахметов' });
    expect(await getFlagActions(t.db, delay.id)).toMatchObject([{ action: 'open', actor: 'ingest' }]);
  });

  it('never duplicates a flag when the month is evaluated again', async () => {
    const [r] = await refreshFlagsForMonths(t.db, ['2019-01', '2019-01-01'], 'ingest', TODAY);
    expect(r).toMatchObject({ opened: 0, added: 0, updated: 0, kept: 3 });
    const n = await sql<{ n: number }>`select count(*)::int as n from flags`.execute(t.db);
    expect(n.rows[0]!.n).toBe(3);
    expect(await getFlagActions(t.db, (await flag('SRK', 'no_pass_delay')).id)).toHaveLength(1);
  });

  it('lets the inspector confirm, set a deadline and resolve, each kept in the audit trail', async () => {
    const id = (await flag('SRK', 'no_pass_delay')).id;
    await actOnFlag(t.db, { flagId: id, action: 'confirm', actor: 'inspector1' });
    const withDeadline = await actOnFlag(t.db, { flagId: id, action: 'set_deadline', deadline: '2019-03-01', note: 'до 1 марта', actor: 'inspector1', today: '2019-02-15' });
    expect(withDeadline.flag).toMatchObject({ status: 'confirmed', deadline: '2019-03-01' });
    await actOnFlag(t.db, { flagId: id, action: 'comment', note: 'начальник предупреждён', actor: 'inspector1' });
    const resolved = await actOnFlag(t.db, { flagId: id, action: 'resolve', note: 'очередь убрали', seen: '2019-02-01', actor: 'inspector1', today: '2019-02-15' });
    expect(resolved.flag.status).toBe('resolved');
    expect((await getFlagActions(t.db, id)).map((a) => [a.action, a.actor, a.note, a.deadline])).toEqual([
      ['open', 'ingest', expect.stringMatching(/p90 admission delay 12\.0 min/), null],
      ['confirm', 'inspector1', null, null],
      ['set_deadline', 'inspector1', 'до 1 марта', '2019-03-01'],
      ['comment', 'inspector1', 'начальник предупреждён', null],
      ['resolve', 'inspector1', 'очередь убрали', null],
    ]);
  });

  it('refuses a dismissal without a reason and actions that do not fit the status', async () => {
    const phones = (await flag('SRK', 'no_phone_surrender')).id;
    await expect(actOnFlag(t.db, { flagId: phones, action: 'dismiss', note: '  ', actor: 'inspector1' }))
      .rejects.toMatchObject({ code: 'missing_reason' });
    await actOnFlag(t.db, { flagId: phones, action: 'dismiss', note: 'телефоны сдавали добровольно в камеру хранения', actor: 'inspector1', ...TODAY });
    await expect(actOnFlag(t.db, { flagId: phones, action: 'resolve', note: 'x', actor: 'inspector1', ...TODAY }))
      .rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(actOnFlag(t.db, { flagId: 999999, action: 'confirm', actor: 'inspector1' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(actOnFlag(t.db, { flagId: phones, action: 'set_deadline', deadline: '2019-02-30', actor: 'x' }))
      .rejects.toMatchObject({ code: 'bad_deadline' });
  });

  it('keeps a resolved case closed on the same data, and opens a new one only for visits after the fix was seen', async () => {
    const id = (await flag('SRK', 'no_pass_delay')).id;
    const [same] = await refreshFlagsForMonths(t.db, ['2019-01'], 'ingest', TODAY);
    expect(same).toMatchObject({ opened: 0, held: 2 });
    expect((await flag('SRK', 'no_pass_delay')).status).toBe('resolved');

    // Late visits of 30 January, before the fix was seen (1 February): still the old breach.
    await seedVisits(t.db, visitsEvery('SRK', '2019-01-30 09:00:00', 10, 20, (i) => ({ delay: 1500, phone: true, ref: `L-${i}` })));
    const [late] = await refreshFlagsForMonths(t.db, ['2019-01'], 'ingest', TODAY);
    expect(late).toMatchObject({ opened: 0 });
    // February, after the fix: delayed visits again open a new case; the old one stays resolved.
    await seedVisits(t.db, visitsEvery('SRK', '2019-02-04 09:00:00', 10, 20, (i) => ({ delay: 1500, phone: false, ref: `F-${i}` })));
    const [feb] = await refreshFlagsForMonths(t.db, ['2019-02'], 'ingest', TODAY);
    expect(feb!.opened).toBeGreaterThanOrEqual(1);
    const delay = (await listFlags({ offices: ['SRK'] })).filter((f) => f.rule === 'no_pass_delay');
    expect(delay.map((f) => [f.status, f.months])).toEqual([['resolved', ['2019-01-01']], ['open', ['2019-02-01']]]);
    expect(delay[1]!.id).not.toBe(id);
    expect((delay[1]!.evidence as FlagEvidence).examples[0]).toMatchObject({ visit_ref: 'F-0', minutes: 25 });
  });

  it('keeps the audit trail append-only', async () => {
    await expect(sql`update flag_actions set note = 'edited'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from flag_actions`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('records each flag evaluation with the thresholds it used', async () => {
    const rows = await t.db.selectFrom('evaluations').selectAll().orderBy('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows[0]).toMatchObject({ actor: 'ingest', period_from: '2019-01-01', period_to: '2019-02-01', flags_month: '2019-01-01' });
    expect(rows[0]!.thresholds).toMatchObject({ pass_delay_minutes: 5, pass_delay_share: 0.1, small_sample_visits: 30 });
  });
});
