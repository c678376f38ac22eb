import { describe, expect, it } from 'vitest';
import { parseLocalTime, parseTimeValue, toInstant } from '../../../etl/transform/parse-local-time.ts';
import { scanDate, scanDateTime } from '../../../etl/transform/scan-date-time.ts';

const iso = (v: Parameters<typeof parseLocalTime>[0]) => parseLocalTime(v)?.toISOString() ?? null;

describe('parseLocalTime: Asia/Almaty wall clock through the IANA zone', () => {
  it('reads 10:00 on 2024-02-28 as 04:00Z (UTC+6) and on 2024-03-02 as 05:00Z (UTC+5)', () => {
    expect(iso('28.02.2024 10:00')).toBe('2024-02-28T04:00:00.000Z');
    expect(iso('02.03.2024 10:00')).toBe('2024-03-02T05:00:00.000Z');
    expect(iso('2019-01-14 10:05:00')).toBe('2019-01-14T04:05:00.000Z');
  });

  it('takes the earlier instant (UTC+6) for the hour of 2024-02-29 that happened twice', () => {
    expect(iso('29.02.2024 23:00')).toBe('2024-02-29T17:00:00.000Z');
    expect(iso('2024-02-29 23:30:00')).toBe('2024-02-29T17:30:00.000Z');
    expect(iso('29.02.2024 23:59:59')).toBe('2024-02-29T17:59:59.000Z');
    expect(iso('29.02.2024 22:59')).toBe('2024-02-29T16:59:00.000Z');
    expect(iso('01.03.2024 00:00')).toBe('2024-02-29T19:00:00.000Z');
  });

  it('keeps a value with Z or an offset as the instant it names', () => {
    expect(iso('2019-01-14T10:05:00+06:00')).toBe('2019-01-14T04:05:00.000Z');
    expect(iso('2019-01-14T04:05:00Z')).toBe('2019-01-14T04:05:00.000Z');
    expect(iso('2019-01-14T04:05:00.250Z')).toBe('2019-01-14T04:05:00.250Z');
    expect(iso('2024-02-29T23:30:00+05:00')).toBe('2024-02-29T18:30:00.000Z');
    expect(iso('2019-01-14 10:05+0600')).toBe('2019-01-14T04:05:00.000Z');
  });

  it.each([
    ['14.01.2019 10:05', '2019-01-14T04:05:00.000Z'],
    ['14.01.2019 9:05', '2019-01-14T03:05:00.000Z'],
    ['14.01.2019 10:05:30', '2019-01-14T04:05:30.000Z'],
    ['14.01.19 10:05', '2019-01-14T04:05:00.000Z'],
    ['4.1.2019 10:05', '2019-01-04T04:05:00.000Z'],
    ['14/01/2019 10:05', '2019-01-14T04:05:00.000Z'],
    ['2019-01-14T10:05', '2019-01-14T04:05:00.000Z'],
    ['2019-01-14T10:05:00', '2019-01-14T04:05:00.000Z'],
    [' 2019-01-14 10:05:00.500 ', '2019-01-14T04:05:00.500Z'],
    ['14.01.2019', '2019-01-13T18:00:00.000Z'],
    ['2019-01-14', '2019-01-13T18:00:00.000Z'],
    ['14.01.2019г. 10:05', '2019-01-14T04:05:00.000Z'],
    ['14.01.2019 г.', '2019-01-13T18:00:00.000Z'],
  ])('accepts %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads Excel serials (1900 system): date, date and time, as a number or numeric text', () => {
    expect(iso(43479)).toBe('2019-01-13T18:00:00.000Z'); // 2019-01-14
    expect(iso(43479.4201388889)).toBe('2019-01-14T04:05:00.000Z'); // 10:05, rounded to the second
    expect(iso('43479.4201388889')).toBe('2019-01-14T04:05:00.000Z');
    expect(iso('43479,4201388889')).toBe('2019-01-14T04:05:00.000Z');
    // Excel counts a 29 February 1900 that never was: day 61 is 1 March, day 59 is 28 February.
    expect(parseTimeValue(61)).toEqual({ kind: 'date', ms: Date.UTC(1900, 2, 1) });
    expect(parseTimeValue(59)).toEqual({ kind: 'date', ms: Date.UTC(1900, 1, 28) });
  });

  it('reads a time fraction or a time of day as a time without a date', () => {
    expect(parseTimeValue(0.4201388889)).toEqual({ kind: 'time', ms: (10 * 60 + 5) * 60_000 });
    expect(parseTimeValue('0.5')).toEqual({ kind: 'time', ms: 12 * 3_600_000 });
    expect(parseTimeValue('9:05')).toEqual({ kind: 'time', ms: (9 * 60 + 5) * 60_000 });
    expect(parseTimeValue('23:59:59')).toEqual({ kind: 'time', ms: 86_399_000 });
    // Excel's day zero, as a time-only cell can come through a date-typed reader.
    expect(parseTimeValue('1899-12-30 10:05:00')).toEqual({ kind: 'time', ms: (10 * 60 + 5) * 60_000 });
    expect(parseLocalTime('10:05')).toBeNull();
  });

  it('answers empty for blanks and invalid for anything it cannot read, never a guess', () => {
    expect(parseTimeValue(null).kind).toBe('empty');
    expect(parseTimeValue('  ').kind).toBe('empty');
    for (const bad of ['31.02.2019 10:00', '14.13.2019', '25:00', '10:61', 'вчера', '14.01', '2019', '1005', 'true', '2019-1-14x', -5]) {
      expect(parseTimeValue(bad).kind, String(bad)).toBe('invalid');
    }
    expect(parseTimeValue(true).kind).toBe('invalid');
    expect(toInstant(parseTimeValue('29.02.2019'))).toBeNull();
    expect(toInstant(parseTimeValue('29.02.2020'))).toBe(Date.parse('2020-02-28T18:00:00Z'));
  });
});

