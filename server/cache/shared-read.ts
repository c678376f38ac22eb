/**
 * A read that many concurrent requests need the same answer to (the registry, the data version,
 * a session): callers arriving while it is in flight share that one query, and the answer is kept
 * for `ttlMs` after it arrived (0: only shared while in flight). Under load this turns one query
 * per request into one per burst; a failed read is never kept.
 */
export function sharedRead<K, V>(read: (key: K) => Promise<V>, ttlMs: number, now: () => number = Date.now, maxKeys = 10_000) {
  const entries = new Map<K, { value: Promise<V>; until: number }>();
  return {
    get(key: K): Promise<V> {
      const hit = entries.get(key);
      if (hit && now() < hit.until) return hit.value;
      const value = read(key);
      const entry = { value, until: Number.POSITIVE_INFINITY };
      entries.set(key, entry);
      if (entries.size > maxKeys) entries.delete(entries.keys().next().value as K);
      value.then(
        () => { entry.until = now() + ttlMs; if (ttlMs <= 0 && entries.get(key) === entry) entries.delete(key); },
        () => { if (entries.get(key) === entry) entries.delete(key); },
      );
      return value;
    },
    /** Forgets a key at once (a logout in this process). */
    drop(key: K): void {
      entries.delete(key);
    },
  };
}
