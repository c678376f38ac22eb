import type { Kysely } from 'kysely';
import { addDays, daysBetween } from '../../sql/compliance/period.ts';
import type { Database, OfficeRow } from '../../sql/schema.ts';
import type { Scope } from '../../sql/queries/scope.ts';
import { periodProblem, type Period } from '../api/contract.ts';
import { registryOffices } from '../cache/registry-cache.ts';
import { HttpError } from '../http/http-error.ts';

export interface ResolvedScope {
  scope: Scope;
  period: Period;
  /** The previous period of the same length, ending where this one starts. */
  previous: Period;
  /** The registry rows of the filter's offices. */
  offices: OfficeRow[];
}

/** Checks the period and the office/region filter against the registry (400 naming the parameter). */
export async function resolveScope(
  db: Kysely<Database>, q: { from: string; to: string; office?: string | undefined; region?: string | undefined },
): Promise<ResolvedScope> {
  const problem = periodProblem(q.from, q.to);
  if (problem) throw HttpError.of('bad_request', problem);
  const days = daysBetween(q.from, q.to);
  const all = await registryOffices(db);
  let offices = all;
  if (q.region !== undefined) {
    offices = offices.filter((o) => o.region_code === q.region);
    if (offices.length === 0) throw HttpError.of('bad_request', `region: unknown region "${q.region}"`);
  }
  if (q.office !== undefined) {
    offices = offices.filter((o) => o.code === q.office);
    if (offices.length === 0) throw HttpError.of('bad_request', `office: unknown office "${q.office}"${q.region ? ` in region ${q.region}` : ''}`);
  }
  const previous = { from: addDays(q.from, -days), to: q.from };
  return { scope: { from: q.from, to: q.to, offices: offices.map((o) => o.code) }, period: { from: q.from, to: q.to }, previous, offices };
}
