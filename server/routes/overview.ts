import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { UnitMemo } from '../../sql/cover/unit-memo.ts';
import { overallStatus } from '../../domain/rules.ts';
import { DURATION_METRICS, type Database } from '../../sql/schema.ts';
import { getDurationSummaries } from '../../sql/queries/durations.ts';
import { getVolumeBreakdown } from '../../sql/queries/volumes.ts';
import { pressOverview, pressScope } from '../disclosure/press-answers.ts';
import { ROUTES, type OverviewResponse } from '../api/contract.ts';
import { cacheKey } from '../cache/aggregate-cache.ts';
import { mount } from '../http/route.ts';
import { respond, type Tables } from '../respond/respond.ts';
import { change, suppressorFor, type Suppressor } from '../respond/suppress.ts';
import { complianceMatrix } from './compliance-matrix.ts';
import type { RouteDeps } from './deps.ts';
import { durationStats, STANDARD } from './durations.ts';
import { coverageAnswer, coveredOffices, dailySeries, heatAverages, noDataOffices, officeCoverageKinds, periodFields } from '../scope/period-figures.ts';
import { resolveScope, type ScopeQuery } from '../scope/resolve-scope.ts';

type OverviewQuery = ScopeQuery;

/** GET /api/overview: volumes against the previous period, trend, heatmap, silent offices, durations, the map's standing. */
export function overviewRoutes(router: Router, { handle: { db }, cache, today }: RouteDeps): void {
  // The map's standing is the compliance matrix of the region, cached under the compliance page's key.
  // Every office of the region: the filtered one is drawn among its neighbours.
  const standing = async ({ office: _office, ...region }: OverviewQuery): Promise<OverviewResponse['officeStatus']> => {
    const { body } = await complianceMatrix(db, cache, today, region);
    return body.offices.map((o) => ({ office: o.office, status: overallStatus(o.rules.map((r) => r.status)) }));
  };
  mount(router, ROUTES.overview, async ({ query, user, req, res }) => {
    const s = suppressorFor(user.role);
    // Side by side, not one inside the other: the two cache lookups then share one data-version read.
    const [{ body, tables }, officeStatus] = await Promise.all([
      cache.get(cacheKey('overview', query, s.on ? 'press' : 'full'), (units) => buildOverview(db, query, s, units)),
      // The press service sees no verdicts (contract §7).
      s.on ? null : standing(query),
    ]);
    await respond(req, res, { ...body, officeStatus }, tables, `overview-${body.period.from}-${body.period.to}`);
  });
}

/** The overview's figures; the map's standing is added beside them (its own cache entry). */
type OverviewFigures = Omit<OverviewResponse, 'officeStatus'>;

async function buildOverview(
  db: Kysely<Database>, query: OverviewQuery, s: Suppressor, units: UnitMemo,
): Promise<{ body: OverviewFigures; tables: Tables }> {
  const r = await resolveScope(db, query, units);
  if (s.on) {
    // Press: volumes only, every count a sum of protected month cells (server/disclosure/press-cells.ts).
    const body = pressOverview(await pressScope(db, r), STANDARD);
    return { body, tables: { perOffice: body.perOffice, daily: body.daily, heatmap: body.heatmap } };
  }
  const { scope, previous, offices, comparison } = r;
  const [{ perOffice: volumes, daily, heatmap: heat }, durations] = await Promise.all([
    getVolumeBreakdown(db, scope, previous, units),
    // Press sees volumes only: durations are not even queried.
    // Every measure, each shown against its own standard or none (contract §8); only what the
    // overview shows (median, p90, max): fewer minutes of the histograms to open.
    s.on ? null : getDurationSummaries(db, scope, DURATION_METRICS, 'both', { statistics: ['p50', 'p90', 'max'] }, units),
  ]);
  const byOffice = new Map(volumes.map((v) => [v.office, v]));
  const rows = offices.map((o) => byOffice.get(o.code) ?? { office: o.code, visits: 0, previous: 0, admitted: 0, statements: 0 });
  // Like for like (contract §8): a change only over offices covered for the whole of both periods.
  const alike = new Set(comparison.offices);
  const kinds = officeCoverageKinds(r);
  const perOffice = rows.map((row) => {
    const shown = s.row({ office: row.office, visits: row.visits, previous: row.previous, statements: row.statements }, ['visits', 'previous', 'statements']);
    return {
      office: shown.office, visits: shown.visits, previous: shown.previous,
      change: alike.has(row.office) ? change(shown.visits, shown.previous) : null, statements: shown.statements, suppressed: shown.suppressed,
      coverage: kinds.get(row.office) ?? 'none',
    };
  });
  const sum = (k: 'visits' | 'previous' | 'admitted' | 'statements', only?: Set<string>) =>
    rows.reduce((a, row) => a + (only && !only.has(row.office) ? 0 : row[k]), 0);
  const totals = s.row({ visits: sum('visits'), previous: sum('previous', alike), compared: sum('visits', alike), statements: sum('statements'), admitted: sum('admitted') },
    ['visits', 'previous', 'compared', 'statements', 'admitted']);
  const covered = coveredOffices(r);
  const body: OverviewFigures = {
    ...periodFields(r),
    totals: { ...totals, admitted: s.on ? null : totals.admitted, change: comparison.comparable ? change(totals.compared, totals.previous) : null },
    perOffice,
    daily: dailySeries(r, daily).map((d) => (d.visits === null ? { ...d, suppressed: false } : s.row(d, ['visits']))),
    heatmap: heatAverages(r, heat).map((h) => {
      const shown = s.row(h, ['visits']);
      return { ...shown, average: shown.visits === null ? null : h.average };
    }),
    silentOffices: rows.filter((row) => row.visits === 0 && covered.has(row.office)).map((row) => row.office),
    noDataOffices: noDataOffices(r),
    standard: STANDARD,
    durations: durations ? durations.filter((d) => d.office === null).map(durationStats) : null,
    officeDurations: durations
      ? durations.filter((d) => d.office !== null).map((row) => ({ ...durationStats(row), office: row.office ?? '' }))
      : null,
    coverage: coverageAnswer(r.coverage, r.requested),
  };
  const tables: Tables = {
    perOffice: body.perOffice, daily: body.daily, heatmap: body.heatmap,
    ...(body.durations ? { durations: body.durations } : {}),
    ...(body.officeDurations ? { officeDurations: body.officeDurations } : {}),
  };
  return { body, tables };
}
