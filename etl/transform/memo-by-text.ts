import type { RawValue } from '../model.ts';

const WINDOW = 4096;
const BYPASS = 65_536;

/**
 * Caches a cell parser per distinct text: a column repeats a few values ("консультация", "10:05")
 * across a million rows. A column of mostly unique values (times with seconds) would only churn the
 * Map, so when fewer than half the lookups of a window hit, the cache steps aside for a while and
 * then tries again. Memory stays bounded by `limit` entries.
 */
export function memoByText<T>(parse: (value: RawValue | undefined) => T, limit = 20_000): (value: RawValue | undefined) => T {
  const cache = new Map<string, T>();
  let lookups = 0;
  let hits = 0;
  let bypass = 0;
  // A column often repeats its last value row after row ('нет', the same outcome): compared first.
  let last: { value: string; result: T } | null = null;
  return (value) => {
    if (typeof value !== 'string') return parse(value);
    if (last !== null && value === last.value) return last.result;
    if (bypass > 0) {
      bypass--;
      return parse(value);
    }
    lookups++;
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = parse(value);
      if (cache.size >= limit) cache.clear();
      cache.set(value, hit);
    } else {
      hits++;
    }
    if (lookups === WINDOW) {
      if (hits * 2 < WINDOW) {
        bypass = BYPASS;
        cache.clear();
      }
      lookups = 0;
      hits = 0;
    }
    last = { value, result: hit };
    return hit;
  };
}
