import type { Router } from 'express';
import { getCoverage } from '../../sql/queries/coverage.ts';
import { ROUTES } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import { coverageAnswer } from '../scope/period-figures.ts';
import type { RouteDeps } from './deps.ts';

/** GET /api/coverage: what was received, per office (contract §8). Every role: it names no person. */
export function coverageRoutes(router: Router, { handle: { db } }: RouteDeps): void {
  mount(router, ROUTES.coverage, async ({ query, req, res }) => {
    if ((query.from === undefined) !== (query.to === undefined)) throw HttpError.of('bad_request', 'from, to: give both or neither');
    if (query.from !== undefined && query.to !== undefined && query.to <= query.from) {
      throw HttpError.of('bad_request', `to: expected a day after from (${query.from}); the period is [from, to)`);
    }
    const period = query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to } : null;
    const body = coverageAnswer(await getCoverage(db), period);
    await respond(req, res, body, { offices: body.offices.map((o) => ({ ...o, uncovered: o.uncovered.map((s) => `${s.from}..${s.to}`).join(' ') })) }, 'coverage');
  });
}
