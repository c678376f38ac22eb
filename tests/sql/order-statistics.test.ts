import { describe, expect, it } from 'vitest';
import { minutesToOpen, PERCENTILES, summarize, type MinuteHistogram } from '../../sql/durations/order-statistics.ts';
import { createRng } from '../../etl/demo/prng.ts';

/** PostgreSQL's percentile_cont over sorted values, in its float8 order of operations. */
function percentileCont(sorted: number[], p: number): number {
  const h = p * (sorted.length - 1);
  const lo = sorted[Math.floor(h)]!;
  const hi = sorted[Math.ceil(h)]!;
  return lo + ((h - Math.floor(h)) * (hi - lo));
}

function histogramOf(values: number[]): { h: MinuteHistogram; seconds: Map<number, number[]> } {
  const byMinute = new Map<number, number[]>();
  for (const v of values) {
    const m = Math.floor(v / 60);
    const s = byMinute.get(m) ?? new Array<number>(60).fill(0);
    s[v - 60 * m]! += 1;
    byMinute.set(m, s);
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  const counts = minutes.map((m) => byMinute.get(m)!.reduce((a, b) => a + b, 0));
  return { h: { minutes, counts, total: values.length }, seconds: byMinute };
}

describe('exact order statistics from minute and second counts', () => {
  it('equals percentile_cont, min, max and the count over a threshold on random durations', () => {
    const rng = createRng(11);
    const rnd = (n: number) => rng.int(0, n - 1);
    for (let round = 0; round < 300; round++) {
      // Up to a minute early (contract §2 lets that through) to a few hours late, few or many values.
      const values = Array.from({ length: 1 + rnd(round % 3 === 0 ? 5 : 3000) }, () => rnd(round % 2 ? 400 : 9000) - 60);
      const sorted = [...values].sort((a, b) => a - b);
      const threshold = [300, 1200, 0, 299.5, rnd(3000)][round % 5]!;
      const { h, seconds } = histogramOf(values);
      // Only the minutes it asks for are handed over, as the database read does.
      const opened = new Map(minutesToOpen(h, threshold).map((m) => [m, seconds.get(m)!]));
      const s = summarize(h, opened, threshold);
      expect(s.n).toBe(values.length);
      expect(s.min).toBe(sorted[0]);
      expect(s.max).toBe(sorted[sorted.length - 1]);
      expect(s.over).toBe(values.filter((v) => v > threshold).length);
      for (const [name, p] of Object.entries(PERCENTILES)) expect(s.pct[name as keyof typeof PERCENTILES], name).toBe(percentileCont(sorted, p));
      // Asking for fewer statistics opens no more minutes and gives the same values for those asked.
      const few = ['p50', 'p90', 'max'] as const;
      const fewMinutes = minutesToOpen(h, threshold, few);
      expect(fewMinutes.length).toBeLessThanOrEqual(opened.size);
      const f = summarize(h, new Map(fewMinutes.map((m) => [m, seconds.get(m)!])), threshold, few);
      expect([f.pct.p50, f.pct.p90, f.max, f.over]).toEqual([s.pct.p50, s.pct.p90, s.max, s.over]);
      expect(f.min).toBeNaN();
    }
  });
});
