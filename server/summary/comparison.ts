import type { Kysely } from 'kysely';
import { previousPeriod } from '../../sql/domain/disclosure.ts';
import { getOfficeCategoryVolumes } from '../../sql/queries/topics.ts';
import type { Database } from '../../sql/schema.ts';
import type { Period, SummaryComparison } from '../api/contract.ts';
import { change, type Suppressor } from '../respond/suppress.ts';
import type { ResolvedScope } from '../routes/scope.ts';
import { pressScope } from '../disclosure/press-answers.ts';

/**
 * SEAM (i11): the one place the summary's comparison comes from. Until i11's coverage and
 * like-for-like `comparison` are merged, this computes the previous period by §8 (the previous
 * calendar month/quarter/year, else the same number of days just before) and takes every office of
 * the filter as like-for-like, comparable when the previous period holds any visit. At merge it
 * should take `resolved.comparison` (i11): its period, `comparable`/`reason`, its `offices` for the
 * two totals, and `offices_left_out` for `officesLeftOut`. The totals are protected with `s` and the
 * change is computed from the protected totals, so press never sees a change of hidden numbers.
 */
export async function summaryComparison(db: Kysely<Database>, resolved: ResolvedScope, s: Suppressor): Promise<SummaryComparison> {
  const prev = previousPeriod(resolved.period);
  const offices = resolved.scope.offices;
  const total = async (p: Period) => (await getOfficeCategoryVolumes(db, { ...p, offices })).reduce((a, r) => a + r.visits, 0);
  const [now, before] = await Promise.all([total(resolved.period), total(prev)]);
  const comparable = before > 0;
  // Press: the same sums of protected month cells as every other press figure.
  const press = s.on ? await pressScope(db, resolved) : null;
  const current = press ? press.cells.sum({ months: press.months }) : now;
  const previous = press ? press.cells.sum({ months: press.previousMonths }) : before;
  return {
    kind: 'previous', ...prev, comparable,
    reason: comparable ? null : 'previous_not_covered',
    officesLeftOut: [],
    current, previous,
    change: comparable ? change(current, previous) : null,
  };
}
