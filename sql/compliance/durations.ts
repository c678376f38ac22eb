import type { Kysely } from 'kysely';
import type { UnitMemo } from '../cover/unit-memo.ts';
import { readDurationStats } from '../durations/duration-stats.ts';
import type { PercentileName } from '../durations/order-statistics.ts';
import type { Database, DurationMetric } from '../schema.ts';
import type { Period } from '../../domain/calendar.ts';

export { PERCENTILES, type PercentileName } from '../durations/order-statistics.ts';

/** One office's durations in whole seconds over a period (percentile_cont semantics). */
export interface DurationStats {
  office: string;
  n: number;
  min: number;
  max: number;
  /** Durations strictly over `overSeconds`. */
  over: number;
  pct: Record<PercentileName, number>;
}

/**
 * Duration statistics per office (all offices when none are named), exact to the second, from the
 * two-level histograms in duration_minutes (sql/durations/duration-stats.ts). `units`: the server's
 * memo of rollup units, so a period explored after others sums units already read.
 */
export async function getDurationStats(
  db: Kysely<Database>, period: Period, metric: DurationMetric, overSeconds: number, offices?: readonly string[], units?: UnitMemo,
): Promise<DurationStats[]> {
  const codes = offices ?? (await db.selectFrom('offices').select('code').execute()).map((o) => o.code);
  const rows = await readDurationStats(db, { period, metrics: [metric], offices: codes, by: 'office', overSeconds: () => overSeconds }, units);
  return rows.map(({ office, n, min, max, over, pct }) => ({ office: office ?? '', n, min, max, over, pct }));
}
