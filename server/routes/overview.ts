import type { Router } from 'express';
import { DURATION_METRICS } from '../../sql/schema.ts';
import { getDurationSummaries } from '../../sql/queries/durations.ts';
import { getDailyVolumes, getOfficeVolumes, getWeekdayHourHeatmap } from '../../sql/queries/volumes.ts';
import { ROUTES, type OverviewResponse } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import { change, suppressorFor } from '../respond/suppress.ts';
import type { AppDeps } from './deps.ts';
import { durationStats, STANDARD } from './durations.ts';
import { resolveScope } from './scope.ts';

/** GET /api/overview: volumes against the previous period, trend, heatmap, silent offices, durations. */
export function overviewRoutes(router: Router, { handle: { db } }: AppDeps): void {
  mount(router, ROUTES.overview, async ({ query, user, req, res }) => {
    const { scope, period, previous, offices } = await resolveScope(db, query);
    const s = suppressorFor(user.role);
    const [volumes, daily, heat, overall, perOffice] = await Promise.all([
      getOfficeVolumes(db, scope, previous.from),
      getDailyVolumes(db, scope),
      getWeekdayHourHeatmap(db, scope),
      // Press sees volumes only: durations are not even queried.
      s.on ? null : getDurationSummaries(db, scope, DURATION_METRICS, false),
      s.on ? null : getDurationSummaries(db, scope, DURATION_METRICS, true),
    ]);
    const byOffice = new Map(volumes.map((v) => [v.office, v]));
    const rows = offices.map((o) => byOffice.get(o.code) ?? { office: o.code, visits: 0, previous: 0, admitted: 0, statements: 0 });
    const perOfficeRows = rows.map((r) => {
      const shown = s.row({ office: r.office, visits: r.visits, previous: r.previous, statements: r.statements }, ['visits', 'previous', 'statements']);
      return { ...shown, change: change(shown.visits, shown.previous) };
    });
    const sum = (k: 'visits' | 'previous' | 'admitted' | 'statements') => rows.reduce((a, r) => a + r[k], 0);
    const totals = s.row({ visits: sum('visits'), previous: sum('previous'), statements: sum('statements'), admitted: sum('admitted') },
      ['visits', 'previous', 'statements', 'admitted']);
    const body: OverviewResponse = {
      period, previous,
      totals: { ...totals, admitted: s.on ? null : totals.admitted, change: change(totals.visits, totals.previous) },
      perOffice: perOfficeRows.map(({ office, visits, previous: prev, change: ch, statements, suppressed }) =>
        ({ office, visits, previous: prev, change: ch, statements, suppressed })),
      daily: daily.map((d) => s.row(d, ['visits'])),
      heatmap: heat.map((h) => s.row(h, ['visits'])),
      silentOffices: rows.filter((r) => r.visits === 0).map((r) => r.office),
      standard: STANDARD,
      durations: overall ? overall.map(durationStats) : null,
      officeDurations: perOffice ? perOffice.map((r) => ({ ...durationStats(r), office: r.office ?? '' })) : null,
    };
    await respond(req, res, body, {
      perOffice: body.perOffice, daily: body.daily, heatmap: body.heatmap,
      ...(body.durations ? { durations: body.durations } : {}),
      ...(body.officeDurations ? { officeDurations: body.officeDurations } : {}),
    }, `overview-${period.from}-${period.to}`);
  });
}
