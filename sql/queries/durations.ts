import type { Kysely } from 'kysely';
import { OVER_STANDARD_SECONDS } from '../../domain/standards.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import type { Database, DurationMetric } from '../schema.ts';
import { readDurationStats } from '../durations/duration-stats.ts';
import type { Statistic } from '../durations/order-statistics.ts';
import type { Scope } from './scope.ts';

/** Exact percentile_cont results in seconds (interpolated here from the histogram's two neighbours). */
export interface DurationSummaryRow {
  office: string | null;
  metric: DurationMetric;
  n: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  p90: number | null;
  max: number | null;
  over: number;
}

/**
 * Duration percentiles per office, over the whole scope (office null), or both: exact
 * percentile_cont over whole seconds, from the two-level histograms (sql/durations/duration-stats.ts).
 */
export async function getDurationSummaries(
  db: Kysely<Database>, scope: Scope, metrics: readonly DurationMetric[], by: 'office' | 'all' | 'both',
  options: { overSeconds?: number; statistics?: readonly Statistic[] } = {}, memo: UnitMemo = oneOffMemo(db),
): Promise<DurationSummaryRow[]> {
  const { overSeconds, statistics } = options;
  const rows = await readDurationStats(db, {
    period: scope, metrics, offices: scope.offices, by, statistics,
    // `over` counts durations past the standard (or past overSeconds when given).
    overSeconds: (metric) => overSeconds ?? OVER_STANDARD_SECONDS[metric],
  }, memo);
  // Statistics not asked for are null.
  const v = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return rows.map((r) => ({
    office: r.office, metric: r.metric, n: r.n, min: v(r.min), max: v(r.max), over: r.over,
    q1: v(r.pct.q1), median: v(r.pct.p50), q3: v(r.pct.q3), p90: v(r.pct.p90),
  }));
}
