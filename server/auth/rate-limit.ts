/**
 * Failed-login limiter, in memory (one server process): after `max` failures within `windowMs` for
 * the same user name, or 5 × max from the same address (an office's staff may share one NAT
 * address), further attempts are refused until the window passes.
 */
export interface LoginLimiter {
  /** Seconds to wait, or 0 when an attempt is allowed. */
  retryAfter(ip: string, name: string): number;
  fail(ip: string, name: string): void;
  succeed(ip: string, name: string): void;
}

export function createLoginLimiter(max: number, windowMs: number, now: () => number = Date.now): LoginLimiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const list = (hits.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  const keys = (ip: string, name: string) => [`ip:${ip}`, `user:${name.toLowerCase()}`];
  const limitOf = (key: string) => (key.startsWith('ip:') ? max * 5 : max);
  return {
    retryAfter(ip, name) {
      let wait = 0;
      for (const key of keys(ip, name)) {
        const list = recent(key);
        if (list.length >= limitOf(key)) {
          const oldest = list[list.length - limitOf(key)] ?? 0;
          wait = Math.max(wait, Math.ceil((oldest + windowMs - now()) / 1000));
        }
      }
      return wait;
    },
    fail(ip, name) {
      for (const key of keys(ip, name)) hits.set(key, [...recent(key), now()]);
    },
    succeed(_ip, name) {
      hits.delete(`user:${name.toLowerCase()}`);
    },
  };
}
