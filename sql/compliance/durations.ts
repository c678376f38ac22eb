import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DurationMetric } from '../schema.ts';
import { splitPeriod, type Period } from './period.ts';

/** The percentiles every duration summary carries. */
export const PERCENTILES = { q1: 0.25, p50: 0.5, q3: 0.75, p90: 0.9, p95: 0.95 } as const;
export type PercentileName = keyof typeof PERCENTILES;

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

export function officeFilter(offices: readonly string[] | undefined): RawBuilder<unknown> {
  return offices ? sql`and office_code = any(${[...offices]}::text[])` : sql``;
}

/** For percentile p over `total` values: the value at a 0-based order statistic, and the lerp. */
function orderStat(p: number, side: 'floor' | 'ceil'): RawBuilder<unknown> {
  return sql`min(seconds) filter (where upto > ${sql.raw(side)}(${sql.lit(p)}::float8 * (total - 1)))`;
}

/**
 * Duration statistics per office from the per-second histograms: duration_monthly for the whole
 * months of the period, duration_daily for its edge days. Percentiles reproduce PostgreSQL's
 * percentile_cont exactly: with N values sorted, h = p·(N−1), result = v[⌊h⌋] + (h − ⌊h⌋)·(v[⌈h⌉] − v[⌊h⌋]),
 * computed in float8 in the same order of operations as PostgreSQL's float8_lerp.
 */
export async function getDurationStats(
  db: Kysely<Database>, period: Period, metric: DurationMetric, overSeconds: number, offices?: readonly string[],
): Promise<DurationStats[]> {
  const { months, days } = splitPeriod(period);
  const names = Object.keys(PERCENTILES) as PercentileName[];
  const bounds = names.map((name) => sql`${orderStat(PERCENTILES[name], 'floor')} as ${sql.ref(`${name}_lo`)},
    ${orderStat(PERCENTILES[name], 'ceil')} as ${sql.ref(`${name}_hi`)}`);
  const lerps = names.map((name) => {
    const p = sql.lit(PERCENTILES[name]);
    const lo = sql.ref(`${name}_lo`);
    const hi = sql.ref(`${name}_hi`);
    return sql`${lo}::float8 + ((${p}::float8 * (total - 1) - floor(${p}::float8 * (total - 1))) * (${hi}::float8 - ${lo}::float8))
      as ${sql.ref(name)}`;
  });
  // office_code leads the primary keys of both histograms: naming the offices (all of them when
  // unfiltered) lets both reads use the index instead of scanning every day of every office.
  const codes = offices ? sql`${[...offices]}::text[]` : sql`array(select code from offices)`;
  const parts = [
    ...(months.length ? [sql`select office_code, seconds, n from duration_monthly
      where office_code = any(${codes}) and metric = ${metric} and month = any(${months}::date[])`] : []),
    ...(days.length ? [sql`select office_code, seconds, n from duration_daily
      where office_code = any(${codes}) and metric = ${metric} and day = any(${days}::date[])`] : []),
  ];
  if (!parts.length) return [];
  const r = await sql<{ office: string; n: number; min: number; max: number; over: number } & Record<PercentileName, number>>`
    with hist as (
      select office_code, seconds, sum(n)::float8 as n from (${sql.join(parts, sql` union all `)}) h
      group by office_code, seconds
    ), cum as (
      select office_code, seconds, n,
        sum(n) over (partition by office_code order by seconds) as upto,
        sum(n) over (partition by office_code) as total
      from hist
    ), agg as (
      select office_code, max(total) as total, min(seconds) as min_s, max(seconds) as max_s,
        coalesce(sum(n) filter (where seconds > ${overSeconds}::float8), 0) as over_n,
        ${sql.join(bounds)}
      from cum group by office_code
    )
    select office_code as office, total as n, min_s as min, max_s as max, over_n as over, ${sql.join(lerps)}
    from agg where total > 0 order by office_code`.execute(db);
  return r.rows.map((row) => ({
    office: row.office, n: row.n, min: row.min, max: row.max, over: row.over,
    pct: Object.fromEntries(names.map((k) => [k, row[k]])) as Record<PercentileName, number>,
  }));
}
