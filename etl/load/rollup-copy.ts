import { dekadStart, isoWeekdayIndex, isoWeekStart, monthStart, yearStart } from '../../domain/calendar.ts';
import { CopyBuffer } from './copy-buffers.ts';
import { categoryIndexOf, Cells, COUNTERS, hourOf, METRICS, MINUTE_CELLS, type DayEntry, type RollupDeltas } from './rollup-deltas.ts';

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

/** The rollup tables the loader writes, each as one COPY stream of a RollupData. */
export const ROLLUP_TABLES = ['hourly', 'dayDurations', 'unitDurations', 'daily', 'categories', 'hours'] as const;
export type RollupTable = typeof ROLLUP_TABLES[number];

/**
 * Rollup rows to add, as what writeRollupDeltas sends: visit_hourly's (office, day, hour, category,
 * 7 counters), duration_minutes' (office, metric, unit, start, minute, n, s00–s59: the day rows apart
 * from the dekad, month and year rows, since only rows of whole days can be new to the table), and
 * the totals visit_hourly's triggers would derive from those rows (migration 0018): office_daily's
 * (office, day, 7 counters), visit_category_totals' (office, unit, start, category, visits, admitted,
 * statements) and visit_hour_totals' (office, unit, start, isodow, hour, visits). Built where the
 * rows were parsed, so the loader only passes bytes on, and the server reads integers and dates
 * without parsing text. A day that came in two batches of one window (a day of more than two
 * batches' rows, a file not in time order) repeats its day rows here; writeRollupDeltas sums them.
 */
export type RollupData = Record<RollupTable, RollupCopy>;

/**
 * The buffers a RollupData is written into, one per table: a load reuses a few sets, since
 * megabytes allocated afresh for every write, and given back, left the process's memory fragmented
 * and its resident size ~50 MB above what it used.
 */
export type RollupBuffers = Record<RollupTable, CopyBuffer>;

export function newRollupBuffers(): RollupBuffers {
  const make = () => new CopyBuffer(1 << 16);
  return { hourly: make(), dayDurations: make(), unitDurations: make(), daily: make(), categories: make(), hours: make() };
}

/** The rows of one office and unit (a dekad, a month, …) summed across a window: key → offset in the writer's cells. */
interface UnitBucket<K> {
  office: string;
  unit: string;
  start: string;
  rows: Map<K, number>;
}

function bucketOf<K>(buckets: Map<string, UnitBucket<K>>, office: string, unit: string, start: string): UnitBucket<K> {
  const id = `${office}\t${unit}\t${start}`;
  let b = buckets.get(id);
  if (!b) buckets.set(id, b = { office, unit, start, rows: new Map() });
  return b;
}

function isZero(counts: Int32Array, at: number, n: number): boolean {
  for (let i = at; i < at + n; i++) if (counts[i] !== 0) return false;
  return true;
}

function writeCounts(out: CopyBuffer, counts: Int32Array, at: number, n: number): void {
  for (let i = at; i < at + n; i++) out.int4(counts[i]!);
}

/** A duration row's key in a unit bucket: metric and minute as one number (minutes may be -1). */
function durationKey(metric: number, minute: number): number {
  return minute * METRICS.length + metric;
}

function durationRow(out: CopyBuffer, office: string, metric: string, unit: string, start: string, minute: number, counts: Int32Array, at: number): void {
  out.row(DURATION_FIELDS);
  out.repeatedText(office);
  out.repeatedText(metric);
  out.repeatedText(unit);
  out.date(start);
  out.int4(minute);
  writeCounts(out, counts, at, MINUTE_CELLS);
}

/**
 * A window of batches' rollups, written as they come: each batch's days go into the COPY streams
 * of day rows at its cut (bytes in reused buffers, where the days' sums as objects lived on for a
 * window and were promoted), while the units longer than a day (dekad, month, year, ISO week) are
 * summed across the window and written at its end.
 */
export class RollupWriter {
  private readonly cells = new Cells(1 << 12);
  private readonly durations = new Map<string, UnitBucket<number>>();
  private readonly categories = new Map<string, UnitBucket<string>>();
  private readonly hours = new Map<string, UnitBucket<number>>();
  private readonly rows = { hourly: 0, dayDurations: 0, daily: 0 };
  private readonly dayTotal = new Int32Array(COUNTERS);
  private readonly hourVisits = new Int32Array(24);
  private readonly categorySums: Int32Array[] = [];

  constructor(private readonly into: RollupBuffers) {
    for (const table of ROLLUP_TABLES) {
      into[table].clear();
      into[table].beginBinary();
    }
  }

  /** Writes the day rows of the deltas' days and adds them to their longer units. */
  add(deltas: RollupDeltas): void {
    for (const e of deltas.days()) {
      this.writeHourly(e, deltas);
      this.writeDurations(e, deltas.counts);
      this.writeTotals(e, deltas);
    }
  }

