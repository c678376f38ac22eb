import type { Kysely } from 'kysely';
import { createUnitMemo, type UnitMemo } from '../../sql/cover/unit-memo.ts';
import { getDataVersion } from '../../sql/queries/data-version.ts';
import { getCoverage } from '../../sql/queries/coverage.ts';
import { addDays } from '../../domain/calendar.ts';
import type { Database } from '../../sql/schema.ts';
import { sharedRead } from './shared-read.ts';

export interface AggregateCache {
  /**
   * The cached value for key at the current data version, else compute() (concurrent callers share one
   * computation), which reads the rollup units through the memo as of that same version.
   */
  get<T>(key: string, compute: (units: UnitMemo) => Promise<T>): Promise<T>;
}

/**
 * Aggregates only change when data changes, and the dashboard asks the same questions again and
 * again (every user opening the overview for this month). Entries are keyed by the route, its
 * parsed query and what the role may see, and tagged with getDataVersion(); a changed version or
 * an entry older than maxAgeMs is recomputed (some answers follow the clock: overdue deadlines, today).
 * The rollup units under them (sql/cover/unit-memo.ts) follow the version alone.
 * Least-recently-used entries beyond maxEntries are dropped.
 */
export interface AggregateCacheOptions {
  maxEntries?: number;
  maxAgeMs?: number;
  /** Read the rollup units of the last WARM_DAYS of data into memory at each new data version (the running server). */
  warmUnits?: boolean;
  /** Told when a warm-up fails (it is retried at the next data version). */
  onWarmError?: (error: unknown) => void;
}

/** How far back from the latest data a warm-up reads: a year and a bit, what people mostly explore. */
const WARM_DAYS = 400;

export function createAggregateCache(db: Kysely<Database>, options: AggregateCacheOptions = {}): AggregateCache {
  const { maxEntries = 300, maxAgeMs = 60_000, warmUnits = false, onWarmError = () => {} } = options;
  // Answers to periods nobody asked before still share their rollup units with earlier ones.
  const units = createUnitMemo(db);
  let warmedFor: string | undefined;
  const warm = async (version: string, memo: UnitMemo) => {
    const coverage = await memo.perVersion('coverage', () => getCoverage(db));
    if (coverage.latest === null) return;
    const first = coverage.offices.reduce<string | null>((a, o) => (o.first !== null && (a === null || o.first < a) ? o.first : a), null) ?? coverage.latest;
    const from = addDays(coverage.latest, -WARM_DAYS);
    await units.warm(version, { from: first > from ? first : from, to: addDays(coverage.latest, 1) });
  };
  const entries = new Map<string, { version: string; at: number; value: Promise<unknown> }>();
  // Requests arriving together share one version query; nothing is kept, so it is at most one query old.
  const versions = sharedRead(() => getDataVersion(db), 0);
  const maybeWarm = (version: string) => {
    if (!warmUnits || version === warmedFor) return;
    warmedFor = version;
    warm(version, units.at(version)).catch((error: unknown) => {
      if (warmedFor === version) warmedFor = undefined;
      onWarmError(error);
    });
  };
  // The running server starts reading at once, before the first request asks.
  if (warmUnits) versions.get('version').then(maybeWarm, onWarmError);
  return {
    async get<T>(key: string, compute: (units: UnitMemo) => Promise<T>): Promise<T> {
      const version = await versions.get('version');
      maybeWarm(version);
      const hit = entries.get(key);
      if (hit && hit.version === version && Date.now() - hit.at < maxAgeMs) {
        entries.delete(key);
        entries.set(key, hit); // most recently used last
        return hit.value as Promise<T>;
      }
      const value = compute(units.at(version));
      entries.set(key, { version, at: Date.now(), value });
      value.catch(() => entries.delete(key)); // a failure is never cached
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}

/** A cache key from a route name, its parsed query (download options left out) and the role's view. */
export function cacheKey(route: string, query: object, view: string): string {
  const { format: _f, table: _t, ...rest } = query as Record<string, unknown>;
  return `${route}|${view}|${JSON.stringify(rest, Object.keys(rest).sort())}`;
}
