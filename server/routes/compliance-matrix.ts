import type { Kysely } from 'kysely';
import { evaluateCompliance } from '../../sql/compliance/evaluate.ts';
import type { Database } from '../../sql/schema.ts';
import type { ComplianceResponse, PeriodQuery } from '../api/contract.ts';
import { cacheKey, type AggregateCache } from '../cache/aggregate-cache.ts';
import type { Tables } from '../respond/respond.ts';
import { resolveFilter } from '../scope/resolve-scope.ts';

export type ComplianceMatrix = Omit<ComplianceResponse, 'delays'>;

/**
 * Every rule for every office of a filter, cached under one key: the compliance page's matrix and
 * the overview's map read the same entry, so whichever comes first judges the period for both.
 */
export function complianceMatrix(
  db: Kysely<Database>, cache: AggregateCache, today: () => string, query: PeriodQuery,
): Promise<{ body: ComplianceMatrix; tables: Tables }> {
  // Only the filter and the period decide the verdicts (download options and the comparison do not).
  const filter: PeriodQuery = {
    from: query.from, to: query.to,
    ...(query.region !== undefined ? { region: query.region } : {}), ...(query.office !== undefined ? { office: query.office } : {}),
  };
  return cache.get(cacheKey('compliance', filter, 'full'), async (units) => {
    const { scope, period } = await resolveFilter(db, filter);
    const report = await evaluateCompliance(db, { from: period.from, to: period.to, offices: [...scope.offices], items: true, today: today(), units });
    const body: ComplianceMatrix = { period, offices: report.offices };
    const cells = body.offices.flatMap((o) => o.rules.map((r) => ({
      office: o.office, rule: r.rule, status: r.status, value: r.value, threshold: r.threshold,
      share: r.share ?? null, small_sample: r.small_sample ?? false, evidence: r.evidence,
    })));
    return { body, tables: { cells } };
  });
}
