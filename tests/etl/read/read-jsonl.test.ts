import { describe, expect, it } from 'vitest';
import { readFile } from '../../../etl/read/read-file.ts';
import { collect, fixture } from './collect.ts';

describe('JSON Lines reader (format C)', () => {
  it('maps canonical keys and keeps strings, numbers, booleans and null as they are', async () => {
    const result = await readFile(fixture('tablet.jsonl'));
    expect(result.format).toBe('jsonl');
    const [first] = await collect(result);
    expect(first?.line).toBe(1);
    expect(first?.values).toEqual({
      office: 'SRK', visit_ref: 'A-001', arrived_at: '2019-01-14T09:05:00+06:00', admitted_at: '2019-01-14T09:07:00+06:00',
      topic_text: "'); DROP TABLE visits;--", iin: '880101300123', phone_surrendered: false, checkpoint_questioned: true, channel: 'e_queue',
    });
  });

  it('turns broken JSON, an array and a number into malformed records and goes on', async () => {
    const records = await collect(await readFile(fixture('tablet.jsonl')));
    expect(records.map((r) => [r.line, r.values === null])).toEqual([[1, false], [3, true], [4, true], [5, true], [7, false]]);
    expect(records[1]?.malformed).toMatch(/^not valid JSON/);
    expect(records[2]?.malformed).toBe('not a JSON object: found an array');
    expect(records[3]?.malformed).toBe('not a JSON object: found a number');
    expect(records[1]?.raw).toBe('{"office":"SRK","visit_ref":"A-002","arrived_at":"2019-01-14T09:1');
  });

  it('accepts header aliases as keys and lists unknown keys', async () => {
    const result = await readFile(fixture('tablet.jsonl'));
    const records = await collect(result);
    expect(records.at(-1)?.values).toEqual({
      office: 'Сарқан', arrived_at: '2019-01-14T10:00:00+06:00', topic_text: 'Справка', admitted_at: null, visit_ref: 17,
    });
    expect(result.unknownColumns).toEqual(['device_id', 'meta']);
  });

  it('reads an inspection JSONL with canonical keys as format inspection', async () => {
    const result = await readFile(fixture('inspections.jsonl'));
    expect(result.format).toBe('inspection');
    const [record] = await collect(result);
    expect(record?.values).toMatchObject({ office: 'PNF', bars_on_windows: false, guard_questions_visitors: true, notes: null });
  });
});
