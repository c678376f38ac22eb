import type { Router } from 'express';
import type { Kysely } from 'kysely';
import { STANDARDS } from '../../domain/standards.ts';
import { getThresholdChanges, isThresholdKey, setThreshold } from '../../sql/compliance/thresholds.ts';
import { listThresholdRows } from '../../sql/queries/thresholds.ts';
import type { Database } from '../../sql/schema.ts';
import type { ThresholdKey } from '../../sql/schema/compliance.ts';
import { ROUTES, type ThresholdsResponse } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import type { RouteDeps } from './deps.ts';

/** The contract's defaults (§4), shown beside the value in force. */
const DEFAULTS: Readonly<Record<ThresholdKey, { value: number; description: string }>> = {
  pass_delay_minutes: { value: STANDARDS.admissionDelayMaxMinutes, description: 'p90 of arrival → admission above this is a pass delay' },
  pass_delay_share: { value: 0.1, description: 'share of visits delayed over the delay threshold that is a breach' },
  questioning_share: { value: 0.05, description: 'share of visits questioned at the checkpoint that is a breach' },
  phone_surrender_share: { value: 0, description: 'share of visits with a phone surrendered above which it is a breach' },
  application_time_minutes: { value: STANDARDS.statementMaxMinutes, description: 'p90 of arrival → finish for accepted statements' },
  reporting_gap_days: { value: 3, description: 'consecutive days without any visit recorded' },
  small_sample_visits: { value: 30, description: 'verdicts on fewer visits are marked small sample' },
};

async function thresholdsBody(db: Kysely<Database>): Promise<ThresholdsResponse> {
  const [rows, changes] = await Promise.all([listThresholdRows(db), getThresholdChanges(db)]);
  return {
    thresholds: rows.map((r) => ({
      key: r.key, value: r.value, default: DEFAULTS[r.key].value, unit: r.unit, description: DEFAULTS[r.key].description,
      updatedAt: r.updated_by === 'default' ? null : r.updated_at.toISOString(),
      updatedBy: r.updated_by === 'default' ? null : r.updated_by,
    })),
    history: changes.map((c) => ({ key: c.key, oldValue: c.old_value, newValue: c.new_value, actor: c.actor, at: c.changed_at.toISOString() })),
  };
}

/** GET /api/thresholds (read), PUT /api/thresholds/:key (admin; the change is recorded). */
export function thresholdRoutes(router: Router, { handle: { db } }: RouteDeps): void {
  mount(router, ROUTES.thresholds, async ({ req, res }) => {
    const body = await thresholdsBody(db);
    await respond(req, res, body, { thresholds: body.thresholds, history: body.history }, 'thresholds');
  });

  mount(router, ROUTES.setThreshold, async ({ params, body, user, req, res }) => {
    if (!isThresholdKey(params.key)) throw HttpError.of('not_found', `No threshold "${params.key}"; expected one of ${Object.keys(DEFAULTS).join(', ')}`);
    try {
      await setThreshold(db, params.key, body.value, user.name);
    } catch (err) {
      if (err instanceof RangeError) throw HttpError.of('bad_request', `value: ${err.message}`);
      throw err;
    }
    req.log.info({ event: 'threshold_set', key: params.key }, 'threshold changed');
    res.json(await thresholdsBody(db));
  });
}
