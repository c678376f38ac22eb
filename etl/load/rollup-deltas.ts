import { instantToWall } from '../transform/almaty-offset.ts';
import { copyText } from './copy-text.ts';

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
const COUNTERS = 7;
const METRICS = ['admission_delay', 'wait_time', 'service_time', 'application_time'] as const;
const HOUR_MS = 3_600_000;

interface DayEntry {
  office: string;
  day: string;
  /** `${hour}\t${category}` → counters. */
  hours: Map<string, Int32Array>;
  /** Per metric: minute → [n, s00 … s59]. */
  minutes: Map<number, Int32Array>[];
}

export interface RollupDeltas {
  add(visit: VisitFacts, sign: 1 | -1): void;
  /** COPY lines for visit_hourly (office, day, hour, category, 7 counters). */
  hourlyLines(): string[];
  /** COPY lines for duration_minutes (office, metric, unit, start, minute, n, s00–s59), every unit. */
  durationLines(): string[];
}

function dekadStart(day: string): string {
  const d = Number(day.slice(8, 10));
  return `${day.slice(0, 8)}${d <= 10 ? '01' : d <= 20 ? '11' : '21'}`;
}

function addTo(target: Map<string, { key: string; counts: Int32Array }>, key: string, counts: Int32Array): void {
  const e = target.get(key);
  if (!e) target.set(key, { key, counts: Int32Array.from(counts) });
  else for (let i = 0; i < counts.length; i++) e.counts[i]! += counts[i]!;
}

/**
 * The rollup rows a file adds, summed in Node while the file is parsed: the database then upserts a
 * few thousand delta rows instead of aggregating every visit again (the single backend is the
 * ingest's bottleneck; Node has a core to spare). Same arithmetic as sql/rollups.ts, which stays
 * the path for rebuilding from stored visits; a test holds the two equal.
 */
export function createRollupDeltas(): RollupDeltas {
  const days = new Map<string, DayEntry>();

  function entry(office: string, day: string): DayEntry {
    const key = `${office}\t${day}`;
    let e = days.get(key);
    if (!e) days.set(key, e = { office, day, hours: new Map(), minutes: METRICS.map(() => new Map()) });
    return e;
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
      const hour = Math.floor(instantToWall(v.arrivedMs) / HOUR_MS) % 24;
      const hourKey = `${hour < 0 ? hour + 24 : hour}\t${v.category}`;
      let c = e.hours.get(hourKey);
      if (!c) e.hours.set(hourKey, c = new Int32Array(COUNTERS));
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

    hourlyLines() {
      const out: string[] = [];
      for (const e of days.values()) {
        for (const [key, c] of e.hours) {
          if (c.every((x) => x === 0)) continue;
          const [hour, category] = key.split('\t');
          out.push(`${copyText(e.office)}\t${e.day}\t${hour}\t${copyText(category ?? '')}\t${c.join('\t')}\n`);
        }
      }
      return out;
    },

    durationLines() {
      // Days first, then each day summed into its dekad, month and year.
      const units = new Map<string, { key: string; counts: Int32Array }>();
      for (const e of days.values()) {
        const starts = [['day', e.day], ['dekad', dekadStart(e.day)], ['month', `${e.day.slice(0, 8)}01`], ['year', `${e.day.slice(0, 4)}-01-01`]];
        e.minutes.forEach((perMinute, m) => {
          for (const [minute, counts] of perMinute) {
            if (counts.every((x) => x === 0)) continue;
            for (const [unit, start] of starts) addTo(units, `${copyText(e.office)}\t${METRICS[m]}\t${unit}\t${start}\t${minute}`, counts);
          }
        });
      }
      const out: string[] = [];
      for (const { key, counts } of units.values()) if (counts.some((x) => x !== 0)) out.push(`${key}\t${counts.join('\t')}\n`);
      return out;
    },
  };
}
