import type { Kysely } from 'kysely';
import { createUnitMemo, type UnitMemo } from '../../sql/cover/unit-memo.ts';
import { getDataVersion } from '../../sql/queries/data-version.ts';
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
export function createAggregateCache(db: Kysely<Database>, maxEntries = 300, maxAgeMs = 60_000): AggregateCache {
  // Answers to periods nobody asked before still share their rollup units with earlier ones.
  const units = createUnitMemo(db);
  const entries = new Map<string, { version: string; at: number; value: Promise<unknown> }>();
  // Requests arriving together share one version query; nothing is kept, so it is at most one query old.
  const versions = sharedRead(() => getDataVersion(db), 0);
  return {
    async get<T>(key: string, compute: (units: UnitMemo) => Promise<T>): Promise<T> {
      const version = await versions.get('version');
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
