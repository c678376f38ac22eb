import { sql, type Kysely } from 'kysely';
import type { Database, DurationMetric } from '../schema.ts';
import { histogramSource } from './histogram-source.ts';
import type { Scope } from './scope.ts';

/** Seconds over which a duration misses the standard: 5 min at the door, 20 min for the rest. */
export const STANDARD_SECONDS: Readonly<Record<DurationMetric, number>> = {
  admission_delay: 300, wait_time: 1200, service_time: 1200, application_time: 1200,
};

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

type RawSummary = {
  office: string | null;
  metric: DurationMetric;
  n: number;
  min: number;
  max: number;
  over: number;
} & { [K in `${'q1' | 'median' | 'q3' | 'p90'}_${'lo' | 'hi'}`]: number };

const QUANTILES = { q1: 0.25, median: 0.5, q3: 0.75, p90: 0.9 } as const;

/**
 * Duration percentiles per office, over the whole scope (office null), or both, from the
 * per-second histograms. percentile_cont(p) over N sorted values interpolates between the values at
 * 0-based positions floor(p(N-1)) and ceil(p(N-1)); the value at position k is the first second
 * whose running count exceeds k. So the answer equals percentile_cont over the raw visits exactly.
 */
export async function getDurationSummaries(
  db: Kysely<Database>, scope: Scope, metrics: readonly DurationMetric[], by: 'office' | 'all' | 'both', overSeconds?: number,
): Promise<DurationSummaryRow[]> {
  // 'both' reads the histograms once: per office, and over the whole scope (office null).
  const groups = by === 'office' ? sql`office_code, metric, seconds`
    : by === 'all' ? sql`grouping sets ((metric, seconds))`
    : sql`grouping sets ((office_code, metric, seconds), (metric, seconds))`;
  const office = by === 'all' ? sql`null::text` : sql`case when grouping(office_code) = 0 then office_code end`;
  // `over` counts durations past the standard (or past overSeconds when given).
  const over = overSeconds !== undefined ? sql`${overSeconds}::int`
    : sql`case metric when 'admission_delay' then ${STANDARD_SECONDS.admission_delay}::int else ${STANDARD_SECONDS.wait_time}::int end`;
  const r = await sql<RawSummary>`
    with h as (
      select ${office} as office, metric, seconds, sum(n)::bigint as n
      from (${histogramSource(scope, metrics)}) src
      group by ${groups}
    ), c as (
      select office, metric, seconds, n,
        sum(n) over (partition by office, metric order by seconds) as cum,
        sum(n) over (partition by office, metric) as total
      from h
    )
    select office, metric, total::bigint as n, min(seconds) as min, max(seconds) as max,
      min(seconds) filter (where cum > floor(0.25 * (total - 1))) as q1_lo,
      min(seconds) filter (where cum > ceil(0.25 * (total - 1))) as q1_hi,
      min(seconds) filter (where cum > floor(0.5 * (total - 1))) as median_lo,
      min(seconds) filter (where cum > ceil(0.5 * (total - 1))) as median_hi,
      min(seconds) filter (where cum > floor(0.75 * (total - 1))) as q3_lo,
      min(seconds) filter (where cum > ceil(0.75 * (total - 1))) as q3_hi,
      min(seconds) filter (where cum > floor(0.9 * (total - 1))) as p90_lo,
      min(seconds) filter (where cum > ceil(0.9 * (total - 1))) as p90_hi,
      coalesce(sum(n) filter (where seconds > ${over}), 0)::bigint as over
    from c
    group by office, metric, total
    order by office nulls first, metric`.execute(db);
  return r.rows.map((row) => {
    const out: DurationSummaryRow = {
      office: row.office, metric: row.metric, n: row.n, min: row.min, max: row.max, over: row.over,
      q1: null, median: null, q3: null, p90: null,
    };
    for (const [name, p] of Object.entries(QUANTILES) as [keyof typeof QUANTILES, number][]) {
      const pos = p * (row.n - 1);
      const lo = row[`${name}_lo`];
      const hi = row[`${name}_hi`];
      out[name] = lo + (hi - lo) * (pos - Math.floor(pos));
    }
    return out;
  });
}
