import { sql, type RawBuilder } from 'kysely';
import type { DurationMetric } from '../schema.ts';
import type { Scope } from './scope.ts';

/** The first day of the month of `day` ('YYYY-MM-DD'), and of the month after it. */
function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
function nextMonth(first: string): string {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Rows (office_code, metric, seconds, n) of the per-second duration histograms covering the scope:
 * whole calendar months from duration_monthly, the partial months at either edge from
 * duration_daily, so a year reads ~12 × seconds rows per office rather than 365 ×.
 */
export function histogramSource(scope: Scope, metrics: readonly DurationMetric[]): RawBuilder<unknown> {
  const firstFull = scope.from.endsWith('-01') ? scope.from : nextMonth(monthStart(scope.from));
  const fullEnd = monthStart(scope.to);
  const where = sql`office_code = any(${scope.offices}::text[]) and metric = any(${metrics}::text[])`;
  if (firstFull >= fullEnd) {
    return sql`select office_code, metric, seconds, n from duration_daily
      where ${where} and day >= ${scope.from}::date and day < ${scope.to}::date`;
  }
  return sql`
    select office_code, metric, seconds, n from duration_daily
      where ${where} and ((day >= ${scope.from}::date and day < ${firstFull}::date)
        or (day >= ${fullEnd}::date and day < ${scope.to}::date))
    union all
    select office_code, metric, seconds, n from duration_monthly
      where ${where} and month >= ${firstFull}::date and month < ${fullEnd}::date`;
}
