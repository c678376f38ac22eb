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
  const t = Date.parse(`${s}T00:00:00Z`);
  // 2019-13-45 does not parse at all (and toISOString would throw on it); 2019-02-30 rolls over.
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
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

/** The first day of the calendar quarter holding `day`: 1 January, April, July or October. */
export function quarterStart(day: string): string {
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
}

export function yearStart(day: string): string {
  return `${day.slice(0, 4)}-01-01`;
}

/** The first day of the month n months after (or before) the month of `day`. */
export function addMonths(day: string, n: number): string {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** First day of the dekad holding `day`: the 1st, 11th or 21st of its month (SQL: dekad_start, migration 0014). */
export function dekadStart(day: string): string {
  const d = Number(day.slice(8, 10));
  return `${day.slice(0, 8)}${d <= 10 ? '01' : d <= 20 ? '11' : '21'}`;
}

/** The ISO weekday of a day as an index, 0 = Monday … 6 = Sunday. */
export function isoWeekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday of the ISO week holding `day`. */
export function isoWeekStart(day: string): string {
  return addDays(day, -isoWeekdayIndex(day));
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

/** The Almaty calendar day of an instant (a Date, an ISO string or epoch milliseconds). */
export function almatyDay(at: Date | string | number): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  // Through the per-hour offset memo below: formatting with Intl costs microseconds a call, and the
  // evidence of every verdict names its days. Years outside 1000–9998 (and invalid dates) go to Intl,
  // which formats or refuses them as it always did.
  if (ms >= FAST_DAYS_FROM && ms < FAST_DAYS_TO) return wallDate(instantToWall(ms));
  return ALMATY_DAY.format(typeof at === 'object' ? at : new Date(at));
}

const FAST_DAYS_FROM = Date.UTC(1000, 0, 1);
const FAST_DAYS_TO = Date.UTC(9999, 0, 1);

/** Today's calendar day in Almaty (the IANA zone, never a fixed offset). */
export function almatyToday(now: Date = new Date()): string {
  return almatyDay(now);
}

/**
 * Asia/Almaty wall clock ↔ instant through the IANA zone (Intl), never a fixed offset: Kazakhstan
 * moved from UTC+6 to UTC+5 on 2024-03-01, and earlier years had their own changes. Intl is slow
 * (microseconds a call), so offsets are cached per hour; every Almaty transition falls on a whole hour.
 * Wall-clock times are handled as "wall ms": the epoch milliseconds the same digits would have in UTC.
 */
const HOUR_MS = 3_600_000;

const ALMATY_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Almaty', hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** Offset at a whole-second instant (formatToParts has no milliseconds). */
function uncachedOffsetAt(instantMs: number): number {
  const p: Record<string, number> = {};
  for (const part of ALMATY_PARTS.formatToParts(instantMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const year = p.year ?? 1970;
  const wall = Date.UTC(year, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  const fixed = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return fixed - instantMs;
}

/**
 * A cache that starts over past this many entries: ~23 years of hours, far beyond what valid data
 * holds, so a stream of odd instants (a damaged file, a long-running server) cannot grow it without end.
 */
const MEMO_LIMIT = 200_000;

function memo<V>(map: Map<number, V>, key: number, compute: (key: number) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MEMO_LIMIT) map.clear();
    value = compute(key);
    map.set(key, value);
  }
  return value;
}

const offsetByUtcHour = new Map<number, number>();
/** Per UTC day: the offset of all its hours, or NaN when it changes within the day (those go by hour). */
const offsetByUtcDay = new Map<number, number>();

/**
 * A day's offset when its first and last hour agree: Almaty's offset changes at most once a day
 * (months apart in every year of the zone's history), so the hours between agree too. A load of a
 * thousand days then asks Intl ~2,000 times instead of ~24,000.
 */
function uncachedDayOffset(day: number): number {
  const first = uncachedOffsetAt(day * DAY_MS);
  return first === uncachedOffsetAt(day * DAY_MS + 23 * HOUR_MS) ? first : Number.NaN;
}

/** Offset of Asia/Almaty from UTC in ms at an instant (the offset at the start of its UTC hour). */
export function almatyOffsetAt(instantMs: number): number {
  const whole = memo(offsetByUtcDay, Math.floor(instantMs / DAY_MS), uncachedDayOffset);
  if (!Number.isNaN(whole)) return whole;
  return memo(offsetByUtcHour, Math.floor(instantMs / HOUR_MS), (hour) => uncachedOffsetAt(hour * HOUR_MS));
}

/** The wall-clock reading in Almaty at an instant, as wall ms. */
export function instantToWall(instantMs: number): number {
  return instantMs + almatyOffsetAt(instantMs);
}

const dayNames = new Map<number, string>();

/** 'YYYY-MM-DD' of a wall ms value (the Almaty calendar day when the value is Almaty wall-clock). */
export function wallDate(wallMs: number): string {
  return memo(dayNames, Math.floor(wallMs / DAY_MS), (day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
}

/**
 * The instant a wall-clock time names. When the clock went back and the hour happened twice
 * (23:00–23:59 on 2024-02-29), the earlier instant wins; a time skipped by a clock going forward is
 * read with the offset before the change.
 */
function uncachedOffsetForWall(wallMs: number): number {
  const before = almatyOffsetAt(wallMs - DAY_MS);
  const after = almatyOffsetAt(wallMs + DAY_MS);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    if (almatyOffsetAt(wallMs - offset) !== offset) continue;
    if (best === null || wallMs - offset < wallMs - best) best = offset;
  }
  return best ?? before;
}

const offsetByWallHour = new Map<number, number>();

/** The instant (epoch ms) of an Almaty wall-clock time given as wall ms. */
export function wallToInstant(wallMs: number): number {
  return wallMs - memo(offsetByWallHour, Math.floor(wallMs / HOUR_MS), (hour) => uncachedOffsetForWall(hour * HOUR_MS));
}

/** An instant as the Almaty wall clock 'YYYY-MM-DD HH:MM', for details a person reads. */
export function almatyMinute(at: Date | string | number): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  const iso = new Date(instantToWall(ms)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
