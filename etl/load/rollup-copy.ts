import { dekadStart, isoWeekdayIndex, isoWeekStart, monthStart, yearStart } from '../../domain/calendar.ts';
import { CopyBuffer } from './copy-buffers.ts';
import { COUNTERS, METRICS, type DayEntry, type RollupDeltas } from './rollup-deltas.ts';

/** Fields of a delta_hourly tuple (key, counters) and of a delta_durations tuple (key, n, s00–s59). */
const HOURLY_FIELDS = 4 + COUNTERS;
const DURATION_FIELDS = 6 + 60;
const DAILY_FIELDS = 2 + COUNTERS;
const CATEGORY_FIELDS = 4 + 3;
const HOUR_FIELDS = 5 + 1;

/** Rows for one table as a binary COPY stream (header to trailer), and how many. */
export interface RollupCopy {
  data: Uint8Array<ArrayBuffer>;
  rows: number;
}

/**
 * Rollup rows to add, as what writeRollupDeltas sends: visit_hourly's (office, day, hour, category,
 * 7 counters), duration_minutes' (office, metric, unit, start, minute, n, s00–s59: the day rows apart
 * from the dekad, month and year rows, since only rows of whole days can be new to the table), and
 * the totals visit_hourly's triggers would derive from those rows (migration 0018): office_daily's
 * (office, day, 7 counters), visit_category_totals' (office, unit, start, category, visits, admitted,
 * statements) and visit_hour_totals' (office, unit, start, isodow, hour, visits). Built where the
 * rows were parsed, so the loader only passes bytes on, and the server reads integers and dates
 * without parsing text.
 */
export interface RollupData {
  hourly: RollupCopy;
  dayDurations: RollupCopy;
  unitDurations: RollupCopy;
  daily: RollupCopy;
  categories: RollupCopy;
  hours: RollupCopy;
}

/**
 * The buffers a RollupData is written into, one per table: a load reuses a few sets, since
 * megabytes allocated afresh for every write, and given back, left the process's memory fragmented
 * and its resident size ~50 MB above what it used.
 */
export type RollupBuffers = Record<keyof RollupData, CopyBuffer>;

export function newRollupBuffers(): RollupBuffers {
  const make = () => new CopyBuffer(1 << 16);
  return { hourly: make(), dayDurations: make(), unitDurations: make(), daily: make(), categories: make(), hours: make() };
}

/** A row keyed by text, summed from days: a coarse duration unit, or a total. */
interface SummedRow<K> {
  key: K;
  counts: Int32Array;
}

function addTo<K>(target: Map<string, SummedRow<K>>, id: string, key: K, counts: ArrayLike<number>): void {
  const e = target.get(id);
  if (!e) target.set(id, { key, counts: Int32Array.from(counts) });
  else for (let i = 0; i < counts.length; i++) e.counts[i]! += counts[i]!;
}

interface CoarseRow {
  office: string;
  metric: string;
  unit: string;
  start: string;
  minute: number;
}

interface CategoryRow {
  office: string;
  unit: string;
  start: string;
  category: string;
}

interface HourRow {
  office: string;
  unit: string;
  start: string;
  isodow: number;
  hour: number;
}

function isZero(counts: Int32Array): boolean {
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) return false;
  return true;
}

function writeCounts(out: CopyBuffer, counts: Int32Array): void {
  for (let i = 0; i < counts.length; i++) out.int4(counts[i]!);
}

/** One table's rows as a COPY stream in `out`: `write` puts them there and says how many. */
function copyStream(out: CopyBuffer, write: (out: CopyBuffer) => number): RollupCopy {
  out.clear();
  out.beginBinary();
  const rows = write(out);
  out.endBinary();
  return { data: out.view(), rows };
}

/** Summed rows as COPY tuples: the key's fields, then the counts; rows that sum to nothing are left out. */
function summedCopy<K>(out: CopyBuffer, rows: Iterable<SummedRow<K>>, fields: number, writeKey: (out: CopyBuffer, key: K) => void): RollupCopy {
  return copyStream(out, () => {
    let n = 0;
    for (const { key, counts } of rows) {
      if (isZero(counts)) continue;
      out.row(fields);
      writeKey(out, key);
      writeCounts(out, counts);
      n++;
    }
    return n;
  });
}

function hourlyCopy(days: Iterable<DayEntry>, out: CopyBuffer): RollupCopy {
  return copyStream(out, () => {
    let rows = 0;
    for (const e of days) {
      for (const [hour, byCategory] of e.hours) {
        for (const [category, c] of byCategory) {
          if (isZero(c)) continue;
          out.row(HOURLY_FIELDS);
          out.repeatedText(e.office);
          out.date(e.day);
          out.int2(hour);
          out.repeatedText(category);
          writeCounts(out, c);
          rows++;
        }
      }
    }
    return rows;
  });
}

function durationRow(out: CopyBuffer, office: string, metric: string, unit: string, start: string, minute: number, counts: Int32Array): void {
  out.row(DURATION_FIELDS);
  out.repeatedText(office);
  out.repeatedText(metric);
  out.repeatedText(unit);
  out.date(start);
  out.int4(minute);
  writeCounts(out, counts);
}

