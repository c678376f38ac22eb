import { describe, expect, it } from 'vitest';
import { BatchProbe } from '../../../etl/load/batch-probe.ts';

const key = (day: number, ticket: number) => `r\u001fSRK\u001f2024-01-${String(day).padStart(2, '0')}\u001f${ticket}`;

describe('BatchProbe: what a batch could collide with', () => {
  it('finds no repeat among 30,000 distinct identities, and each office\'s first and last day', () => {
    const probe = new BatchProbe();
    for (let d = 1; d <= 30; d++) for (let t = 1; t <= 1000; t++) probe.add(d % 2 ? 'SRK' : 'ALM', `2024-01-${String(d).padStart(2, '0')}`, key(d, t));
    expect(probe.repeatsItself).toBe(false);
    expect(probe.ranges()).toEqual([{ office: 'SRK', first: '2024-01-01', last: '2024-01-29' }, { office: 'ALM', first: '2024-01-02', last: '2024-01-30' }]);
  });

  it('finds an identity given twice, however far apart and whatever came between', () => {
    for (const [first, second] of [[0, 1], [0, 29_999], [15_000, 29_999]] as const) {
      const probe = new BatchProbe();
      for (let i = 0; i < 30_000; i++) probe.add('SRK', '2024-01-01', key(1, i === second ? first : i));
      expect(probe.repeatsItself, `${first} and ${second}`).toBe(true);
    }
  });
});
