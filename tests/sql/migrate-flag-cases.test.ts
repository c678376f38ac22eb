import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../sql/db.ts';
import { migrate } from '../../sql/migrate.ts';
import { databaseBefore } from '../helpers/db.ts';

/** Migration 0010 turns the stored monthly flags into cases without losing an audit entry. */
describe('migration 0010: monthly flags become cases', () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, drop } = await databaseBefore('0010'));
    // The demo's shape before cases: one bars flag per month after one inspection (9 months), the
    // fourth resolved, then reopened copies; and a delay flag confirmed with a deadline.
    const ev = (m: string) => JSON.stringify({ status: 'breach', value: 1, threshold: 0, lines: [`inspection ${m}: bars`],
      items: [{ key: 'inspection', params: { date: '2026-04-23', inspector: 'X', fact: 'bars', seen: 'yes' } }], basis: {}, examples: [] });
    const insert = async (office: string, rule: string, month: string, status: string, deadline: string | null = null): Promise<number> => {
      const r = await sql<{ id: number }>`insert into flags (office_code, rule, month, status, deadline, evidence)
        values (${office}, ${rule}, ${month}::date, ${status}, ${deadline}::date, ${ev(month)}::jsonb) returning id::int`.execute(handle.db);
      const id = r.rows[0]!.id;
      await sql`insert into flag_actions (flag_id, actor, action, note) values (${id}, 'ingest', 'open', ${`inspection ${month}: bars`})`.execute(handle.db);
      if (status !== 'open') {
        const action = status === 'resolved' ? 'resolve' : status === 'dismissed' ? 'dismiss' : 'confirm';
        await sql`insert into flag_actions (flag_id, actor, action, note, acted_at) values (${id}, 'inspector', ${action}, 'проверено', '2026-08-03T10:00:00Z')`.execute(handle.db);
      }
      return id;
    };
    for (const m of ['2026-04', '2026-05', '2026-06']) await insert('ALK', 'no_bars', `${m}-01`, 'open');
    await insert('ALK', 'no_bars', '2026-07-01', 'resolved');
    for (const m of ['2026-08', '2026-09']) await insert('ALK', 'no_bars', `${m}-01`, 'open');
    await insert('SRK', 'no_pass_delay', '2026-03-01', 'confirmed', '2026-05-01');
    await insert('SRK', 'no_pass_delay', '2026-04-01', 'open');
  });
  afterAll(async () => { await handle?.close(); await drop?.(); });

  it('chains the months of one office and rule into a case until a closed flag, keeping every audit entry', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from flag_actions`.execute(handle.db);
    expect(await migrate(handle)).toContain('0010_flag_cases');
    const after = await sql<{ n: number }>`select count(*)::int as n from flag_actions`.execute(handle.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const cases = await sql<{ id: number; office_code: string; rule: string; status: string; deadline: string | null; closed_on: string | null; months: string[]; actions: number }>`
      select f.id::int, f.office_code, f.rule, f.status, f.deadline::text, f.closed_on::text,
        (select array_agg(to_char(m.month, 'YYYY-MM') order by m.month) from flag_months m where m.flag_id = f.id) as months,
        (select count(*)::int from flag_actions a where a.flag_id = f.id) as actions
      from flags f order by f.office_code, f.month`.execute(handle.db);
    expect(cases.rows.map(({ id: _id, ...c }) => c)).toEqual([
      { office_code: 'ALK', rule: 'no_bars', status: 'resolved', deadline: null, closed_on: '2026-08-03', months: ['2026-04', '2026-05', '2026-06', '2026-07'], actions: 5 },
      { office_code: 'ALK', rule: 'no_bars', status: 'open', deadline: null, closed_on: null, months: ['2026-08', '2026-09'], actions: 2 },
      { office_code: 'SRK', rule: 'no_pass_delay', status: 'confirmed', deadline: '2026-05-01', closed_on: null, months: ['2026-03', '2026-04'], actions: 3 },
    ]);
    // Each moved entry says which month it was about; the system's English note got its item.
    const trail = await sql<{ action: string; month: string; items: unknown }>`
      select a.action, to_char(a.month, 'YYYY-MM') as month, a.items from flag_actions a where a.flag_id = ${cases.rows[0]!.id} order by a.id`.execute(handle.db);
    expect(trail.rows.map((r) => [r.action, r.month])).toEqual([
      ['open', '2026-04'], ['open', '2026-05'], ['open', '2026-06'], ['open', '2026-07'], ['resolve', '2026-07']]);
    expect(trail.rows[0]!.items).toEqual([{ key: 'inspection', params: { date: '2026-04-23', inspector: 'X', fact: 'bars', seen: 'yes' } }]);
    // The audit trail is append-only again.
    await expect(sql`update flag_actions set note = 'edited'`.execute(handle.db)).rejects.toThrow(/append-only/);
  });
});
