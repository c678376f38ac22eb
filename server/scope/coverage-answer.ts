import type { Kysely } from 'kysely';
import { uncoveredSpans } from '../../domain/coverage.ts';
import { getCoverage } from '../../sql/queries/coverage.ts';
import type { Database } from '../../sql/schema.ts';
import type { CoverageResponse } from '../api/contract.ts';

/**
 * What was received, per office (contract §8), with the days of `period` no loaded file covers:
 * the answer of /api/coverage, and the Overview's stamp inside its own answer.
 */
export async function coverageAnswer(db: Kysely<Database>, period: { from: string; to: string } | null): Promise<CoverageResponse> {
  const cov = await getCoverage(db);
  return {
    completeTo: cov.completeTo, latest: cov.latest, period,
    offices: cov.offices.map((o) => ({
      office: o.office, first: o.first, last: o.last, status: o.status, behindSince: o.behindSince,
      uncovered: period ? uncoveredSpans(o, period) : [],
    })),
  };
}
