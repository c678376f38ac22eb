import { describe, expect, it } from 'vitest';
import { readFile } from '../../../etl/read/read-file.ts';
import { collect, fixture } from './collect.ts';

describe('Arrow IPC reader (format D)', () => {
  it('reads the file format: zone-less timestamps as wall-clock text, zoned ones as UTC instants, dates as days', async () => {
    const result = await readFile(fixture('tablet-file.arrow'));
    expect(result.format).toBe('arrow');
    const records = await collect(result);
    expect(records[0]).toMatchObject({
      line: 1, sheet: null,
      values: {
        office: 'SRK', visit_ref: 1, date: '2019-01-14', arrived_at: '2019-01-14 09:05:00', admitted_at: '2019-01-14T03:07:00Z',
        finished_at: '2019-01-14 09:30:00', topic_text: "'); DROP TABLE visits;--", phone_surrendered: true,
      },
    });
  });

  it('keeps milliseconds, decodes dictionary strings, and turns an unsafe Int64 into its digits', async () => {
    const records = await collect(await readFile(fixture('tablet-file.arrow')));
    expect(records[1]?.values?.arrived_at).toBe('2019-01-14 23:59:59.250');
    expect(records[2]?.values).toMatchObject({ office: 'PNF', visit_ref: '9007199254740993', arrived_at: null, topic_text: null });
  });

  it('lists columns with no canonical name as unknown', async () => {
    expect((await readFile(fixture('tablet-file.arrow'))).unknownColumns).toEqual(['battery']);
  });

  it('reads the stream format with second timestamps, a UTC zone and a time-of-day column', async () => {
    const records = await collect(await readFile(fixture('tablet-stream.arrows')));
    expect(records.map((r) => r.values)).toEqual([
      { office: 'KRS', arrived_at: '2024-02-29 23:30:00', specialist_called_at: '2024-02-29T17:45:00Z', started_at: '09:05:00' },
      { office: 'KRS', arrived_at: '2024-03-02 10:00:00', specialist_called_at: null, started_at: null },
    ]);
  });
});
