import { addDays } from '../../domain/calendar.ts';
import { formatLocale, KK_SUPPORTED } from '../../domain/evidence-text/formats.ts';
import { getLang } from './lang.ts';

/** Every time a person reads is Almaty wall-clock time. */
export const TIME_ZONE = 'Asia/Almaty';

// Without Kazakh locale data (Chromium) numbers and numeric dates are written as ru-KZ does
// (domain/evidence-text/formats.ts), and month and weekday names come from the tables below.
const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const KK_WEEKDAYS_SHORT = ['Дс', 'Сс', 'Ср', 'Бс', 'Жм', 'Сб', 'Жс'];
const KK_WEEKDAYS_LONG = ['дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі', 'жексенбі'];
const kkFallback = () => getLang() === 'kk' && !KK_SUPPORTED;
function locale(): string { return formatLocale(getLang()); }

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${getLang()}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) { f = new Intl.NumberFormat(locale(), opts); cache.set(key, f); }
  return f as Intl.NumberFormat;
}
function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${getLang()}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) { f = new Intl.DateTimeFormat(locale(), opts); cache.set(key, f); }
  return f as Intl.DateTimeFormat;
}

export function fmtInt(n: number): string { return numberFormat({ maximumFractionDigits: 0 }).format(n); }
export function fmtNum(n: number, digits = 1): string {
  return numberFormat({ maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}
/** A number with exactly `digits` decimals, as evidence states measured values: 37 → "37,0" in ru/kk. */
export function fmtFixed(n: number, digits = 1): string {
  return numberFormat({ maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}
/** A share 0–1 as a percentage: 0.31 → "31 %" in ru/kk, "31%" in en. */
export function fmtShare(share: number, digits = 0): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: digits }).format(share);
}
/** A signed relative change (0.12 = 12 % more): +12 %, −5 %. */
export function fmtChange(ratio: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(ratio);
}
export function fmtMinutes(min: number): string {
  return numberFormat({ style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }).format(min);
}
/**
 * A count as the server sent it: null in a row flagged `suppressed` is a hidden 1–4 and reads "<5"
 * (contract §7); the flag is per row, so the row's other counts still show. 0 stays 0.
 */
export function fmtCount(n: number | null, suppressed = false): string {
  if (n === null) return suppressed ? '<5' : '—';
  return fmtInt(n);
}
/** A count that leaves the building (summary text, published tables): 1–4 always read "<5". */
export function fmtPublished(n: number | null, suppressed = false): string {
  if (n === null) return suppressed ? '<5' : '—';
  return n > 0 && n < 5 ? '<5' : fmtInt(n);
}

/** A calendar day YYYY-MM-DD (no time zone: it already is an Almaty date). */
export function fmtDay(day: string, style: 'short' | 'long' = 'short'): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (style === 'long' && kkFallback()) return `${d.getUTCFullYear()} ж. ${d.getUTCDate()} ${KK_MONTHS[d.getUTCMonth()]}`;
  return dateFormat(style === 'long'
    ? { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }
    : { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}
export function fmtMonth(day: string): string {
  if (kkFallback()) return `${day.slice(0, 4)} ж. ${KK_MONTHS[Number(day.slice(5, 7)) - 1]}`;
  return dateFormat({ timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}
/** An instant (ISO with offset or Z) as Almaty wall-clock date and time. */
export function fmtDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return dateFormat({ timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(d);
}
/** A half-open period [from, to) as the inclusive range people read: "01.01.2019 – 31.01.2019". */
export function fmtPeriod(from: string, to: string): string {
  const last = new Date(`${addDays(to, -1)}T00:00:00Z`);
  return dateFormat({ timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatRange(new Date(`${from}T00:00:00Z`), last);
}
/** Weekday names Monday first, in the interface language. */
export function weekdayNames(style: 'short' | 'long' = 'short'): string[] {
  if (kkFallback()) return style === 'short' ? KK_WEEKDAYS_SHORT : KK_WEEKDAYS_LONG;
  const f = dateFormat({ timeZone: 'UTC', weekday: style });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}
export function fmtBytes(n: number): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let i = 0; let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return numberFormat({ style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
}
