import { describe, expect, it } from 'vitest';
import { addDays, CalendarRangeError } from '../../domain/calendar.ts';

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
