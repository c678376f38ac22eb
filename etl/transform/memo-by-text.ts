import type { RawValue } from '../model.ts';

/**
 * Caches a cell parser per distinct text: a column repeats a few values ("консультация", "10:05")
 * across a million rows. The cache is dropped when it grows past `limit`, so unique values (full
 * timestamps) cost one Map miss, never unbounded memory.
 */
export function memoByText<T>(parse: (value: RawValue | undefined) => T, limit = 20_000): (value: RawValue | undefined) => T {
  const cache = new Map<string, T>();
  return (value) => {
    if (typeof value !== 'string') return parse(value);
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = parse(value);
      if (cache.size >= limit) cache.clear();
      cache.set(value, hit);
    }
    return hit;
  };
}
