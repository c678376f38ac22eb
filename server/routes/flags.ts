import type { Router } from 'express';
import { findCaseCovering, getCaseMonths, listAllCases, listCases, type CaseListOptions } from '../../sql/compliance/case-list.ts';
import { actOnFlag, FlagActionError, getFlagActions, type FlagActionErrorCode } from '../../sql/compliance/flag-actions.ts';
import { monthStart } from '../../domain/calendar.ts';
import type { Database } from '../../sql/schema.ts';
import { getFlag } from '../../sql/queries/flags.ts';
import type { Kysely } from 'kysely';
import { ROUTES, type FlagsResponse } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import { pickFormat, respond } from '../respond/respond.ts';
import type { RouteDeps } from './deps.ts';
import { flagDetail, flagExportRow, flagView } from './flag-view.ts';

const ACTION_ERRORS: Record<FlagActionErrorCode, 'not_found' | 'conflict' | 'bad_request'> = {
  not_found: 'not_found', invalid_transition: 'conflict', missing_reason: 'bad_request', bad_deadline: 'bad_request', bad_input: 'bad_request',
};

async function detail(db: Kysely<Database>, id: string | number, month: string | undefined, today: string) {
  const row = await getFlag(db, Number(id));
  if (!row) throw HttpError.of('not_found', `No case ${id}`);
  const [months, actions] = await Promise.all([getCaseMonths(db, row.id), getFlagActions(db, row.id)]);
  return flagDetail(row, months, month ? monthStart(month) : undefined, actions, today);
}

/** GET /api/flags (the work list), /api/flags/covering, /api/flags/:id, POST /api/flags/:id/actions (inspector). */
export function flagRoutes(router: Router, { handle: { db }, today }: RouteDeps): void {
  mount(router, ROUTES.flags, async ({ query, req, res }) => {
    if ((query.from === undefined) !== (query.to === undefined)) throw HttpError.of('bad_request', 'from and to: give both or neither');
    if (query.from && query.to && query.to <= query.from) throw HttpError.of('bad_request', `to (${query.to}) must be after from (${query.from})`);
    const day = today();
    const opts: CaseListOptions = {
      status: query.status ? [query.status] : undefined, offices: query.office ? [query.office] : undefined, rule: query.rule,
      month: query.month, period: query.from && query.to ? { from: query.from, to: query.to } : undefined,
      sort: query.sort, page: query.page, pageSize: query.pageSize, today: day,
    };
    const name = `cases${query.from ? `-${query.from}-${query.to}` : ''}`;
    if (pickFormat(req) !== 'json') {
      // An export is the whole filtered list, not the page on screen.
      const all = await listAllCases(db, opts);
      const rows = all.map((r) => flagExportRow(r, day, query.lang));
      await respond(req, res, { flags: rows }, { flags: rows }, name);
      return;
    }
    const list = await listCases(db, opts);
    const body: FlagsResponse = {
      flags: list.cases.map((r) => flagView(r, day)), total: list.total, page: query.page, pageSize: query.pageSize, counts: list.counts,
    };
    res.json(body);
  });

  mount(router, ROUTES.flagCovering, async ({ query, res }) => {
    const row = await findCaseCovering(db, query.office, query.rule, query.month);
    res.json({ id: row ? Number(row.id) : null });
  });

  mount(router, ROUTES.flag, async ({ params, query, res }) => {
    res.json(await detail(db, params.id, query.month, today()));
  });

  mount(router, ROUTES.flagAction, async ({ params, body, user, req, res }) => {
    try {
      await actOnFlag(db, {
        flagId: params.id, action: body.action, note: body.note, deadline: body.deadline, seen: body.seen, inspectionId: body.inspectionId,
        actor: user.name, today: today(),
      });
    } catch (err) {
      if (err instanceof FlagActionError) throw HttpError.of(ACTION_ERRORS[err.code], err.message);
      throw err;
    }
    req.log.info({ event: 'flag_action', flag: params.id, action: body.action }, 'flag action');
    res.json(await detail(db, params.id, undefined, today()));
  });
}
