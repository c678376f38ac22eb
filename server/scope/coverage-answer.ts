import type { Kysely } from 'kysely';
import { uncoveredSpans } from '../../domain/coverage.ts';
import { getCoverage } from '../../sql/queries/coverage.ts';
import type { Database } from '../../sql/schema.ts';
import type { CoverageResponse } from '../api/contract.ts';
import { cacheKey, type AggregateCache } from '../cache/aggregate-cache.ts';

/**
 * What was received, per office (contract §8), with the days of `period` no loaded file covers:
 * the answer of /api/coverage, and the Overview's stamp inside its own answer. Cached until the data
 * changes (only a loaded or deleted file changes coverage), so the Overview's every request does not
 * read it again.
 */
export function coverageAnswer(db: Kysely<Database>, cache: AggregateCache, period: { from: string; to: string } | null): Promise<CoverageResponse> {
  return cache.get(cacheKey('coverage', period ?? {}, 'all'), () => readCoverage(db, period));
}

async function readCoverage(db: Kysely<Database>, period: { from: string; to: string } | null): Promise<CoverageResponse> {
  const cov = await getCoverage(db);
  return {
    completeTo: cov.completeTo, latest: cov.latest, period,
    offices: cov.offices.map((o) => ({
      office: o.office, first: o.first, last: o.last, status: o.status, behindSince: o.behindSince,
      uncovered: period ? uncoveredSpans(o, period) : [],
    })),
  };
}
