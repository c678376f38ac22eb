import { almatyToday } from '../../domain/calendar.ts';
/**
 * The server's clock: input domains ("no day later than a year from today") and the login
 * limiter read the time here, so a test can set it instead of depending on today's date.
 */
let source: () => number = Date.now;

export function serverNow(): number {
  return source();
}

/** Tests only: a fixed or stepping clock; `null` goes back to the system clock. */
export function setServerClock(now: (() => number) | null): void {
  source = now ?? Date.now;
}

/** The Almaty day of the server's clock: what deadlines, overdue cases and digests count from. */
export function serverToday(): string {
  return almatyToday(new Date(serverNow()));
}
