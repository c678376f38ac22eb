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

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
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
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
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

/** Today's calendar day in Almaty (the IANA zone, never a fixed offset). */
export function almatyToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now);
}
