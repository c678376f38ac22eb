/**
 * Fast path for the two shapes that carry most rows: 'YYYY-MM-DD HH:MM[:SS]' (readers write typed
 * cells so; also with 'T' and a trailing 'Z') and 'DD.MM.YYYY HH:MM[:SS]' (e-queue exports). Reads
 * characters at fixed positions without a regex or any allocation but the result. Anything else,
 * including a value out of range, returns null and takes the general parser, which decides.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Wall ms of a calendar day's midnight, or null when the day does not exist (31.04, 29.02.2023). */
export function dayMs(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return Date.UTC(year, month - 1, day);
}

/** The number in `len` digits at `start`, or -1 when any of them is not a digit. */
function digitsAt(s: string, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export interface Scanned {
  kind: 'wall' | 'instant';
  ms: number;
}

/**
 * The day in a value's first ten characters, 'YYYY-MM-DD' or 'DD.MM.YYYY': wall ms of its midnight,
 * or -1 for any other shape, a day that does not exist, or a year before 1900.
 */
function scanDayPart(t: string): number {
  let year: number;
  let month: number;
  let day: number;
  if (t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45) { // YYYY-MM-DD
    year = digitsAt(t, 0, 4);
    month = digitsAt(t, 5, 2);
    day = digitsAt(t, 8, 2);
  } else if (t.charCodeAt(2) === 46 && t.charCodeAt(5) === 46) { // DD.MM.YYYY
    day = digitsAt(t, 0, 2);
    month = digitsAt(t, 3, 2);
    year = digitsAt(t, 6, 4);
  } else {
    return -1;
  }
  if (year < 1900) return -1;
  return dayMs(year, month, day) ?? -1;
}

export function scanDateTime(t: string): Scanned | null {
  const n = t.length;
  if (n < 16) return null;
  const midnight = scanDayPart(t);
  if (midnight < 0) return null;
  const sep = t.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || t.charCodeAt(13) !== 58) return null; // ' ' or 'T', then HH:
  const hour = digitsAt(t, 11, 2);
  const minute = digitsAt(t, 14, 2);
  let second = 0;
  let p = 16;
  if (p < n && t.charCodeAt(p) === 58) {
    second = digitsAt(t, 17, 2);
    p = 19;
  }
  let kind: Scanned['kind'] = 'wall';
  if (p === n - 1 && t.charCodeAt(p) === 90) kind = 'instant'; // trailing Z
  else if (p !== n) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  return { kind, ms: midnight + ((hour * 60 + minute) * 60 + second) * 1000 };
}

/**
 * Fast path for a time of day, 'H:MM', 'HH:MM' or 'HH:MM:SS' (e-queue exports give the date once and
 * times alone): ms since midnight, or -1 for anything else (the general parser then decides).
 */
export function scanTimeOfDay(t: string): number {
  const n = t.length;
  const colon = t.charCodeAt(1) === 58 ? 1 : t.charCodeAt(2) === 58 ? 2 : -1;
  if (colon < 0 || (n !== colon + 3 && n !== colon + 6)) return -1;
  const hour = digitsAt(t, 0, colon);
  const minute = digitsAt(t, colon + 1, 2);
  let second = 0;
  if (n === colon + 6) {
    if (t.charCodeAt(colon + 3) !== 58) return -1;
    second = digitsAt(t, colon + 4, 2);
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return -1;
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

/**
 * Fast path for a date alone, 'DD.MM.YYYY' or 'YYYY-MM-DD' (an e-queue's date column): wall ms of
 * its midnight, or -1 for anything else, years before 1900 included (the general parser decides).
 */
export function scanDate(t: string): number {
  return t.length === 10 ? scanDayPart(t) : -1;
}