  /** Ends the streams; the buffers hold them until written again. */
  finish(): RollupData {
    const { into } = this;
    const sums = this.cells.data;
    let unitDurations = 0;
    for (const b of this.durations.values()) {
      for (const [key, at] of b.rows) {
        if (isZero(sums, at, MINUTE_CELLS)) continue;
        const metric = ((key % METRICS.length) + METRICS.length) % METRICS.length;
        durationRow(into.unitDurations, b.office, METRICS[metric]!, b.unit, b.start, (key - metric) / METRICS.length, sums, at);
        unitDurations++;
      }
    }
    let categories = 0;
    for (const b of this.categories.values()) {
      for (const [category, at] of b.rows) {
        if (isZero(sums, at, 3)) continue;
        const out = into.categories;
        out.row(CATEGORY_FIELDS);
        out.repeatedText(b.office);
        out.repeatedText(b.unit);
        out.date(b.start);
        out.repeatedText(category);
        writeCounts(out, sums, at, 3);
        categories++;
      }
    }
    let hours = 0;
    for (const b of this.hours.values()) {
      for (const [key, at] of b.rows) {
        if (sums[at] === 0) continue;
        const out = into.hours;
        out.row(HOUR_FIELDS);
        out.repeatedText(b.office);
        out.repeatedText(b.unit);
        out.date(b.start);
        out.int2(Math.floor(key / 24));
        out.int2(key % 24);
        out.int4(sums[at]!);
        hours++;
      }
    }
    const rows: Record<RollupTable, number> = { ...this.rows, unitDurations, categories, hours };
    const data = {} as RollupData;
    for (const table of ROLLUP_TABLES) {
      into[table].endBinary();
      data[table] = { data: into[table].view(), rows: rows[table] };
    }
    return data;
  }

  private writeHourly(e: DayEntry, deltas: RollupDeltas): void {
    const out = this.into.hourly;
    const counts = deltas.counts;
    for (const [cell, at] of e.hours) {
      if (isZero(counts, at, COUNTERS)) continue;
      out.row(HOURLY_FIELDS);
      out.repeatedText(e.office);
      out.date(e.day);
      out.int2(hourOf(cell));
      out.repeatedText(deltas.categories[categoryIndexOf(cell)]!);
      writeCounts(out, counts, at, COUNTERS);
      this.rows.hourly++;
    }
  }

  /** Day rows as they are; each also summed into its dekad, month and year. */
  private writeDurations(e: DayEntry, counts: Int32Array): void {
    const out = this.into.dayDurations;
    const units = [
      bucketOf(this.durations, e.office, 'dekad', dekadStart(e.day)),
      bucketOf(this.durations, e.office, 'month', monthStart(e.day)),
      bucketOf(this.durations, e.office, 'year', yearStart(e.day)),
    ];
    for (let m = 0; m < METRICS.length; m++) {
      const metric = METRICS[m]!;
      for (const [minute, at] of e.minutes[m]!) {
        if (isZero(counts, at, MINUTE_CELLS)) continue;
        durationRow(out, e.office, metric, 'day', e.day, minute, counts, at);
        this.rows.dayDurations++;
        const key = durationKey(m, minute);
        for (const b of units) this.addCells(b, key, counts, at, MINUTE_CELLS);
      }
    }
  }

  /**
   * What visit_hourly's triggers would add for the day's rows (migrations 0004, 0006, 0014):
   * office_daily's row now; visit_category_totals per day, ISO week, dekad, month and year and
   * visit_hour_totals per day, dekad, month and year (with the day's ISO weekday), summed.
   */
  private writeTotals(e: DayEntry, deltas: RollupDeltas): void {
    const counts = deltas.counts;
    const isodow = isoWeekdayIndex(e.day) + 1;
    const dayTotal = this.dayTotal;
    const hourVisits = this.hourVisits;
    dayTotal.fill(0);
    hourVisits.fill(0);
    const perCategory = this.categorySums;
    while (perCategory.length < deltas.categories.length) perCategory.push(new Int32Array(3));
    for (const sum of perCategory) sum.fill(0);
    for (const [cell, at] of e.hours) {
      for (let i = 0; i < COUNTERS; i++) dayTotal[i]! += counts[at + i]!;
      hourVisits[hourOf(cell)]! += counts[at]!;
      const sum = perCategory[categoryIndexOf(cell)]!;
      sum[0]! += counts[at]!;
      sum[1]! += counts[at + 1]!;
      sum[2]! += counts[at + 2]!;
    }
    const categoryUnits = [['day', e.day], ['week', isoWeekStart(e.day)], ['dekad', dekadStart(e.day)],
      ['month', monthStart(e.day)], ['year', yearStart(e.day)]] as const;
    // Sums that add nothing are left out: a unit's row that sums to nothing is not written either.
    for (const [unit, start] of categoryUnits) {
      const b = bucketOf(this.categories, e.office, unit, start);
      perCategory.forEach((sum, i) => { if (!isZero(sum, 0, 3)) this.addCells(b, deltas.categories[i]!, sum, 0, 3); });
      if (unit === 'week') continue;
      const h = bucketOf(this.hours, e.office, unit, start);
      for (let hour = 0; hour < 24; hour++) if (hourVisits[hour] !== 0) this.addCells(h, isodow * 24 + hour, hourVisits, hour, 1);
    }
    if (isZero(dayTotal, 0, COUNTERS)) return;
    const out = this.into.daily;
    out.row(DAILY_FIELDS);
    out.repeatedText(e.office);
    out.date(e.day);
    writeCounts(out, dayTotal, 0, COUNTERS);
    this.rows.daily++;
  }

  private addCells<K>(b: UnitBucket<K>, key: K, from: Int32Array, at: number, n: number): void {
    let to = b.rows.get(key);
    if (to === undefined) b.rows.set(key, to = this.cells.take(n));
    const sums = this.cells.data;
    for (let i = 0; i < n; i++) sums[to + i]! += from[at + i]!;
  }
}

/** Summed rollups in one go, as the streams writeRollupDeltas sends (valid until `into` is written again). */
export function rollupCopy(deltas: RollupDeltas, into: RollupBuffers = newRollupBuffers()): RollupData {
  const writer = new RollupWriter(into);
  writer.add(deltas);
  return writer.finish();
}
