import type { Router } from 'express';
import { evaluateCompliance } from '../../sql/compliance/evaluate.ts';
import { almatyToday, daysBetween } from '../../sql/compliance/period.ts';
import { getThresholds } from '../../sql/compliance/thresholds.ts';
import { getDurationSummaries } from '../../sql/queries/durations.ts';
import { getOfficeFacts } from '../../sql/queries/office-facts.ts';
import {
  ROUTES, type ComplianceMetricsResponse, type ComplianceResponse, type DelaysResponse, type OfficeMetrics,
} from '../api/contract.ts';
import { cacheKey } from '../cache/aggregate-cache.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import { share } from '../respond/suppress.ts';
import type { RouteDeps } from './deps.ts';
import { resolveScope } from './scope.ts';

const min = (s: number | null | undefined): number | null => (s === null || s === undefined ? null : s / 60);

/** GET /api/compliance (matrix), /api/compliance/metrics, /api/compliance/delays (box plot). */
export function complianceRoutes(router: Router, { handle: { db }, cache }: RouteDeps): void {
  mount(router, ROUTES.compliance, async ({ query, req, res }) => {
    const { body, tables } = await cache.get(cacheKey('compliance', query, 'full'), async () => {
      const { scope, period } = await resolveScope(db, query);
      const report = await evaluateCompliance(db, { from: period.from, to: period.to, offices: [...scope.offices] });
      const body: ComplianceResponse = { period, offices: report.offices };
      const cells = body.offices.flatMap((o) => o.rules.map((r) => ({
        office: o.office, rule: r.rule, status: r.status, value: r.value, threshold: r.threshold,
        share: r.share ?? null, small_sample: r.small_sample ?? false, evidence: r.evidence,
      })));
      return { body, tables: { cells } };
    });
    await respond(req, res, body, tables, `compliance-${body.period.from}-${body.period.to}`);
  });

  mount(router, ROUTES.complianceMetrics, async ({ query, req, res }) => {
    const { body, tables } = await cache.get(cacheKey('compliance-metrics', query, 'full'), async () => {
      const { scope, period } = await resolveScope(db, query);
      const today = almatyToday();
      const until = today < period.to ? today : period.to;
      const thresholds = await getThresholds(db);
      const [facts, delays, apps] = await Promise.all([
        getOfficeFacts(db, scope, until),
        // `over` counts delays past the threshold in force, so delayedShare matches the verdict.
        getDurationSummaries(db, scope, ['admission_delay'], 'office', thresholds.pass_delay_minutes * 60),
        getDurationSummaries(db, scope, ['application_time'], 'office'),
      ]);
      const factsOf = new Map(facts.map((f) => [f.office, f]));
      const delayOf = new Map(delays.map((d) => [d.office, d]));
      const appOf = new Map(apps.map((d) => [d.office, d]));
      const reportedDays = Math.max(0, daysBetween(period.from, until));
      const offices: OfficeMetrics[] = scope.offices.map((office) => {
        const f = factsOf.get(office);
        const delay = delayOf.get(office);
        const app = appOf.get(office);
        const visits = f?.visits ?? 0;
        return {
          office, visits, admitted: f?.admitted ?? 0, notAdmitted: visits - (f?.admitted ?? 0),
          admissionDelayP50: min(delay?.median), admissionDelayP90: min(delay?.p90), admissionDelayMax: min(delay?.max),
          delayedShare: delay && delay.n > 0 ? delay.over / delay.n : null,
          applicationTimeP50: min(app?.median), applicationTimeP90: min(app?.p90),
          statements: f?.statements ?? 0,
          phoneShare: share(f?.phone_yes ?? 0, f?.phone_known ?? 0),
          questionedShare: share(f?.questioned_yes ?? 0, f?.questioned_known ?? 0),
          visitsPerDay: Math.round((visits / daysBetween(period.from, period.to)) * 100) / 100,
          daysWithoutLogs: reportedDays - (f?.active_days ?? 0),
        };
      });
      const body: ComplianceMetricsResponse = { period, offices };
      return { body, tables: { offices } };
    });
    await respond(req, res, body, tables, `compliance-metrics-${body.period.from}-${body.period.to}`);
  });

  mount(router, ROUTES.complianceDelays, async ({ query, req, res }) => {
    const { body, tables } = await cache.get(cacheKey('compliance-delays', query, 'full'), async () => {
      const { scope, period } = await resolveScope(db, query);
      const [rows, thresholds] = await Promise.all([getDurationSummaries(db, scope, [query.metric], 'office'), getThresholds(db)]);
      const body: DelaysResponse = {
        period, metric: query.metric,
        thresholdMinutes: query.metric === 'admission_delay' ? thresholds.pass_delay_minutes
          : query.metric === 'application_time' ? thresholds.application_time_minutes : 20,
        offices: rows.map((r) => ({
          office: r.office ?? '', n: r.n, min: min(r.min), q1: min(r.q1), median: min(r.median), q3: min(r.q3), p90: min(r.p90), max: min(r.max),
        })),
      };
      return { body, tables: { offices: body.offices } };
    });
    await respond(req, res, body, tables, `delays-${body.metric}-${body.period.from}-${body.period.to}`);
  });
}
