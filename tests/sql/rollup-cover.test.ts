import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../sql/compliance/period.ts';
import { coverPeriod, type CoverUnit } from '../../sql/rollup-cover.ts';

function unitDays(u: CoverUnit): string[] {
  const monthEnd = new Date(Date.UTC(Number(u.start.slice(0, 4)), Number(u.start.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const end = u.unit === 'day' ? addDays(u.start, 1)
    : u.unit === 'dekad' ? (u.start.endsWith('-21') ? monthEnd : addDays(u.start, 10))
    : u.unit === 'month' ? new Date(Date.UTC(Number(u.start.slice(0, 4)), Number(u.start.slice(5, 7)), 1)).toISOString().slice(0, 10)
    : `${Number(u.start.slice(0, 4)) + 1}-01-01`;
  const out: string[] = [];
  for (let d = u.start; d < end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** How many times each day is counted by the cover's signed units. */
function weights(cover: CoverUnit[]): Map<string, number> {
  const w = new Map<string, number>();
  for (const u of cover) for (const d of unitDays(u)) w.set(d, (w.get(d) ?? 0) + u.sign);
  return w;
}

function expectExact(from: string, to: string): CoverUnit[] {
  const cover = coverPeriod({ from, to });
  const w = weights(cover);
  // Gathered and compared once: an expect per day made this test the slowest of the suite.
  const wrong: string[] = [];
  for (const [day, n] of w) if (n !== (day >= from && day < to ? 1 : 0)) wrong.push(`${day} counted ${n} times`);
  for (let d = from; d < to; d = addDays(d, 1)) if (w.get(d) !== 1) wrong.push(`${d} counted ${w.get(d) ?? 0} times`);
  expect(wrong, `[${from}, ${to})`).toEqual([]);
  return cover;
}

describe('coverPeriod', () => {
  it('reads a calendar year as one row and a month as one row', () => {
    expect(coverPeriod({ from: '2019-01-01', to: '2020-01-01' })).toEqual([{ unit: 'year', start: '2019-01-01', sign: 1 }]);
    expect(coverPeriod({ from: '2024-02-01', to: '2024-03-01' })).toEqual([{ unit: 'month', start: '2024-02-01', sign: 1 }]);
  });

  it('takes a day away from a year rather than summing eleven months and thirty days', () => {
    expect(coverPeriod({ from: '2019-01-02', to: '2020-01-01' })).toEqual([
      { unit: 'year', start: '2019-01-01', sign: 1 }, { unit: 'day', start: '2019-01-01', sign: -1 },
    ]);
  });

  it('covers every day of random periods exactly once and nothing else, in few units', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    let worst = 0;
    for (let i = 0; i < 400; i++) {
      const from = addDays('2018-01-01', rnd(1200));
      const to = addDays(from, 1 + rnd(800));
      const cover = expectExact(from, to);
      worst = Math.max(worst, cover.length);
      // Never more rows than reading the days one by one.
      expect(cover.length).toBeLessThanOrEqual(daysBetween(from, to));
    }
    // Each edge needs at most 5 days, 2 dekads and 6 months either way, plus the years between.
    expect(worst).toBeLessThanOrEqual(2 * (5 + 2 + 6) + 3);
  });

  it('reads the ragged start of a year through dekads: 2019-01-15 – 2019-12-31 is six rows', () => {
    expect(coverPeriod({ from: '2019-01-15', to: '2020-01-01' })).toEqual([
      { unit: 'year', start: '2019-01-01', sign: 1 }, { unit: 'dekad', start: '2019-01-01', sign: -1 },
      { unit: 'day', start: '2019-01-11', sign: -1 }, { unit: 'day', start: '2019-01-12', sign: -1 },
      { unit: 'day', start: '2019-01-13', sign: -1 }, { unit: 'day', start: '2019-01-14', sign: -1 },
    ]);
  });

  it('handles leap days and periods inside one month', () => {
    expectExact('2024-02-28', '2024-03-02');
    expectExact('2024-02-10', '2024-02-20');
    expect(coverPeriod({ from: '2024-02-10', to: '2024-02-10' })).toEqual([]);
  });
});
