import type { Router } from 'express';
import { OVER_STANDARD_SECONDS } from '../../domain/standards.ts';
import { getComplianceMetrics } from '../../sql/compliance/metrics.ts';
import { getThresholds } from '../../sql/compliance/thresholds.ts';
import { getDurationSummaries } from '../../sql/queries/durations.ts';
import { getOfficeFacts } from '../../sql/queries/office-facts.ts';
import {
  ROUTES, type ComplianceMetricsResponse, type ComplianceResponse, type DelaysQuery, type DelaysResponse, type OfficeMetrics,
} from '../api/contract.ts';
import { cacheKey } from '../cache/aggregate-cache.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import { complianceMatrix } from './compliance-matrix.ts';
import type { RouteDeps } from './deps.ts';
import { resolveFilter } from '../scope/resolve-scope.ts';

const min = (s: number | null): number | null => (s === null ? null : s / 60);

/** GET /api/compliance (matrix and admission delays), /api/compliance/metrics, /api/compliance/delays (box plot). */
export function complianceRoutes(router: Router, { handle: { db }, cache, today }: RouteDeps): void {
  /**
   * One duration's box plot per office, cached under the delays route's own key: the matrix's
   * admission delays and /api/compliance/delays?metric=admission_delay are one entry.
   */
  const delays = (query: DelaysQuery) => cache.get(cacheKey('compliance-delays', query, 'full'), async (units) => {
    const { scope, period } = await resolveFilter(db, query);
    const [rows, thresholds] = await Promise.all([getDurationSummaries(db, scope, [query.metric], 'office', {}, units), getThresholds(db, units)]);
    const body: DelaysResponse = {
      period, metric: query.metric,
      thresholdMinutes: query.metric === 'admission_delay' ? thresholds.pass_delay_minutes
        : query.metric === 'application_time' ? thresholds.application_time_minutes : OVER_STANDARD_SECONDS[query.metric] / 60,
      offices: rows.map((r) => ({
        office: r.office ?? '', n: r.n, min: min(r.min), q1: min(r.q1), median: min(r.median), q3: min(r.q3), p90: min(r.p90), max: min(r.max),
      })),
    };
    return { body, tables: { offices: body.offices } };
  });

  mount(router, ROUTES.compliance, async ({ query, req, res }) => {
    // The page draws the matrix and the admission delays beside it from this one answer.
    const [{ body: matrix, tables }, boxes] = await Promise.all([complianceMatrix(db, cache, today, query), delays({ ...query, metric: 'admission_delay' })]);
    const body: ComplianceResponse = { ...matrix, delays: boxes.body.offices };
    await respond(req, res, body, { ...tables, delays: body.delays }, `compliance-${body.period.from}-${body.period.to}`);
  });

  mount(router, ROUTES.complianceMetrics, async ({ query, req, res }) => {
    const { body, tables } = await cache.get(cacheKey('compliance-metrics', query, 'full'), async (units) => {
      const { scope, period } = await resolveFilter(db, query);
      // The compliance engineer's metrics, so the page shows the numbers the verdicts were drawn from.
      const [metrics, facts] = await Promise.all([
        getComplianceMetrics(db, { ...period, today: today() }, scope.offices, units),
        getOfficeFacts(db, scope, period.to),
      ]);
      const statements = new Map(facts.map((f) => [f.office, f.statements]));
      const offices: OfficeMetrics[] = metrics.offices.map((m) => {
        const d = m.admission_delay;
        const a = m.application_time;
        const notAdmitted = d ? d.not_admitted : m.visits;
        return {
          office: m.office, visits: m.visits, admitted: m.visits - notAdmitted, notAdmitted,
          admissionDelayP50: d?.p50 ?? null, admissionDelayP90: d?.p90 ?? null, admissionDelayMax: d?.max ?? null,
          delayedShare: d?.share_over ?? null,
          applicationTimeP50: a?.p50 ?? null, applicationTimeP90: a?.p90 ?? null,
          statements: statements.get(m.office) ?? 0,
          phoneShare: m.phone_surrendered.share, questionedShare: m.checkpoint_questioned.share,
          visitsPerDay: m.days ? Math.round(m.visits_per_day * 100) / 100 : null,
          daysWithoutLogs: m.days_without_log, longestGapDays: m.longest_gap_days,
        };
      });
      const body: ComplianceMetricsResponse = { period, offices };
      return { body, tables: { offices } };
    });
    await respond(req, res, body, tables, `compliance-metrics-${body.period.from}-${body.period.to}`);
  });

  mount(router, ROUTES.complianceDelays, async ({ query, req, res }) => {
    const { body, tables } = await delays(query);
    await respond(req, res, body, tables, `delays-${body.metric}-${body.period.from}-${body.period.to}`);
  });
}
