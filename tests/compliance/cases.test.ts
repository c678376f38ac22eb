import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseMonths, listAllCases } from '../../sql/compliance/case-list.ts';
import { actOnFlag, getFlagActions } from '../../sql/compliance/flag-actions.ts';
import { refreshFlagsForMonths } from '../../sql/compliance/flags.ts';
import { evaluateCompliance } from '../../sql/compliance/evaluate.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedInspection, seedVisits, visitsEvery } from './seed.ts';

const TODAY = '2026-10-15';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];

describe('flags are cases: one per office and rule while the breach goes on (contract §4)', () => {
  let t: TestDatabase;
  const cases = (office: string, rule: string) => listAllCases(t.db, { offices: [office], today: TODAY }).then((r) => r.filter((c) => c.rule === rule));

  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  it('one inspection showing bars is exactly one case, spanning the months until a newer inspection shows none', async () => {
    await seedInspection(t.db, { office: 'SRK', at: '2026-04-23 11:00', inspector: 'Ахметов', bars_on_windows: true, bars_on_doors: false });
    await seedInspection(t.db, { office: 'SRK', at: '2026-07-10 10:00', inspector: 'Ахметов', bars_on_windows: false, bars_on_doors: false });
    const refreshed = await refreshFlagsForMonths(t.db, MONTHS, 'ingest', { today: TODAY });
    expect(refreshed.map((r) => r.opened + r.added)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0]);
    const [c, ...more] = await cases('SRK', 'no_bars');
    expect(more).toEqual([]);
    expect(c).toMatchObject({ status: 'open', month: '2026-04-01', last_month: '2026-06-01' });
    expect(c!.months).toEqual(['2026-04-01', '2026-05-01', '2026-06-01']);
    // Each month keeps its own evidence: the inspection that counted then.
    const months = await getCaseMonths(t.db, c!.id);
    expect(months.map((m) => (m.evidence as { basis: { inspection: { date: string } } }).basis.inspection.date)).toEqual(['2026-04-23', '2026-04-23', '2026-04-23']);
    // The trail: opened in April, April's finding as items; then a month added each time.
    const trail = await getFlagActions(t.db, c!.id);
    expect(trail.map((a) => [a.action, a.month])).toEqual([['open', '2026-04-01'], ['add_month', '2026-05-01'], ['add_month', '2026-06-01']]);
    expect(trail[0]!.items).toEqual([{ key: 'inspection', params: { date: '2026-04-23', inspector: 'Ахметов', fact: 'bars_windows', seen: 'yes' } }]);
    // Evaluating the same months again changes nothing.
    const again = await refreshFlagsForMonths(t.db, MONTHS, 'ingest', { today: TODAY });
    expect(again.reduce((n, r) => n + r.opened + r.added + r.updated, 0)).toBe(0);
    expect(await getFlagActions(t.db, c!.id)).toHaveLength(3);
  });

  it('once resolved, the same old inspection opens nothing; a newer inspection with bars opens a new case', async () => {
    const [c] = await cases('SRK', 'no_bars');
    const { flag } = await actOnFlag(t.db, { flagId: c!.id, action: 'resolve', note: 'решётки сняты', seen: '2026-07-10', actor: 'inspector1', today: TODAY });
    expect(flag).toMatchObject({ status: 'resolved', closed_on: '2026-07-10', closed_basis: 'note' });
    // An ingest touching April again: the breach rests on the 23.04 inspection, older than the fix.
    const held = await refreshFlagsForMonths(t.db, ['2026-04', '2026-05'], 'ingest', { today: TODAY });
    expect(held.map((r) => [r.opened, r.held])).toEqual([[0, 1], [0, 1]]);
    expect(await cases('SRK', 'no_bars')).toHaveLength(1);

    await seedInspection(t.db, { office: 'SRK', at: '2026-09-05 10:00', inspector: 'Сейітов', bars_on_windows: false, bars_on_doors: true });
    const [sep] = await refreshFlagsForMonths(t.db, ['2026-09'], 'ingest', { today: TODAY });
    expect(sep).toMatchObject({ opened: 1 });
    const all = await cases('SRK', 'no_bars');
    expect(all.map((x) => [x.status, x.months])).toEqual([['resolved', ['2026-04-01', '2026-05-01', '2026-06-01']], ['open', ['2026-09-01']]]);
  });

  it('refuses actions the state does not allow, a deadline in the past, and a fix seen in the future', async () => {
    const [old, current] = await cases('SRK', 'no_bars');
    await expect(actOnFlag(t.db, { flagId: old!.id, action: 'resolve', note: 'x', actor: 'i', today: TODAY }))
      .rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/is resolved since 2026-07-10: it cannot be resolved/) });
    await expect(actOnFlag(t.db, { flagId: current!.id, action: 'set_deadline', deadline: '2026-10-14', actor: 'i', today: TODAY }))
      .rejects.toMatchObject({ code: 'bad_deadline' });
    await expect(actOnFlag(t.db, { flagId: current!.id, action: 'resolve', note: 'x', seen: '2026-10-16', actor: 'i', today: TODAY }))
      .rejects.toMatchObject({ code: 'bad_input' });
    await expect(actOnFlag(t.db, { flagId: current!.id, action: 'resolve', actor: 'i', today: TODAY }))
      .rejects.toMatchObject({ code: 'missing_reason' });
    const { flag } = await actOnFlag(t.db, { flagId: current!.id, action: 'set_deadline', deadline: '2026-10-15', actor: 'i', today: TODAY });
    expect(flag.deadline).toBe('2026-10-15');
  });
});

describe('reporting counts from the office\'s first visit ever (contract §4)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
    // AKS sends its first visit on 7 March and then every day until 20 April: nothing after.
    const days = 45; // 7 March … 20 April
    await seedVisits(t.db, visitsEvery('AKS', '2026-03-07 10:00:00', days, 24 * 60, () => ({ delay: 30, phone: false, questioned: false })));
  });
  afterAll(async () => { await t?.close(); });

  it('data starting on the 7th opens no reporting case; an office that never sent data is "never reported", not a breach', async () => {
    const report = await evaluateCompliance(t.db, { from: '2026-03-01', to: '2026-04-01', offices: ['AKS', 'SRK'], today: '2026-04-10', items: true });
    const rule = (o: string) => report.offices.find((x) => x.office === o)!.rules.find((r) => r.rule === 'reporting')!;
    expect(rule('AKS')).toMatchObject({ status: 'ok', value: 0 });
    expect(rule('AKS').evidence_items?.[1]).toEqual({ key: 'active_days', params: { active: 25, days: 25 } });
    expect(rule('SRK')).toMatchObject({ status: 'no_data', value: null, evidence_items: [{ key: 'never_reported', params: {} }] });
    const [r] = await refreshFlagsForMonths(t.db, ['2026-03'], 'ingest', { today: '2026-04-10' });
    expect(r!.opened).toBe(0);
    expect(await listAllCases(t.db, { rule: 'reporting', today: '2026-04-10' })).toEqual([]);
  });

  it('a gap at the end of the period counts', async () => {
    const [r] = await refreshFlagsForMonths(t.db, ['2026-04'], 'ingest', { today: '2026-04-28' });
    expect(r!.opened).toBe(1);
    const [c] = await listAllCases(t.db, { rule: 'reporting', today: '2026-04-28' });
    expect(c).toMatchObject({ office_code: 'AKS', months: ['2026-04-01'] });
    expect((c!.evidence as { value: number; basis: { gap: unknown } })).toMatchObject({ value: 7, basis: { gap: { from: '2026-04-21', to: '2026-04-27' } } });
  });
});