/** Day rows as they are, into `days`; each day also summed into its dekad, month and year, into `units`. */
function durationCopies(days: Iterable<DayEntry>, into: RollupBuffers): { dayDurations: RollupCopy; unitDurations: RollupCopy } {
  const coarse = new Map<string, SummedRow<CoarseRow>>();
  const dayDurations = copyStream(into.dayDurations, (out) => {
    let rows = 0;
    for (const e of days) {
      const starts = [['dekad', dekadStart(e.day)], ['month', monthStart(e.day)], ['year', yearStart(e.day)]] as const;
      for (let m = 0; m < METRICS.length; m++) {
        const metric = METRICS[m]!;
        for (const [minute, counts] of e.minutes[m]!) {
          if (isZero(counts)) continue;
          durationRow(out, e.office, metric, 'day', e.day, minute, counts);
          rows++;
          for (const [unit, start] of starts) {
            addTo(coarse, `${e.office}\t${metric}\t${unit}\t${start}\t${minute}`, { office: e.office, metric, unit, start, minute }, counts);
          }
        }
      }
    }
    return rows;
  });
  const unitDurations = copyStream(into.unitDurations, (out) => {
    let rows = 0;
    for (const { key: r, counts } of coarse.values()) {
      if (isZero(counts)) continue;
      durationRow(out, r.office, r.metric, r.unit, r.start, r.minute, counts);
      rows++;
    }
    return rows;
  });
  return { dayDurations, unitDurations };
}

/**
 * What visit_hourly's triggers would add for these rows (migrations 0004, 0006, 0014): office_daily
 * per day; visit_category_totals per day, ISO week, dekad, month and year; visit_hour_totals per
 * day, dekad, month and year with the day's ISO weekday. Rows that sum to nothing are left out.
 */
function totalsCopy(days: Iterable<DayEntry>, into: RollupBuffers): { daily: RollupCopy; categories: RollupCopy; hours: RollupCopy } {
  // The day rows are written as each day is read; its categories and hours are summed into their units.
  const categories = new Map<string, SummedRow<CategoryRow>>();
  const hours = new Map<string, SummedRow<HourRow>>();
  const dayTotal = new Int32Array(COUNTERS);
  const daily = copyStream(into.daily, (out) => {
    let rows = 0;
    for (const e of days) {
      const isodow = isoWeekdayIndex(e.day) + 1;
      const categoryUnits = [['day', e.day], ['week', isoWeekStart(e.day)], ['dekad', dekadStart(e.day)],
        ['month', monthStart(e.day)], ['year', yearStart(e.day)]] as const;
      const hourUnits = categoryUnits.filter(([unit]) => unit !== 'week');
      dayTotal.fill(0);
      const byCategory = new Map<string, Int32Array>();
      for (const [hour, perCategory] of e.hours) {
        let visits = 0;
        for (const [category, c] of perCategory) {
          for (let i = 0; i < COUNTERS; i++) dayTotal[i]! += c[i]!;
          visits += c[0]!;
          let sum = byCategory.get(category);
          if (!sum) byCategory.set(category, sum = new Int32Array(3));
          sum[0]! += c[0]!;
          sum[1]! += c[1]!;
          sum[2]! += c[2]!;
        }
        for (const [unit, start] of hourUnits) {
          addTo(hours, `${e.office}\t${unit}\t${start}\t${isodow}\t${hour}`, { office: e.office, unit, start, isodow, hour }, [visits]);
        }
      }
      for (const [category, sum] of byCategory) {
        for (const [unit, start] of categoryUnits) {
          addTo(categories, `${e.office}\t${unit}\t${start}\t${category}`, { office: e.office, unit, start, category }, sum);
        }
      }
      if (isZero(dayTotal)) continue;
      out.row(DAILY_FIELDS);
      out.repeatedText(e.office);
      out.date(e.day);
      writeCounts(out, dayTotal);
      rows++;
    }
    return rows;
  });

  return {
    daily,
    categories: summedCopy(into.categories, categories.values(), CATEGORY_FIELDS, (out, r) => {
      out.repeatedText(r.office);
      out.repeatedText(r.unit);
      out.date(r.start);
      out.repeatedText(r.category);
    }),
    hours: summedCopy(into.hours, hours.values(), HOUR_FIELDS, (out, r) => {
      out.repeatedText(r.office);
      out.repeatedText(r.unit);
      out.date(r.start);
      out.int2(r.isodow);
      out.int2(r.hour);
    }),
  };
}

/**
 * A load's summed rollups as the binary COPY streams writeRollupDeltas sends, written into `into`
 * (valid until those buffers are written again).
 */
export function rollupCopy(deltas: RollupDeltas, into: RollupBuffers = newRollupBuffers()): RollupData {
  return {
    hourly: hourlyCopy(deltas.days(), into.hourly), ...durationCopies(deltas.days(), into), ...totalsCopy(deltas.days(), into),
  };
}
