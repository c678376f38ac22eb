import type { Kysely } from 'kysely';
import { getOfficeCategoryVolumes } from '../../sql/queries/topics.ts';
import type { Database } from '../../sql/schema.ts';
import type { Period, SummaryComparison } from '../api/contract.ts';
import { pressScope } from '../disclosure/press-answers.ts';
import { change, type Suppressor } from '../respond/suppress.ts';
import type { ResolvedScope } from '../scope/resolve-scope.ts';

/**
 * The summary's comparison: the like-for-like comparison of the answer it summarises (contract §8):
 * both totals over the offices covered for the whole of both periods, the offices left out named,
 * and no change at all when nothing is comparable. For press both totals are sums of the same
 * protected month cells as every other press figure, so the change is one of published numbers.
 */
export async function summaryComparison(db: Kysely<Database>, r: ResolvedScope, s: Suppressor): Promise<SummaryComparison> {
  const { comparison } = r;
  let current: number | null;
  let previous: number | null;
  if (s.on) {
    const p = await pressScope(db, r);
    current = p.cells.sum({ offices: p.alike, months: p.months });
    previous = p.cells.sum({ offices: p.alike, months: p.previousMonths });
  } else {
    const offices = comparison.offices;
    const total = async (period: Period) => (await getOfficeCategoryVolumes(db, { ...period, offices })).reduce((a, row) => a + row.visits, 0);
    [current, previous] = await Promise.all([total(r.period), total(r.previous)]);
  }
  return {
    kind: 'previous', from: comparison.from, to: comparison.to, comparable: comparison.comparable,
    reason: comparison.reason,
    officesLeftOut: comparison.offices_left_out.map((o) => o.office),
    current, previous,
    change: comparison.comparable ? change(current, previous) : null,
  };
}
