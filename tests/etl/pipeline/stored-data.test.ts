import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../../sql/db.ts';
import { cliSession, type CliSession } from '../../helpers/cli.ts';
import { freshTarget } from '../../helpers/db.ts';
import { makeIin, tempFolder } from '../../helpers/files.ts';

const IIN_A = makeIin('90020340051');
const IIN_B = makeIin('01021450007');
const INJECTION = `'); DROP TABLE visits;-- <script>alert(1)</script> \\N \t tab`;

/** What an export line looks like (contract §5). */
interface Exported { [key: string]: unknown; arrived_at: string; source: string }

describe('what ingest stores, and what export gives back', () => {
  let target: Awaited<ReturnType<typeof freshTarget>>;
  let handle: DatabaseHandle;
  let cli: CliSession;
  const files = tempFolder();
  let exported: Exported[] = [];

  beforeAll(async () => {
    // The ingest refuses arrivals after its clock: set it, so the result does not depend on the day the suite runs.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-15T06:00:00Z'));
    target = await freshTarget();
    const jsonl = files.write('tablet_ENB.jsonl', [
      // Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01.
      JSON.stringify({ office: 'ENB', visit_ref: 'A-1', arrived_at: '2024-02-28T10:00:00', topic_text: 'консультация' }),
      JSON.stringify({ office: 'ENB', visit_ref: 'A-1', arrived_at: '2024-03-02T10:00:00', topic_text: 'консультация' }),
      // 23:30 on 29 Feb 2024 happened twice: the earlier instant (UTC+6) is meant.
      JSON.stringify({ office: 'ENB', visit_ref: 'A-2', arrived_at: '2024-02-29 23:30:00', topic_text: 'консультация' }),
      JSON.stringify({ office: 'ENB', visit_ref: 'A-3', arrived_at: '2024-04-01T09:00:00+05:00', topic_text: INJECTION, iin: IIN_A }),
      '{"office": "ENB", "arrived_at": broken json',
      JSON.stringify({ office: 'ENB', visit_ref: 'A-4', arrived_at: '2024-04-01T09:05:00Z', topic_text: `мой ИИН ${IIN_B}, украли телефон`, iin: `${IIN_B.slice(0, 4)} ${IIN_B.slice(4)}` }),
    ].join('\n'));
    // A round-the-clock office: arrived before midnight, admitted after it.
    const csv = files.write('ГОП Талдыкорган 2019.csv', [
      'Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита;ИИН',
      `31.12.2019;23:50;00:05;00:10;00:40;1;избили на улице;${IIN_B.slice(1)}`,
    ].join('\n'));
    // One open database for the commands and the reads below (the commands borrow it).
    cli = await cliSession(target.env);
    const r = await cli.run(['ingest', '--json', jsonl, csv]);
    expect(r.code, r.stderr).toBe(1); // the broken JSONL line is quarantined
    const exp = await cli.run(['export', '--from', '2019-01-01', '--to', '2025-01-01']);
    expect(exp.code, exp.stderr).toBe(0);
    exported = exp.stdout.trim().split('\n').map((l) => JSON.parse(l) as Exported);
    // Opened after the CLI is done: the embedded database has one holder at a time.
    handle = cli.handle;
  });
  afterAll(async () => { vi.useRealTimers(); await cli?.close(); await target.drop(); files.remove(); });

  it('converts Almaty wall-clock through the IANA zone across the 2024 change', () => {
    const times = exported.filter((e) => e.office === 'ENB').map((e) => e.arrived_at);
    expect(times).toContain('2024-02-28T04:00:00Z');
    expect(times).toContain('2024-03-02T05:00:00Z');
    expect(times).toContain('2024-02-29T17:30:00Z');
    expect(times).toContain('2024-04-01T04:00:00Z');
  });

  it('puts a time after midnight on the next day for a round-the-clock office', () => {
    const tdk = exported.find((e) => e.office === 'TDK');
    expect(tdk).toMatchObject({ arrived_at: '2019-12-31T17:50:00Z', admitted_at: '2019-12-31T18:05:00Z', finished_at: '2019-12-31T18:40:00Z' });
  });

  it('exports every canonical key, UTC times, hashed visitors and the source line', () => {
    expect(Object.keys(exported[0]!).sort()).toEqual([
      'admitted_at', 'arrived_at', 'category', 'channel', 'checkpoint_questioned', 'finished_at', 'iin_status',
      'office', 'outcome', 'outcome_text', 'phone_surrendered', 'service', 'source', 'specialist_arrived_at',
      'specialist_called_at', 'started_at', 'topic_text', 'visit_ref', 'visitor_hash',
    ]);
    const arrivals = exported.map((e) => e.arrived_at);
    expect([...arrivals].sort()).toEqual(arrivals);
    const a3 = exported.find((e) => e.visit_ref === 'A-3')!;
    expect(a3.iin_status).toBe('valid');
    expect(a3.visitor_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a3.source).toBe('tablet_ENB.jsonl:4');
    // The 11-digit IIN (a spreadsheet dropped its leading zero) is the same visitor as IIN_B with a space.
    const a4 = exported.find((e) => e.visit_ref === 'A-4')!;
    expect(a4.visitor_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.find((e) => e.office === 'TDK')?.visitor_hash).toBe(a4.visitor_hash);
  });

  it('stores injection strings verbatim', () => {
    expect(exported.find((e) => e.visit_ref === 'A-3')?.topic_text).toBe(INJECTION);
  });

  it('keeps no raw IIN in any text column of any table', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'ARRAY')`.execute(handle.db);
    expect(columns.rows.length).toBeGreaterThan(10);
    for (const { table_name, column_name } of columns.rows) {
      // Hex digests (visit keys, visitor hashes, file sha-256) may hold 12 digits in a row by chance.
      const text = sql`${sql.ref(column_name)}::text`;
      const hits = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}
        where (${text} ~ '[0-9]{12}|[0-9]{4} [0-9]{8}' and ${text} !~ '^[0-9a-f]{32,}$')
          or ${text} like ${`%${IIN_A}%`} or ${text} like ${`%${IIN_B.slice(1)}%`}
          or ${text} like ${`%${IIN_B}%`} or ${text} like ${`%${IIN_B.slice(4)}%`}`.execute(handle.db);
      expect(hits.rows[0]?.n, `${table_name}.${column_name}`).toBe(0);
    }
    const a4 = exported.find((e) => e.visit_ref === 'A-4');
    expect(a4?.topic_text).toBe('мой ИИН [IIN], украли телефон');
  });

  it('keeps the broken JSONL line in quarantine with its reason, file and line', async () => {
    const rows = await handle.db.selectFrom('quarantine').select(['reason', 'source_line', 'raw_text']).execute();
    expect(rows).toEqual([{ reason: 'malformed', source_line: 5, raw_text: '{"office": "ENB", "arrived_at": broken json' }]);
  });
});
