import { HttpError } from './http-error.ts';
import { periodProblem } from '../api/contract.ts';
import { calendarUnitOf } from '../../domain/disclosure.ts';
import type { SessionUser } from './request-context.ts';

/**
 * Refuses, for the press role, any period that is not a whole calendar month, quarter or year
 * (domain/disclosure.ts, point 1). Called by mount() (route.ts) for every route, after
 * the role check (a route press may not call answers 403 first) and after the route's query was
 * parsed (a malformed or out-of-domain day gets the input-domain 400 of RequestDay/periodProblem),
 * so a new route cannot forget it. Other roles pass through untouched.
 */
export function checkPressPeriod(user: SessionUser | undefined, query: unknown): void {
  if (user?.role !== 'press' || typeof query !== 'object' || query === null) return;
  const { from, to } = query as Record<string, unknown>;
  if (typeof from !== 'string' || typeof to !== 'string') return;
  const problem = periodProblem(from, to);
  if (problem) throw HttpError.of('bad_request', problem);
  if (calendarUnitOf(from, to) === null) {
    throw HttpError.of('bad_request',
      `from, to: the press service may ask for a whole calendar month, quarter or year (e.g. from=2026-11-01&to=2026-12-01), got [${from}, ${to})`);
  }
}
