import { instantToWall } from '../../domain/calendar.ts';

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
export const METRICS = ['admission_delay', 'wait_time', 'service_time', 'application_time'] as const;
const HOUR_MS = 3_600_000;

/** One office's Almaty day of sums. */
export interface DayEntry {
  office: string;
  day: string;
  /** hour → category → counters. */
  hours: Map<number, Map<string, Int32Array>>;
  /** Per metric: minute → [n, s00 … s59]. */
  minutes: Map<number, Int32Array>[];
}

export interface RollupDeltas {
  add(visit: VisitFacts, sign: 1 | -1): void;
  /** The sums so far, day by day (rollup-copy.ts writes them for the database). */
  days(): Iterable<DayEntry>;
}

/**
 * The rollup rows a file adds, summed in Node while the file is parsed: the database then upserts a
 * few thousand delta rows instead of aggregating every visit again (the single backend is the
 * ingest's bottleneck; Node has a core to spare). Same arithmetic as sql/rollups.ts, which stays
 * the path for rebuilding from stored visits; a test holds the two equal.
 */
export function createRollupDeltas(): RollupDeltas {
  const days = new Map<string, DayEntry>();
  // A file's rows come day by day: the last day's entry is the next row's, without building a key.
  let last: DayEntry | null = null;

  function entry(office: string, day: string): DayEntry {
    if (last !== null && last.day === day && last.office === office) return last;
    const key = `${office}\t${day}`;
    let e = days.get(key);
    if (!e) days.set(key, e = { office, day, hours: new Map(), minutes: METRICS.map(() => new Map()) });
    return (last = e);
  }

  function addDuration(e: DayEntry, metric: number, fromMs: number | null, toMs: number | null, sign: number): void {
    if (fromMs === null || toMs === null) return;
    const seconds = Math.floor((toMs - fromMs) / 1000);
    const minute = Math.floor(seconds / 60);
    const perMinute = e.minutes[metric]!;
    let counts = perMinute.get(minute);
    if (!counts) perMinute.set(minute, counts = new Int32Array(61));
    counts[0]! += sign;
    counts[1 + seconds - minute * 60]! += sign;
  }

  return {
    add(v, sign) {
      const e = entry(v.office, v.day);
      const h = Math.floor(instantToWall(v.arrivedMs) / HOUR_MS) % 24;
      const hour = h < 0 ? h + 24 : h;
      let byCategory = e.hours.get(hour);
      if (!byCategory) e.hours.set(hour, byCategory = new Map());
      let c = byCategory.get(v.category);
      if (!c) byCategory.set(v.category, c = new Int32Array(COUNTERS));
      c[0]! += sign;
      if (v.admittedMs !== null) c[1]! += sign;
      if (v.statement) c[2]! += sign;
      if (v.phone !== null) c[3]! += sign;
      if (v.phone === true) c[4]! += sign;
      if (v.questioned !== null) c[5]! += sign;
      if (v.questioned === true) c[6]! += sign;
      addDuration(e, 0, v.arrivedMs, v.admittedMs, sign);
      addDuration(e, 1, v.arrivedMs, v.startedMs, sign);
      addDuration(e, 2, v.startedMs, v.finishedMs, sign);
      if (v.statement) addDuration(e, 3, v.arrivedMs, v.finishedMs, sign);
    },

    days: () => days.values(),
  };
}
