/**
 * Excel serial dates (1900 system): whole days since 1899-12-31 as day 1, plus the fraction of a day.
 * Excel counts a 29 February 1900 that never was (day 60), so from day 61 on the epoch is 1899-12-30.
 * Fractions are rounded to the second: Excel stores 10:05 as 0.42013888…, which is not exact in binary.
 */

const DAY = 86_400_000;
/** Wall ms of 1899-12-30, Excel's effective day 0 from 1900-03-01 on. */
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
/** Later than any date Excel can hold (9999-12-31 is 2958465). */
const MAX_SERIAL = 2_958_466;

export interface ExcelSerial {
  /** Wall ms of the day (serial ≥ 1) or ms since midnight (time-only fraction). */
  ms: number;
  kind: 'date' | 'wall' | 'time';
}

/** Reads a serial: 0 ≤ n < 1 is a time of day, an integer a date, anything else a date and time. */
export function fromExcelSerial(n: number): ExcelSerial | null {
  if (!Number.isFinite(n) || n < 0 || n >= MAX_SERIAL) return null;
  if (n < 1) return { kind: 'time', ms: Math.min(Math.round(n * 86_400), 86_399) * 1000 };
  let days = Math.floor(n);
  let seconds = Math.round((n - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  const dayMs = EPOCH_1899_12_30 + (days < 61 ? days + 1 : days) * DAY;
  return Number.isInteger(n) ? { kind: 'date', ms: dayMs } : { kind: 'wall', ms: dayMs + seconds * 1000 };
}
