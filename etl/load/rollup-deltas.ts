import { instantToWall } from '../../domain/calendar.ts';
import { DURATION_METRICS } from '../../sql/schema.ts';

/** What the rollups need of one visit (times as epoch ms). */
export interface VisitFacts {
  office: string;
  /** Almaty calendar day of arrival, 'YYYY-MM-DD'. */
  day: string;
  arrivedMs: number;
  category: string;
  admittedMs: number | null;
  startedMs: number | null;
  finishedMs: number | null;
  statement: boolean;
  phone: boolean | null;
  questioned: boolean | null;
}

/** visit_hourly's counters, in its column order after the key. */
export const COUNTERS = 7;
/** duration_minutes' metrics, in the order addDuration numbers them. */
export const METRICS = DURATION_METRICS;
/** A minute of a duration histogram: n, then the counts of its seconds 0–59. */
export const MINUTE_CELLS = 61;
const HOUR_MS = 3_600_000;

/**
 * One office's Almaty day of sums. Its numbers live in the deltas' shared counts (`RollupDeltas.counts`):
 * each map gives where a key's cells start there.
 */
export interface DayEntry {
  office: string;
  day: string;
  /** hour * 256 + category index (RollupDeltas.categories) → offset of COUNTERS cells. */
  hours: Map<number, number>;
  /** Per metric: minute → offset of MINUTE_CELLS cells. */
  minutes: Map<number, number>[];
}

/** Splits an hour cell's key (DayEntry.hours). */
export function hourOf(cellKey: number): number {
  return cellKey >> 8;
}
export function categoryIndexOf(cellKey: number): number {
  return cellKey & 0xff;
}

/**
 * Sums in one growing Int32Array: `take(n)` gives where n zero cells start, `clear` zeroes what was
 * taken and keeps the memory. `data` is replaced when it grows: read it after taking.
 */
export class Cells {
  data: Int32Array;
  private used = 0;

  constructor(initialCells: number) {
    this.data = new Int32Array(initialCells);
  }

  take(n: number): number {
    if (this.used + n > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, this.used + n));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    const at = this.used;
    this.used += n;
    return at;
  }

  clear(): void {
    this.data.fill(0, 0, this.used);
    this.used = 0;
  }
}

export interface RollupDeltas {
  add(visit: VisitFacts, sign: 1 | -1): void;
  /** The sums so far, day by day (rollup-copy.ts writes them for the database). */
  days(): Iterable<DayEntry>;
  /** The cells the days' offsets point into. */
  readonly counts: Int32Array;
  /** Category names by index. */
  readonly categories: readonly string[];
  /** Forgets every sum, keeping the memory for the next batch's. */
  clear(): void;
}

/**
 * The rollup rows a file adds, summed in Node while the file is parsed: the database then upserts a
 * few thousand delta rows instead of aggregating every visit again. Same arithmetic as
 * sql/rollups.ts, which stays the path for rebuilding from stored visits; a test holds the two equal.
 *
 * The sums are cells of one growing Int32Array, located through maps of numbers: a typed array per
 * minute of a histogram (76,000 a million-row file) lived through a batch, was promoted, and cost
 * that load ~1 s of its Node CPU in allocation and collection and ~40 MB of its peak.
 */
export function createRollupDeltas(): RollupDeltas {
  const days = new Map<string, DayEntry>();
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const cells = new Cells(1 << 14);
  // A file's rows come day by day: the last day's entry is the next row's, without building a key.
  let last: DayEntry | null = null;

  function entry(office: string, day: string): DayEntry {
    if (last !== null && last.day === day && last.office === office) return last;
    const key = `${office}\t${day}`;
    let e = days.get(key);
    if (!e) days.set(key, e = { office, day, hours: new Map(), minutes: METRICS.map(() => new Map()) });
    return (last = e);
  }

  function categoryOf(name: string): number {
    let i = categoryIndex.get(name);
    if (i === undefined) {
      i = categories.length;
      if (i > 0xff) throw new RangeError('rollup deltas: more than 256 categories');
      categories.push(name);
      categoryIndex.set(name, i);
    }
    return i;
  }

  function addDuration(e: DayEntry, metric: number, fromMs: number | null, toMs: number | null, sign: number): void {
    if (fromMs === null || toMs === null) return;
    const seconds = Math.floor((toMs - fromMs) / 1000);
    const minute = Math.floor(seconds / 60);
    const perMinute = e.minutes[metric]!;
    let at = perMinute.get(minute);
    if (at === undefined) perMinute.set(minute, at = cells.take(MINUTE_CELLS));
    const counts = cells.data;
    counts[at]! += sign;
    counts[at + 1 + seconds - minute * 60]! += sign;
  }

  return {
    add(v, sign) {
      const e = entry(v.office, v.day);
      const h = Math.floor(instantToWall(v.arrivedMs) / HOUR_MS) % 24;
      const hour = h < 0 ? h + 24 : h;
      const cellKey = hour * 256 + categoryOf(v.category);
      let at = e.hours.get(cellKey);
      if (at === undefined) e.hours.set(cellKey, at = cells.take(COUNTERS));
      const counts = cells.data;
      counts[at]! += sign;
      if (v.admittedMs !== null) counts[at + 1]! += sign;
      if (v.statement) counts[at + 2]! += sign;
      if (v.phone !== null) counts[at + 3]! += sign;
      if (v.phone === true) counts[at + 4]! += sign;
      if (v.questioned !== null) counts[at + 5]! += sign;
      if (v.questioned === true) counts[at + 6]! += sign;
      addDuration(e, 0, v.arrivedMs, v.admittedMs, sign);
      addDuration(e, 1, v.arrivedMs, v.startedMs, sign);
      addDuration(e, 2, v.startedMs, v.finishedMs, sign);
      if (v.statement) addDuration(e, 3, v.arrivedMs, v.finishedMs, sign);
    },

    days: () => days.values(),
    get counts() {
      return cells.data;
    },
    categories,

    clear() {
      days.clear();
      last = null;
      cells.clear();
    },
  };
}
