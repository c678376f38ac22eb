import { almatyToday } from '../../domain/calendar.ts';
/**
 * The server's clock: input domains ("no day later than a year from today"), the login limiter,
 * deadlines, overdue cases, the compliance pages and the upload's ingest read the time here, so a
 * test can set it instead of depending on today's date.
 */
let source: (() => number) | null = null;

export function serverNow(): number {
  // Date.now looked up at each call, not kept from load: a test that fakes Date (vi.setSystemTime) moves this clock too.
  return source ? source() : Date.now();
}

/** Tests only: a fixed or stepping clock; `null` goes back to the system clock. */
export function setServerClock(now: (() => number) | null): void {
  source = now;
}

/** Tests only: the clock set now (null: the system clock), to put back after a nested one. */
export function currentServerClock(): (() => number) | null {
  return source;
}

/** The Almaty day of the server's clock: what deadlines, overdue cases and digests count from. */
export function serverToday(): string {
  return almatyToday(new Date(serverNow()));
}
