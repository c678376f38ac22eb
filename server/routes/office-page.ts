import type { Router } from 'express';
import { evaluateCompliance } from '../../sql/compliance/evaluate.ts';
import { addDays } from '../../domain/calendar.ts';
import { uncoveredSpans, type OfficeCoverage } from '../../domain/coverage.ts';
import { DURATION_METRICS } from '../../sql/schema.ts';
import { getDurationSummaries } from '../../sql/queries/durations.ts';
import { listAllCases } from '../../sql/compliance/case-list.ts';
import { listOfficeInspections } from '../../sql/queries/inspections.ts';
import { getDaysWithoutLogs } from '../../sql/queries/office-facts.ts';
import { getOfficeCategoryVolumes } from '../../sql/queries/topics.ts';
import { getVolumeBreakdown } from '../../sql/queries/volumes.ts';
import { pressOfficeParts, pressScope } from '../disclosure/press-answers.ts';
import { ROUTES, type OfficePageResponse, type Period } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { cacheKey } from '../cache/aggregate-cache.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import { change, suppressorFor } from '../respond/suppress.ts';
import type { RouteDeps } from './deps.ts';
import { durationStats } from './durations.ts';
import { flagView } from './flag-view.ts';
import { dailySeries, heatAverages, periodFields } from '../scope/period-figures.ts';
import { resolveScope, scopeFor } from '../scope/resolve-scope.ts';

/** GET /api/offices/:code — one office's page. Press gets volumes and topics only. */
export function officePageRoutes(router: Router, { handle: { db }, cache, today: clockToday }: RouteDeps): void {
  mount(router, ROUTES.office, async ({ params, query, user, req, res }) => {
    const view = suppressorFor(user.role).on ? 'press' : 'full';
    const { body, tables } = await cache.get(cacheKey('office', { ...query, code: params.code }, view), async (units) => {
      const all = await resolveScope(db, { from: query.from, to: query.to }, units);
      const office = all.offices.find((o) => o.code === params.code);
      if (!office) throw HttpError.of('not_found', `No office "${params.code}"`);
      const r = scopeFor(all.coverage, all.requested, [office], query.compare ?? 'previous');
      const { scope, period, previous, comparison } = r;
      const s = suppressorFor(user.role);
      if (s.on) {
        // Press: volumes and topics only, every count a sum of protected month cells (server/disclosure/press-cells.ts).
        const { region_code, ...rest } = office;
        const parts = pressOfficeParts(await pressScope(db, r));
        const cov = all.coverage.offices.find((o) => o.office === office.code);
        const body: OfficePageResponse = {
          office: { ...rest, region: region_code }, ...periodFields(r), ...parts,
          coverage: officeCoverage(cov, period),
          durations: null, inspections: null, compliance: null, flags: null,
        };
        return { body, tables: { daily: body.daily, heatmap: body.heatmap, topics: body.topics } };
      }
      const today = clockToday();
      const until = today < period.to ? today : period.to;
      const [{ perOffice: volumes, daily, heatmap: heat }, topics, gaps, durations, inspections, compliance, flags] = await Promise.all([
        getVolumeBreakdown(db, scope, previous, units),
        getOfficeCategoryVolumes(db, scope, units),
        getDaysWithoutLogs(db, office.code, period.from, until),
        s.on ? null : getDurationSummaries(db, scope, DURATION_METRICS, 'all', {}, units),
        s.on ? null : listOfficeInspections(db, office.code, period.to),
        s.on ? null : evaluateCompliance(db, { from: period.from, to: period.to, offices: [office.code], today, units }),
        s.on ? null : listAllCases(db, { offices: [office.code], sort: 'age', today }),
      ]);
      const v = volumes[0] ?? { visits: 0, previous: 0, statements: 0 };
      const totals = s.row({ visits: v.visits, previous: v.previous, statements: v.statements }, ['visits', 'previous', 'statements']);
      const { region_code, ...rest } = office;
      const body: OfficePageResponse = {
        office: { ...rest, region: region_code }, ...periodFields(r),
        totals: { ...totals, compared: totals.visits, change: comparison.comparable ? change(totals.visits, totals.previous) : null },
        coverage: officeCoverage(all.coverage.offices.find((o) => o.office === office.code), period),
        daily: dailySeries(r, daily).map((d) => (d.visits === null ? { ...d, suppressed: false } : s.row(d, ['visits']))),
        heatmap: heatAverages(r, heat).map((h) => {
          const shown = s.row(h, ['visits']);
          return { ...shown, average: shown.visits === null ? null : h.average };
        }),
        topics: topics.map(({ category, visits }) => s.row({ category, visits }, ['visits'])),
        daysWithoutLogs: gaps,
        durations: durations ? durations.map(durationStats) : null,
        inspections: inspections ? inspections.map((i) => ({
          id: Number(i.id), inspectedAt: i.inspected_at.toISOString(), inspector: i.inspector,
          bars_on_windows: i.bars_on_windows, bars_on_doors: i.bars_on_doors, inside_secured_perimeter: i.inside_secured_perimeter,
          phones_collected_at_entrance: i.phones_collected_at_entrance, guard_questions_visitors: i.guard_questions_visitors,
          signage_present: i.signage_present, notes: i.notes,
        })) : null,
        compliance: compliance ? (compliance.offices[0]?.rules ?? []) : null,
        flags: flags ? flags.map((f) => flagView(f, today)) : null,
      };
      const tables = {
        daily: body.daily, heatmap: body.heatmap, topics: body.topics,
        ...(body.durations ? { durations: body.durations } : {}),
        ...(body.inspections ? { inspections: body.inspections } : {}),
        ...(body.flags ? { flags: body.flags } : {}),
      };
      return { body, tables };
    });
    await respond(req, res, body, tables, `office-${body.office.code}-${body.period.from}-${body.period.to}`);
  });
}

/** One office's coverage as its page shows it: status, first and last day, uncovered runs of the period. */
function officeCoverage(cov: OfficeCoverage | undefined, period: Period): OfficePageResponse['coverage'] {
  return {
    status: cov?.status ?? 'no_data', first: cov?.first ?? null, last: cov?.last ?? null, behindSince: cov?.behindSince ?? null,
    uncovered: cov ? uncoveredSpans(cov, period) : [{ from: period.from, to: addDays(period.to, -1) }],
  };
}
