import type { Kysely } from 'kysely';
import {
  addLoginFailure, clearLoginFailures, getLoginFailures, sweepLoginFailures,
} from '../../sql/queries/login-failures.ts';
import type { Database } from '../../sql/schema.ts';
import { serverNow } from '../http/clock.ts';

/**
 * How failed logins are slowed down. A lockout per user name is a denial of service anyone can
 * trigger (ten wrong passwords for `admin` kept admin out for 15 minutes), so a name only ever gets
 * a delay: after `freeFailures`, each further failure doubles the wait before the next attempt,
 * up to `maxDelayMs`; the right password is never kept out longer than that. Guessing from one
 * machine is stopped by a hard limit per client address instead.
 */
export interface LoginLimitPolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures from one address within `windowMs` after which it is refused until the window ends. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitPolicy = {
  freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 60_000, perAddress: 50, windowMs: 15 * 60_000,
};

/** The wait the name's failures impose after the last one, in ms (0 while failures are free). */
export function nameDelayMs(failures: number, p: LoginLimitPolicy): number {
  if (failures < p.freeFailures) return 0;
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.min(30, failures - p.freeFailures));
}

export interface LoginLimiter {
  /** Seconds to wait, or 0 when an attempt is allowed now. */
  retryAfter(address: string, name: string): Promise<number>;
  fail(address: string, name: string): Promise<void>;
  succeed(name: string): Promise<void>;
}

const nameKey = (name: string) => `name:${name.toLowerCase()}`;
const addressKey = (address: string) => `addr:${address}`;

/**
 * The limiter's state lives in the database (login_failures), so every server process on it
 * counts the same failures. Attempts refused for waiting do not count as failures: hammering a
 * name does not make its delay any longer.
 */
export function createLoginLimiter(db: Kysely<Database>, p: LoginLimitPolicy = DEFAULT_LOGIN_LIMIT): LoginLimiter {
  const since = (now: number) => new Date(now - p.windowMs);
  return {
    async retryAfter(address, name) {
      const now = serverNow();
      const rows = await getLoginFailures(db, [addressKey(address), nameKey(name)], since(now));
      let waitMs = 0;
      for (const r of rows) {
        const until = r.key.startsWith('addr:')
          ? (r.failures >= p.perAddress ? r.first_at.getTime() + p.windowMs : 0)
          : r.last_at.getTime() + nameDelayMs(r.failures, p);
        waitMs = Math.max(waitMs, until - now);
      }
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
    },
    async fail(address, name) {
      const now = serverNow();
      await addLoginFailure(db, [addressKey(address), nameKey(name)], new Date(now), since(now));
      await sweepLoginFailures(db, new Date(now - 2 * p.windowMs));
    },
    async succeed(name) {
      await clearLoginFailures(db, nameKey(name));
    },
  };
}
