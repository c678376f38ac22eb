import type { Kysely } from 'kysely';
import { evaluateCompliance } from '../../sql/compliance/evaluate.ts';
import type { Database } from '../../sql/schema.ts';
import type { ComplianceResponse } from '../api/contract.ts';
import { cacheKey, type AggregateCache } from '../cache/aggregate-cache.ts';
import type { Tables } from '../respond/respond.ts';
import { resolveFilter, type ScopeQuery } from './resolve-scope.ts';

export interface ComplianceMatrix {
  body: Omit<ComplianceResponse, 'delays'>;
  /** cells: one row per office and rule, for downloads. */
  tables: Tables;
}

/**
 * The office × rule matrix of a period and filter, cached by its period and filter alone: the
 * compliance page's answer and the Overview's map are one cache entry. `today` is the server's day,
 * up to which the reporting rule counts silent days.
 */
export function complianceMatrix(db: Kysely<Database>, cache: AggregateCache, today: () => string, query: ScopeQuery): Promise<ComplianceMatrix> {
  const filter = { from: query.from, to: query.to, office: query.office, region: query.region };
  return cache.get(cacheKey('compliance', filter, 'full'), async () => {
    const { scope, period } = await resolveFilter(db, filter);
    const report = await evaluateCompliance(db, { from: period.from, to: period.to, offices: [...scope.offices], items: true, today: today() });
    const body: ComplianceMatrix['body'] = { period, offices: report.offices };
    const cells = body.offices.flatMap((o) => o.rules.map((r) => ({
      office: o.office, rule: r.rule, status: r.status, value: r.value, threshold: r.threshold,
      share: r.share ?? null, small_sample: r.small_sample ?? false, evidence: r.evidence,
    })));
    return { body, tables: { cells } };
  });
}
