import {
  Bool, DateDay, Float64, Int64, Table, tableFromArrays, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { OverviewResponse } from '../../server/api/contract.ts';
import { toArrow } from '../../server/respond/arrow.ts';
import { decodeColumns, type ColumnTable } from '../../web/arrow.ts';

describe('Arrow IPC decodes to columns the charts take', () => {
  it('Int64 as numbers, Date as the calendar day, Timestamp as an ISO instant, nulls as null, in row order', () => {
    // Explicit types: each one is a quirk the decoder must handle, whatever a writer would infer.
    const typed = new Table({
      visits: vectorFromArray([12n, null, 9_007_199_254_740_991n], new Int64()),
      day: vectorFromArray([new Date('2024-03-01T00:00:00Z'), new Date('2024-02-29T00:00:00Z'), null], new DateDay()),
      at: vectorFromArray([new Date('2024-03-01T05:06:07.008Z'), null, new Date('1999-12-31T23:59:59Z')], new TimestampMillisecond()),
      office: vectorFromArray(['SRK', null, 'TDK'], new Utf8()),
      p90: vectorFromArray([1.5, 2.25, null], new Float64()),
      covered: vectorFromArray([true, false, null], new Bool()),
    });
    // Inferred types as a writer picks them: BigInt64Array → Int64, strings → a dictionary of Utf8.
    const inferred = tableFromArrays({ n: BigInt64Array.from([3n, 4n, 5n]), region: ['almaty-oblast', 'almaty-city', 'almaty-oblast'] });
    const t = decodeColumns(tableToIPC(typed.assign(inferred), 'stream'));
    expect(t.length).toBe(3);
    expect(t.columns).toEqual({
      visits: [12, null, 9_007_199_254_740_991],
      day: ['2024-03-01', '2024-02-29', null],
      at: ['2024-03-01T05:06:07.008Z', null, '1999-12-31T23:59:59.000Z'],
      office: ['SRK', null, 'TDK'],
      p90: [1.5, 2.25, null],
      covered: [true, false, null],
      n: [3, 4, 5],
      region: ['almaty-oblast', 'almaty-city', 'almaty-oblast'],
    });
    // Numbers, not BigInts: a chart sums and scales them.
    expect(t.columns.visits?.every((v) => v === null || typeof v === 'number')).toBe(true);
  });

  it('the server\'s Arrow answer of a daily table reads back as the JSON rows\' columns; no rows, no columns', () => {
    type Daily = OverviewResponse['daily'][number];
    const rows: Daily[] = [
      { day: '2024-03-01', visits: 7, suppressed: false, covered: true },
      { day: '2024-03-02', visits: null, suppressed: true, covered: true },
      { day: '2024-03-03', visits: 0, suppressed: false, covered: false },
    ];
    const t = decodeColumns(toArrow(rows)) as ColumnTable<Daily>;
    expect(t.length).toBe(3);
    expect(t.columns.day).toEqual(rows.map((r) => r.day));
    expect(t.columns.visits).toEqual([7, null, 0]);
    expect(t.columns.covered).toEqual([true, true, false]);
    expect(decodeColumns(toArrow([]))).toEqual({ length: 0, columns: {} });
  });
});
