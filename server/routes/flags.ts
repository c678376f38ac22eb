import type { Router } from 'express';
import { actOnFlag, FlagActionError, getFlagActions, listFlags, type FlagActionErrorCode } from '../../sql/compliance/flag-actions.ts';
import { getFlag } from '../../sql/queries/flags.ts';
import { ROUTES } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import type { RouteDeps } from './deps.ts';
import { flagDetail, flagView } from './flag-view.ts';

const ACTION_ERRORS: Record<FlagActionErrorCode, 'not_found' | 'conflict' | 'bad_request'> = {
  not_found: 'not_found', invalid_transition: 'conflict', missing_reason: 'bad_request', bad_deadline: 'bad_request', bad_input: 'bad_request',
};

/** GET /api/flags, GET /api/flags/:id, POST /api/flags/:id/actions (inspector). */
export function flagRoutes(router: Router, { handle: { db } }: RouteDeps): void {
  mount(router, ROUTES.flags, async ({ query, req, res }) => {
    const rows = await listFlags(db, {
      status: query.status ? [query.status] : undefined,
      offices: query.office ? [query.office] : undefined,
      month: query.month,
    });
    const flags = rows.filter((r) => !query.rule || r.rule === query.rule).map(flagView);
    await respond(req, res, { flags }, { flags }, 'flags');
  });

  mount(router, ROUTES.flag, async ({ params, res }) => {
    const row = await getFlag(db, params.id);
    if (!row) throw HttpError.of('not_found', `No flag ${params.id}`);
    res.json(flagDetail(row, await getFlagActions(db, row.id)));
  });

  mount(router, ROUTES.flagAction, async ({ params, body, user, req, res }) => {
    try {
      const { flag } = await actOnFlag(db, { flagId: params.id, action: body.action, note: body.note, deadline: body.deadline, actor: user.name });
      req.log.info({ event: 'flag_action', flag: params.id, action: body.action }, 'flag action');
      res.json(flagDetail(flag, await getFlagActions(db, flag.id)));
    } catch (err) {
      if (err instanceof FlagActionError) throw HttpError.of(ACTION_ERRORS[err.code], err.message);
      throw err;
    }
  });
}
