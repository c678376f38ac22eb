import { describe, expect, it } from 'vitest';
import { addDays, CalendarRangeError, daysBetween, nextMonth } from '../../domain/calendar.ts';
import { coverPeriod, type CoverUnit } from '../../sql/cover/rollup-cover.ts';
import { createRng } from '../../etl/demo/prng.ts';

function unitDays(u: CoverUnit): string[] {
  const monthEnd = new Date(Date.UTC(Number(u.start.slice(0, 4)), Number(u.start.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const end = u.unit === 'day' ? addDays(u.start, 1)
    : u.unit === 'dekad' ? (u.start.endsWith('-21') ? monthEnd : addDays(u.start, 10))
    : u.unit === 'month' ? new Date(Date.UTC(Number(u.start.slice(0, 4)), Number(u.start.slice(5, 7)), 1)).toISOString().slice(0, 10)
    : `${String(Number(u.start.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;
  const out: string[] = [];
  for (let d = u.start; d < end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** How many times each day is counted by the cover's signed units. */
function weights(cover: readonly CoverUnit[]): Map<string, number> {
  const w = new Map<string, number>();
  for (const u of cover) for (const d of unitDays(u)) w.set(d, (w.get(d) ?? 0) + u.sign);
  return w;
}

function expectExact(from: string, to: string): readonly CoverUnit[] {
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
    const rng = createRng(7);
    const rnd = (n: number) => rng.int(0, n - 1);
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

describe('the calendar edge: correct or refused, never a loop', () => {
  it('refuses periods outside the years 0001–9999 quickly instead of looping or summing the wrong units', () => {
    const started = Date.now();
    expect(() => coverPeriod({ from: '0000-01-01', to: '0000-02-01' })).toThrow(CalendarRangeError);
    expect(() => coverPeriod({ from: '9999-12-01', to: '9999-12-31' })).toThrow(CalendarRangeError);
    expect(() => coverPeriod({ from: '2024-01-01', to: '+10000-01-01' })).toThrow(CalendarRangeError);
    expect(() => coverPeriod({ from: '-000001-12', to: '2024-01-01' })).toThrow(CalendarRangeError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('the previous period of year 0000 and the day after 9999-12-31 are refused, not written as -000001-12', () => {
    expect(() => addDays('0000-01-01', -31)).toThrow(CalendarRangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(CalendarRangeError);
    expect(() => nextMonth('9999-12-01')).toThrow(CalendarRangeError);
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01');
  });

  it('the widest periods it accepts are still exact', () => {
    // (From year 100 on: the helper above computes month ends with Date.UTC, which reads 0–99 as 19xx.)
    expectExact('0100-12-25', '0102-01-05');
    expectExact('9998-11-27', '9999-01-01');
    expect(coverPeriod({ from: '0998-12-31', to: '1000-01-01' })).toEqual([
      { unit: 'day', start: '0998-12-31', sign: 1 }, { unit: 'year', start: '0999-01-01', sign: 1 },
    ]);
    expect(coverPeriod({ from: '0001-01-01', to: '9999-01-01' })).toHaveLength(9998);
  });
});
