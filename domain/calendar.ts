/** A period of Almaty calendar days [from, to), both 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2019-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  return new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/**
 * A day outside the years 0001–9999. Days compare as 'YYYY-MM-DD' strings throughout, which only
 * holds for four-digit years: one day before 0000-01-01 is written '-000001-12-31', and a loop
 * stepping towards a later day never arrived. Calendar steps refuse to leave those years instead.
 */
export class CalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarRangeError';
  }
}

function fourDigitDay(iso: string, what: string): string {
  const day = iso.slice(0, 10);
  if (!DATE_RE.test(day) || day < '0001-01-01') throw new CalendarRangeError(`${what} leaves the years 0001–9999`);
  return day;
}

export function addDays(day: string, n: number): string {
  // Within the 1st–28th of one month it is string arithmetic: the periods every request walks day by
  // day spend most of their steps there, and a Date round trip per day showed in profiles.
  const d = day.length === 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45 ? Number(day.slice(8)) : NaN;
  const month = Number(day.slice(5, 7));
  if (d >= 1 && d <= 28 && d + n >= 1 && d + n <= 28 && Number.isInteger(n) && month >= 1 && month <= 12 && /^\d{4}$/.test(day.slice(0, 4)) && day >= '0001') {
    const next = d + n;
    return `${day.slice(0, 8)}${next < 10 ? '0' : ''}${next}`;
  }
  const t = Date.parse(`${day}T00:00:00Z`) + n * DAY_MS;
  if (!Number.isFinite(t)) throw new CalendarRangeError(`${day} + ${n} days is not a day`);
  return fourDigitDay(new Date(t).toISOString(), `${day} + ${n} days`);
}

/** The same calendar day n years later; 29 February falls back to the 28th in a common year. */
export function addYears(day: string, n: number): string {
  const y = String(Number(day.slice(0, 4)) + n).padStart(4, '0');
  const same = `${y}${day.slice(4)}`;
  return isCalendarDate(same) ? same : `${y}-02-28`;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function nextMonth(month: string): string {
  const d = new Date(`${monthStart(month)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new CalendarRangeError(`${month} is not a month`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return fourDigitDay(d.toISOString(), `the month after ${month}`);
}

/** The period is exactly one calendar month: only such an evaluation keeps flags. */
export function calendarMonthOf(p: Period): string | null {
  return p.from === monthStart(p.from) && p.to === nextMonth(p.from) ? p.from : null;
}

/** 'YYYY-MM' or 'YYYY-MM-DD' → the month's period. */
export function monthPeriod(month: string): Period {
  const from = monthStart(month.length === 7 ? `${month}-01` : month);
  return { from, to: nextMonth(from) };
}

// Built once: constructing a DateTimeFormat costs far more than formatting with it, and every
// request asks for today (the allowed days end a year after it).
const ALMATY_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar day in Almaty (the IANA zone, never a fixed offset). */
export function almatyToday(now: Date = new Date()): string {
  return ALMATY_DAY.format(now);
}
