import type { RawValue } from '../model.ts';
import { fromExcelSerial } from './excel-serial.ts';
import { memoByText } from './memo-by-text.ts';
import { dayMs, scanDate, scanDateTime, scanTimeOfDay } from './scan-date-time.ts';

/**
 * One time-like cell, read without a time zone yet. `wall`, `date` and `time` are Almaty wall-clock
 * (see domain/calendar.ts); `instant` carried Z or an offset and is epoch ms as given.
 */
export type TimeValue =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'instant'; ms: number }
  /** A date and a time of day, as wall ms. */
  | { kind: 'wall'; ms: number }
  /** A day without a time, as wall ms of its midnight. */
  | { kind: 'date'; ms: number }
  /** A time of day without a date, as ms since midnight. */
  | { kind: 'time'; ms: number };

const EMPTY: TimeValue = Object.freeze({ kind: 'empty' });
const INVALID: TimeValue = Object.freeze({ kind: 'invalid' });

// Y-M-D, Y.M.D or Y/M/D | D.M.Y, D/M/Y or D-M-Y (two- or four-digit year); then an optional time
// after a space, 'T' or comma; then an optional Z or offset (only after a time).
const DATE_TIME = new RegExp(
  '^(?:(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})|(\\d{1,2})[-./](\\d{1,2})[-./](\\d{4}|\\d{2}))'
  + '(?:(?:[T\\s]|,\\s*)\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?)?$',
  'i',
);
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
/**
 * A serial as text: "43479", "43479.42", "0,4201". Five digits cover 1927–2173; "14.01" (a day and
 * month) or "2019" (a year) are not serials.
 */
const SERIAL_TEXT = /^(?:\d{5}(?:[.,]\d+)?|0?[.,]\d+|0)$/;
/** Russian writes "г." (year) after the year: "14.01.2019 г. 10:05". */
const YEAR_WORD = /(\d)\s*г\.?(?=\s|$)/;

function timeMs(h: string, m: string, s: string | undefined, frac: string | undefined): number | null {
  const hour = Number(h);
  const minute = Number(m);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

function offsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
}

/** Excel writes a time-only cell as a time on its day 0; such a value is a time of day. */
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);

function fromNumber(n: number): TimeValue {
  const serial = fromExcelSerial(n);
  return serial === null ? INVALID : serial;
}

function fromText(text: string): TimeValue {
  const t = text.trim().replace(YEAR_WORD, '$1');
  if (t === '') return EMPTY;
  const time = TIME_ONLY.exec(t);
  if (time !== null) {
    const ms = timeMs(time[1]!, time[2]!, time[3], time[4]);
    return ms === null ? INVALID : { kind: 'time', ms };
  }
  const m = DATE_TIME.exec(t);
  if (m === null) return SERIAL_TEXT.test(t) ? fromNumber(Number(t.replace(',', '.'))) : INVALID;
  const year = m[1] !== undefined ? Number(m[1]) : m[6]!.length === 2 ? 2000 + Number(m[6]) : Number(m[6]);
  const day = dayMs(year, Number(m[2] ?? m[5]), Number(m[3] ?? m[4]));
  if (day === null) return INVALID;
  if (m[7] === undefined) return { kind: 'date', ms: day };
  const ms = timeMs(m[7], m[8]!, m[9], m[10]);
  if (ms === null) return INVALID;
  if (m[11] !== undefined) return { kind: 'instant', ms: day + ms - offsetMs(m[11]) };
  if (day === EXCEL_DAY_ZERO || day === EXCEL_DAY_ONE) return { kind: 'time', ms };
  return { kind: 'wall', ms: day + ms };
}

function parseUncached(value: RawValue | undefined): TimeValue {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value === 'string') {
    const time = scanTimeOfDay(value);
    if (time >= 0) return { kind: 'time', ms: time };
    return scanDateTime(value) ?? fromText(value);
  }
  return INVALID;
}

/** Dates and times of day repeat from row to row; results are frozen so a cached one stays as parsed. */
const parseShortText = memoByText((value) => Object.freeze(parseUncached(value)));

/** Reads a cell as a date, a time, both, or an instant; never guesses a zone. */
export function parseTimeValue(value: RawValue | undefined): TimeValue {
  if (typeof value !== 'string') return parseUncached(value);
  // The two shapes of most cells are read in place, cheaper than a cache lookup of the text; the
  // cache serves the other short shapes, the general parser the rest.
  const time = scanTimeOfDay(value);
  if (time >= 0) return { kind: 'time', ms: time };
  const day = scanDate(value);
  if (day >= 0) return { kind: 'date', ms: day };
  return value.length <= 10 ? parseShortText(value) : parseUncached(value);
}
