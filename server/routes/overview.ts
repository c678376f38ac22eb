import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database, DurationMetric } from '../../sql/schema.ts';
import { getDurationSummaries } from '../../sql/queries/durations.ts';
import { getVolumeBreakdown } from '../../sql/queries/volumes.ts';
import { pressOverview, pressScope } from '../disclosure/press-answers.ts';
import { ROUTES, type OverviewResponse, type PeriodQuery } from '../api/contract.ts';
import { cacheKey } from '../cache/aggregate-cache.ts';
import { mount } from '../http/route.ts';
import { respond, type Tables } from '../respond/respond.ts';
import { change, suppressorFor, type Suppressor } from '../respond/suppress.ts';
import type { RouteDeps } from './deps.ts';
import { durationStats, STANDARD } from './durations.ts';
import { resolveScope } from './scope.ts';

/** The overview shows waiting and service time against the 15–20 min standard; delays live in /api/compliance. */
const OVERVIEW_METRICS: readonly DurationMetric[] = ['wait_time', 'service_time'];

/** GET /api/overview: volumes against the previous period, trend, heatmap, silent offices, durations. */
export function overviewRoutes(router: Router, { handle: { db }, cache }: RouteDeps): void {
  mount(router, ROUTES.overview, async ({ query, user, req, res }) => {
    const s = suppressorFor(user.role);
    const { body, tables } = await cache.get(cacheKey('overview', query, s.on ? 'press' : 'full'), () => buildOverview(db, query, s));
    await respond(req, res, body, tables, `overview-${body.period.from}-${body.period.to}`);
  });
}

async function buildOverview(db: Kysely<Database>, query: PeriodQuery, s: Suppressor): Promise<{ body: OverviewResponse; tables: Tables }> {
  const resolved = await resolveScope(db, query);
  if (s.on) {
    // Press: volumes only, every count a sum of protected month cells (server/disclosure/press-cells.ts).
    const body = pressOverview(await pressScope(db, resolved), STANDARD);
    return { body, tables: { perOffice: body.perOffice, daily: body.daily, heatmap: body.heatmap } };
  }
  const { scope, period, previous, offices } = resolved;
  const [{ perOffice: volumes, daily, heatmap: heat }, durations] = await Promise.all([
    getVolumeBreakdown(db, scope, previous.from),
    // Press sees volumes only: durations are not even queried.
    // Only what the overview shows (median, p90, max): fewer minutes of the histograms to open.
    s.on ? null : getDurationSummaries(db, scope, OVERVIEW_METRICS, 'both', { statistics: ['p50', 'p90', 'max'] }),
  ]);
  const byOffice = new Map(volumes.map((v) => [v.office, v]));
  const rows = offices.map((o) => byOffice.get(o.code) ?? { office: o.code, visits: 0, previous: 0, admitted: 0, statements: 0 });
  const perOffice = rows.map((r) => {
    const shown = s.row({ office: r.office, visits: r.visits, previous: r.previous, statements: r.statements }, ['visits', 'previous', 'statements']);
    return { office: shown.office, visits: shown.visits, previous: shown.previous, change: change(shown.visits, shown.previous), statements: shown.statements, suppressed: shown.suppressed };
  });
  const sum = (k: 'visits' | 'previous' | 'admitted' | 'statements') => rows.reduce((a, r) => a + r[k], 0);
  const totals = s.row({ visits: sum('visits'), previous: sum('previous'), statements: sum('statements'), admitted: sum('admitted') },
    ['visits', 'previous', 'statements', 'admitted']);
  const body: OverviewResponse = {
    period, previous,
    totals: { ...totals, admitted: s.on ? null : totals.admitted, change: change(totals.visits, totals.previous) },
    perOffice,
    daily: daily.map((d) => s.row(d, ['visits'])),
    heatmap: heat.map((h) => s.row(h, ['visits'])),
    silentOffices: rows.filter((r) => r.visits === 0).map((r) => r.office),
    standard: STANDARD,
    durations: durations ? durations.filter((d) => d.office === null).map(durationStats) : null,
    officeDurations: durations
      ? durations.filter((d) => d.office !== null).map((r) => ({ ...durationStats(r), office: r.office ?? '' }))
      : null,
  };
  const tables: Tables = {
    perOffice: body.perOffice, daily: body.daily, heatmap: body.heatmap,
    ...(body.durations ? { durations: body.durations } : {}),
    ...(body.officeDurations ? { officeDurations: body.officeDurations } : {}),
  };
  return { body, tables };
}
