import { describe, expect, it } from 'vitest';
import { addDays, isoWeekdayIndex } from '../../domain/calendar.ts';
import { buildCoverage, coversDay, coveredWeekdays } from '../../domain/coverage.ts';
import { createRng } from '../../etl/demo/prng.ts';

/** The definition coveredWeekdays counts by spans: every day of the period, walked. */
function walked(o: Parameters<typeof coversDay>[0], p: { from: string; to: string }): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (let d = p.from; d < p.to; d = addDays(d, 1)) if (coversDay(o, d)) counts[isoWeekdayIndex(d)] = (counts[isoWeekdayIndex(d)] ?? 0) + 1;
  return counts;
}

describe('coveredWeekdays', () => {
  it('equals walking the days, for random files and periods (seeded)', () => {
    const rng = createRng(7);
    const rnd = (n: number) => rng.int(0, n - 1);
    for (let round = 0; round < 300; round++) {
      const files = Array.from({ length: 1 + rnd(6) }, () => {
        const first = addDays('2024-01-01', rnd(400));
        return { office: 'SRK', first, last: addDays(first, rnd(60)) };
      });
      const [o] = buildCoverage(files, ['SRK']).offices;
      const from = addDays('2023-12-01', rnd(450));
      const p = { from, to: addDays(from, 1 + rnd(200)) };
      expect(coveredWeekdays(o!, p), JSON.stringify({ files, p })).toEqual(walked(o!, p));
    }
  });
});
