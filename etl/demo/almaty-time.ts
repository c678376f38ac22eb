/**
 * Almaty days for the demo. Visits are generated as (day, seconds since local midnight); these
 * helpers turn that into text and instants through the IANA zone (domain/calendar.ts), because
 * Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01 and a fixed offset would be wrong on one side.
 */
import { addDays, almatyOffsetAt } from '../../domain/calendar.ts';

const DAY_MS = 86_400_000;

/** A calendar day as the generator carries it. */
export interface DemoDay {
  /** 'YYYY-MM-DD' */
  iso: string;
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Date.UTC of the day's midnight, as if the wall clock were UTC. */
  utcMidnight: number;
  /** Almaty's offset from UTC at noon that day, in minutes (360 before 2024-03-01, 300 after). */
  offsetMinutes: number;
}

export function demoDay(iso: string): DemoDay {
  const utcMidnight = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new Error(`Expected a date YYYY-MM-DD, found "${iso}"`);
  // Almaty's noon, give or take an hour: no clock change falls near it.
  const offsetMinutes = almatyOffsetAt(utcMidnight + DAY_MS / 2 - 6 * 3_600_000) / 60_000;
  const d = new Date(utcMidnight);
  return {
    iso, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(),
    utcMidnight, offsetMinutes,
  };
}

/** The `days` calendar days ending with `endDate` (inclusive), oldest first, plus the day after. */
export function demoDays(endDate: string, days: number): DemoDay[] {
  const first = addDays(endDate, -(days - 1));
  return Array.from({ length: days + 1 }, (_, i) => demoDay(addDays(first, i)));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'HH:MM:SS' (or 'HH:MM') of a second within a day; seconds past midnight wrap to the next day. */
export function clockText(seconds: number, withSeconds = true): string {
  const s = seconds % 86_400;
  const hm = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}`;
  return withSeconds ? `${hm}:${pad2(s % 60)}` : hm;
}

/**
 * The instant of a wall-clock second of a day. A time past midnight takes the next day's offset
 * (the second 23:00–23:59 of 2024-02-29 never arises: the earlier instant, UTC+6, is the one meant).
 */
export function instantMs(days: readonly DemoDay[], dayIndex: number, seconds: number): number {
  const extra = Math.floor(seconds / 86_400);
  const day = days[dayIndex + extra] ?? demoDay(addDays((days[dayIndex] as DemoDay).iso, extra));
  return day.utcMidnight + (seconds - extra * 86_400) * 1000 - day.offsetMinutes * 60_000;
}

/** ISO 8601 with the Almaty offset of that moment: '2024-02-28T10:00:00+06:00'. */
export function isoWithOffset(days: readonly DemoDay[], dayIndex: number, seconds: number): string {
  const extra = Math.floor(seconds / 86_400);
  const day = days[dayIndex + extra] ?? demoDay(addDays((days[dayIndex] as DemoDay).iso, extra));
  const off = day.offsetMinutes;
  return `${day.iso}T${clockText(seconds)}${off >= 0 ? '+' : '-'}${pad2(Math.floor(Math.abs(off) / 60))}:${pad2(Math.abs(off) % 60)}`;
}
