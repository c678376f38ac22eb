import type { Kysely } from 'kysely';
import { addDays, isoWeekStart, type Period } from '../../domain/calendar.ts';
import type { Database } from '../schema.ts';
import type { CountUnit } from './labelled-cover.ts';
import { ROLLUP_UNITS, unitStart } from './rollup-cover.ts';
import { readUnits, unitKey, type SourceRows, type UnitRef, type UnitSource } from './unit-rows.ts';

/**
 * The rollup rows of single units (all offices), each read from the database once and then summed in
 * memory by whoever asks. A period's answer is a signed sum over a handful of units (rollup-cover.ts),
 * and periods that people explore share most of their units: a year holds ~415 distinct units per
 * table, so after the first requests a fresh period costs additions in memory, not a database query.
 */
export interface UnitMemo {
  /** Each unit's rows of `source`, keyed `unit|start`; units without rows map to []. */
  units<S extends UnitSource>(source: S, units: readonly UnitRef[]): Promise<Map<string, readonly SourceRows[S][]>>;
  /** A value computed once per data version (the coverage every request reads). */
  perVersion<T>(name: string, compute: () => Promise<T>): Promise<T>;
}

/** Units remembered across requests; each request reads them at the data version it saw. */
export interface UnitMemoStore {
  /**
   * The memo as of a data version (sql/queries/data-version.ts), read before any unit: a version other
   * than the last one seen forgets everything, so no answer tagged with a version sums units older than it.
   */
  at(version: string): UnitMemo;
  /**
   * Reads every unit of the days [from, to) as of `version`, a few units a query with a turn of the
   * event loop between, so requests keep being answered: the server does it after start and after data
   * change, and the first people exploring do not wait for the database. Stops early when a newer
   * version is seen or the memo is nearly full. Returns the units read.
   */
  warm(version: string, period: Period): Promise<number>;
}

export interface UnitMemoOptions {
  /** Rows kept at most; least recently used units go first. */
  maxRows?: number;
  /** An entry older than this is read again (default: never; the data version tells every change). */
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry<V> {
  value: Promise<V>;
  at: number;
  size: number;
}

/** A memo for one answer, kept nowhere: what a one-off caller (the CLI, a test) reads through. */
export function oneOffMemo(db: Kysely<Database>): UnitMemo {
  return createUnitMemo(db).at('');
}

/** The server keeps one store (bounded); one-off callers read through the same code with oneOffMemo. */
export function createUnitMemo(db: Kysely<Database>, options: UnitMemoOptions = {}): UnitMemoStore {
  const { maxRows = 400_000, maxAgeMs = Number.POSITIVE_INFINITY, now = Date.now } = options;
  let current: string | undefined;
  const entries = new Map<string, Entry<unknown>>();
  let rows = 0;

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    rows -= e.size;
    entries.delete(key);
  };
  const seen = (version: string) => {
    if (version === current) return;
    entries.clear();
    rows = 0;
    current = version;
  };
  const live = (key: string): Entry<unknown> | undefined => {
    const e = entries.get(key);
    if (!e) return undefined;
    if (now() - e.at >= maxAgeMs) {
      drop(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, e); // most recently used last
    return e;
  };
  const put = <V>(key: string, value: Promise<V>, size: (v: V) => number): Entry<V> => {
    const e: Entry<V> = { value, at: now(), size: 0 };
    entries.set(key, e);
    value.then((v) => {
      if (entries.get(key) !== e) return;
      e.size = size(v);
      rows += e.size;
      for (const oldest of entries.keys()) {
        if (rows <= maxRows || oldest === key) break;
        drop(oldest);
      }
    }, () => drop(key)); // a failed read is never kept
    return e;
  };

  /** Entries for `keys`, the missing ones read by one call of `read`, which returns a value per key. */
  async function many<V>(prefix: string, keys: readonly string[], read: (missing: string[]) => Promise<Map<string, V>>, empty: V, size: (v: V) => number): Promise<Map<string, V>> {
    const found = new Map<string, Promise<V>>();
    const missing: string[] = [];
    for (const k of new Set(keys)) {
      const e = live(`${prefix}${k}`);
      if (e) found.set(k, e.value as Promise<V>);
      else missing.push(k);
    }
    if (missing.length) {
      const batch = read(missing);
      for (const k of missing) found.set(k, put(`${prefix}${k}`, batch.then((m) => m.get(k) ?? empty), size).value);
    }
    const out = new Map<string, V>();
    for (const [k, v] of found) out.set(k, await v);
    return out;
  }

  function perVersion<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const key = `v:${name}`;
    const e = live(key) ?? put(key, compute(), () => 1);
    return e.value as Promise<T>;
  }

  const memo: UnitMemo = {
    async units<S extends UnitSource>(source: S, units: readonly UnitRef[]) {
      return many<readonly SourceRows[S][]>(`${source}:`, units.map(unitKey), async (missing) => {
        const refs = missing.map((k) => {
          const [unit, start] = k.split('|') as [CountUnit, string];
          return { unit, start };
        });
        return readUnits(db, source, refs);
      }, [], (v) => v.length);
    },
    perVersion,
  };
  return {
    at(version) {
      seen(version);
      return memo;
    },
    async warm(version, period) {
      if (current === undefined) seen(version);
      const all = unitsOf(period);
      let read = 0;
      // The smallest source first (every judgement reads the day counts), and within each the coarse
      // units before the days: a period's cover (sql/cover/rollup-cover.ts) is mostly years, months
      // and dekads, with days only at its edges, so what a full memo leaves out is edge days.
      for (const source of ['daily', 'category', 'hour', 'minutes'] as const) {
        const wanted = all.filter((u) => (u.unit === 'week' ? source === 'category' : source !== 'daily' || u.unit === 'day'))
          .sort((a, b) => COARSE_FIRST.indexOf(a.unit) - COARSE_FIRST.indexOf(b.unit));
        for (let i = 0; i < wanted.length; i += WARM_BATCH) {
          if (current !== version || rows > maxRows * 0.9) return read;
          const batch = wanted.slice(i, i + WARM_BATCH);
          await memo.units(source, batch);
          read += batch.length;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      return read;
    },
  };
}

const COARSE_FIRST: readonly CountUnit[] = ['year', 'month', 'dekad', 'week', 'day'];

/** Units a warm-up reads per query: small enough that a request waits for at most one such read. */
const WARM_BATCH = 8;

/** Every day, dekad, month, year and ISO week (Monday) a period's days fall in, each once. */
function unitsOf(period: Period): UnitRef[] {
  const seen = new Set<string>();
  const out: UnitRef[] = [];
  const add = (unit: CountUnit, start: string) => {
    const k = `${unit}|${start}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ unit, start });
  };
  for (let d = period.from; d < period.to; d = addDays(d, 1)) {
    for (const unit of ROLLUP_UNITS) add(unit, unitStart(unit, d));
    add('week', isoWeekStart(d));
  }
  return out;
}
