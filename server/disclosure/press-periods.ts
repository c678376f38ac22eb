import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.ts';
import { calendarUnitOf } from '../../domain/disclosure.ts';

/**
 * Refuses, for the press role, any period that is not a whole calendar month, quarter or year
 * (domain/disclosure.ts, point 1). One middleware for every /api route that takes ?from&to, so a new route
 * cannot forget it. Other roles pass through untouched.
 */
export const pressPeriods: RequestHandler = (req, _res, next) => {
  const { from, to } = req.query;
  if (req.user?.role !== 'press' || typeof from !== 'string' || typeof to !== 'string') { next(); return; }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) { next(); return; }
  if (calendarUnitOf(from, to) === null) {
    next(HttpError.of('bad_request',
      `from, to: the press service may ask for a whole calendar month, quarter or year (e.g. from=2026-11-01&to=2026-12-01), got [${from}, ${to})`));
    return;
  }
  next();
};
