import { describe, expect, it } from 'vitest';
import { createRng } from '../../etl/demo/prng.ts';
import {
  addDays, addMonths, CalendarRangeError, almatyDay, almatyMinute, almatyOffsetAt, dekadStart, instantToWall, isCalendarDate,
  isoWeekdayIndex, quarterStart, wallDate, wallToInstant, yearStart,
} from '../../domain/calendar.ts';

// domain/calendar.ts is the one home of calendar days and the Almaty clock (web, server, etl and sql
// import it); these are the functions it gained when the copies elsewhere were removed.
describe('calendar days', () => {
  it('tells a real calendar date from a malformed or impossible one without throwing', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2019-13-45')).toBe(false);
    expect(isCalendarDate('2019-1-5')).toBe(false);
  });

  it('steps whole months from the month of a day, over year ends both ways', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-01');
    expect(addMonths('2024-11-01', 3)).toBe('2025-02-01');
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-01');
    expect(addMonths('2024-07-01', -12)).toBe('2023-07-01');
  });

  it('starts quarters on 1 January, April, July and October, and years on 1 January', () => {
    expect(['2024-01-01', '2024-03-31', '2024-04-01', '2024-08-15', '2024-12-31'].map(quarterStart))
      .toEqual(['2024-01-01', '2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
    expect(yearStart('2024-12-31')).toBe('2024-01-01');
  });

  it('starts a dekad on the 1st, 11th or 21st, the last one running to the month end', () => {
    expect(['2024-02-01', '2024-02-10', '2024-02-11', '2024-02-20', '2024-02-21', '2024-02-29', '2023-12-31'].map(dekadStart))
      .toEqual(['2024-02-01', '2024-02-01', '2024-02-11', '2024-02-11', '2024-02-21', '2024-02-21', '2023-12-21']);
  });

  it('numbers ISO weekdays from Monday = 0', () => {
    // 2024-01-01 was a Monday.
    expect(Array.from({ length: 8 }, (_, i) => isoWeekdayIndex(addDays('2024-01-01', i)))).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
  });
});

describe('the Almaty clock (IANA zone: UTC+6 until 2024-03-01 00:00, UTC+5 after)', () => {
  it('reads the offset of each side of the change', () => {
    expect(almatyOffsetAt(Date.parse('2024-02-28T12:00:00Z'))).toBe(6 * 3_600_000);
    expect(almatyOffsetAt(Date.parse('2024-03-02T12:00:00Z'))).toBe(5 * 3_600_000);
  });

  it('gives Intl\'s offset at every hour around each change of the zone since 1970, and at a thousand random hours', () => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Almaty', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    const intlOffset = (ms: number) => {
      const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
      return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - ms;
    };
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;
    const hours: number[] = [];
    for (let day = Date.UTC(1970, 0, 1); day < Date.UTC(2040, 0, 1); day += DAY) {
      if (intlOffset(day) === intlOffset(day + DAY)) continue;
      for (let h = day - DAY; h < day + 3 * DAY; h += HOUR) hours.push(h);
    }
    // The zone changed its offset more than twenty times since 1970 (summer time until 2004, 2024-03-01).
    expect(hours.length).toBeGreaterThan(20 * 96);
    const rng = createRng(7);
    for (let i = 0; i < 1000; i++) hours.push(Date.UTC(1970, 0, 1) + rng.int(0, 70 * 8766) * HOUR);
    const wrong = hours.filter((h) => almatyOffsetAt(h) !== intlOffset(h) || almatyOffsetAt(h + HOUR - 1) !== intlOffset(h));
    expect(wrong.map((h) => new Date(h).toISOString())).toEqual([]);
  });

  it('turns instants into wall time and back; the repeated hour of 2024-02-29 is its earlier instant', () => {
    const instant = Date.parse('2024-03-01T04:30:00Z');
    expect(new Date(instantToWall(instant)).toISOString()).toBe('2024-03-01T09:30:00.000Z');
    expect(wallToInstant(instantToWall(instant))).toBe(instant);
    expect(new Date(wallToInstant(Date.parse('2024-02-29T23:30:00Z'))).toISOString()).toBe('2024-02-29T17:30:00.000Z');
  });

  it('names the calendar day of a wall-clock time, its last millisecond included', () => {
    expect(wallDate(instantToWall(Date.parse('2024-02-29T18:59:59.999Z')))).toBe('2024-02-29');
    expect(wallDate(instantToWall(Date.parse('2024-02-29T19:00:00Z')))).toBe('2024-03-01');
    expect(wallDate(Date.parse('1969-12-31T23:59:59Z'))).toBe('1969-12-31');
  });

  it('writes an instant as the Almaty day and minute a person reads, from a Date, text or epoch ms', () => {
    const at = '2023-12-31T18:59:59Z'; // 00:59:59 on 1 January at UTC+6
    expect(almatyDay(at)).toBe('2024-01-01');
    expect(almatyDay(new Date(at))).toBe('2024-01-01');
    expect(almatyMinute(at)).toBe('2024-01-01 00:59');
    // The second 23:30 of 29 February, at UTC+5.
    expect(almatyMinute('2024-02-29T18:30:00Z')).toBe('2024-02-29 23:30');
    expect(almatyMinute(Date.parse('2024-03-05T07:05:00Z'))).toBe('2024-03-05 12:05');
    expect(almatyMinute(new Date('2019-12-31T18:00:00Z'))).toBe('2020-01-01 00:00');
  });

  it('names the same Almaty day as Intl over the zone\'s history, each side of midnight, and refuses what Intl refuses', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });
    const rng = createRng(20261207);
    const wrong: string[] = [];
    const check = (ms: number) => { if (almatyDay(ms) !== intl.format(ms)) wrong.push(new Date(ms).toISOString()); };
    // Every Almaty midnight ±1 ms from 1980 (summer time until 2005, the +6 → +5 change in 2024) to 2030.
    for (let day = Date.UTC(1980, 0, 1); day < Date.UTC(2030, 0, 1); day += 86_400_000) {
      const midnight = wallToInstant(day);
      check(midnight - 1);
      check(midnight);
    }
    for (let i = 0; i < 20_000; i++) check(Date.UTC(1000, 0, 1) + Math.floor(rng.next() * (Date.UTC(9999, 0, 1) - Date.UTC(1000, 0, 1))));
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(almatyDay('0999-12-31T12:00:00Z')).toBe(intl.format(Date.parse('0999-12-31T12:00:00Z')));
    expect(() => almatyDay('not a time')).toThrow(RangeError);
  });
});

/** The plain definition addDays keeps: the calendar day n × 24 h after `day` in UTC. */
const byDate = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('addDays', () => {
  it('agrees with the Date definition for every day of a leap and a common year and steps of −40…40', () => {
    const wrong: string[] = [];
    for (let day = '2023-01-01'; day < '2025-01-01'; day = byDate(day, 1)) {
      for (let n = -40; n <= 40; n++) if (addDays(day, n) !== byDate(day, n)) wrong.push(`${day} ${n}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps refusing what is not a day, also where the quick path would apply', () => {
    expect(() => addDays('2023-13-05', 1)).toThrow(CalendarRangeError);
    expect(() => addDays('0000-01-05', 1)).toThrow(CalendarRangeError);
    expect(() => addDays('20x3-01-05', 1)).toThrow();
  });
});