describe('scanDateTime: the fast path reads exactly what the general parser reads', () => {
  it.each([
    '2019-01-14 10:05:00', '2019-01-14T10:05', '2019-01-14T04:05:00Z', '14.01.2019 10:05', '14.01.2019 10:05:30',
    '29.02.2024 23:30', '2024-02-29 23:59:59', '31.12.2019 23:59',
  ])('%s', (text) => {
    const fast = scanDateTime(text);
    expect(fast).not.toBeNull();
    expect(toInstant(parseTimeValue(text))).toBe(fast!.kind === 'instant' ? fast!.ms : toInstant({ kind: 'wall', ms: fast!.ms }));
  });

  it.each([
    '2019-02-29 10:00:00', '31.04.2019 10:00', '2019-01-14 24:00:00', '14.01.2019 10:60', '2019-01-14T10:05:00+06:00',
    '2019-01-14 10:05:00.5', '14.01.2019 10:05 ', '1899-12-30 10:05:00',
  ])('leaves %s to the general parser', (text) => {
    expect(scanDateTime(text)).toBeNull();
  });
});

describe('scanDate: the fast path for a date alone reads exactly what the general parser reads', () => {
  // Spaces around a value take it past the fast paths to the general parser, which trims them.
  const general = (text: string) => parseTimeValue(` ${text} `);

  it.each(['14.01.2019', '2019-01-14', '29.02.2024', '2024-02-29', '31.12.2019', '01.01.1900', '2000-02-29', '31.12.9999'])('%s', (text) => {
    expect(scanDate(text)).toBeGreaterThanOrEqual(Date.UTC(1900, 0, 1));
    expect(general(text)).toEqual({ kind: 'date', ms: scanDate(text) });
    expect(parseTimeValue(text)).toEqual(general(text));
  });

  it.each([
    '29.02.2019', '1900-02-29', '31.04.2019', '00.01.2019', '14.00.2019', '2019-13-01', '1899-12-30', '30.12.1899', '01.01.0000',
    '0000-01-01', '14/01/2019', '2019.01.14', '14-01-2019', '14.01.19', '4.01.2019 ', '1a.01.2019', '2019-01-1x', '14.01.2019г',
  ])('leaves %s to the general parser, which reads it the same through the whole parse', (text) => {
    expect(scanDate(text)).toBe(-1);
    expect(parseTimeValue(text)).toEqual(general(text));
  });
});
