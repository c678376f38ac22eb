import type { Kysely } from 'kysely';
import { compareLikeForLike, type Comparison, type Coverage } from '../../domain/coverage.ts';
import { resolvePeriod, type ComparisonKind } from '../../domain/periods.ts';
import type { Database, OfficeRow } from '../../sql/schema.ts';
import { oneOffMemo, type UnitMemo } from '../../sql/cover/unit-memo.ts';
import { getCoverage } from '../../sql/queries/coverage.ts';
import type { Scope } from '../../sql/queries/scope.ts';
import { periodProblem, type Period } from '../api/contract.ts';
import { registryOffices } from '../cache/registry-cache.ts';
import { HttpError } from '../http/http-error.ts';

export interface ResolvedScope {
  /** The cut period and the filter's offices: what every query of the answer reads. */
  scope: Scope;
  /** The period shown: the request cut at completeTo (contract §8). */
  period: Period;
  requested: Period;
  unfinished: boolean;
  /** The period compared with: the previous one, or the year-ago one when asked. */
  previous: Period;
  yearAgo: Period;
  /** Like for like against `previous`: changes are summed over comparison.offices only. */
  comparison: Comparison;
  coverage: Coverage;
  /** The registry rows of the filter's offices. */
  offices: OfficeRow[];
}

export interface ScopeQuery {
  from: string;
  to: string;
  office?: string | undefined;
  region?: string | undefined;
  compare?: ComparisonKind | undefined;
}

/** Checks the period and the office/region filter against the registry (400 naming the parameter), then applies §8. */
export async function resolveScope(db: Kysely<Database>, q: ScopeQuery, memo: UnitMemo = oneOffMemo(db)): Promise<ResolvedScope> {
  // Coverage changes only with a loaded file, which changes the data version.
  const [{ offices }, coverage] = await Promise.all([resolveFilter(db, q), memo.perVersion('coverage', () => getCoverage(db))]);
  return scopeFor(coverage, { from: q.from, to: q.to }, offices, q.compare ?? 'previous');
}

/**
 * The filter as asked, without §8's cut: for answers that are not figures of a period against
 * another (compliance verdicts of a month, visit-level exports).
 */
export async function resolveFilter(
  db: Kysely<Database>, q: ScopeQuery,
): Promise<{ scope: Scope; period: Period; offices: OfficeRow[] }> {
  const problem = periodProblem(q.from, q.to);
  if (problem) throw HttpError.of('bad_request', problem);
  let offices = await registryOffices(db);
  if (q.region !== undefined) {
    offices = offices.filter((o) => o.region_code === q.region);
    if (offices.length === 0) throw HttpError.of('bad_request', `region: unknown region "${q.region}"`);
  }
  if (q.office !== undefined) {
    offices = offices.filter((o) => o.code === q.office);
    if (offices.length === 0) throw HttpError.of('bad_request', `office: unknown office "${q.office}"${q.region ? ` in region ${q.region}` : ''}`);
  }
  return { scope: { from: q.from, to: q.to, offices: offices.map((o) => o.code) }, period: { from: q.from, to: q.to }, offices };
}

/** The §8 period, comparison period and like-for-like offices of a filter (also for one office's page). */
export function scopeFor(coverage: Coverage, requested: Period, offices: OfficeRow[], kind: ComparisonKind): ResolvedScope {
  const r = resolvePeriod(requested, coverage.completeTo);
  const previous = kind === 'year_ago' ? r.yearAgo : r.previous;
  const codes = offices.map((o) => o.code);
  return {
    scope: { from: r.period.from, to: r.period.to, offices: codes },
    period: r.period, requested, unfinished: r.unfinished, previous, yearAgo: r.yearAgo,
    comparison: compareLikeForLike(coverage, codes, r.period, previous, kind),
    coverage, offices,
  };
}
