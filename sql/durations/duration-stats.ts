import { sql, type Kysely } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import { coverRows, labelledCover } from '../cover/labelled-cover.ts';
import type { Database, DurationMetric } from '../schema.ts';
import { ALL_STATISTICS, minutesToOpen, summarize, type DurationSummary, type MinuteHistogram, type Statistic } from './order-statistics.ts';
import { secondColumns } from './second-columns.ts';

export interface DurationStatsQuery {
  period: Period;
  metrics: readonly DurationMetric[];
  offices: readonly string[];
  /** Per office, over all `offices` together (office null), or both. */
  by: 'office' | 'all' | 'both';
  /** `over` counts durations strictly above this many seconds (per metric). */
  overSeconds: (metric: DurationMetric) => number;
  /** The statistics to compute (all by default); the others come back NaN and cost no reads. */
  statistics?: readonly Statistic[];
}

export interface DurationStatsRow extends DurationSummary {
  office: string | null;
  metric: DurationMetric;
}

type Key = string;
const key = (office: string | null, metric: string): Key => `${office ?? ''}\u0000${metric}`;

/**
 * Exact duration statistics from duration_minutes in two reads: the minute counts of the period's
 * rollup units (sql/cover/rollup-cover.ts), then the per-second counts of only the minutes that hold an
 * order statistic or the threshold. A year over 20 offices reads a few thousand small rows.
 */
export async function readDurationStats(db: Kysely<Database>, q: DurationStatsQuery): Promise<DurationStatsRow[]> {
  if (!q.offices.length || !q.metrics.length) return [];
  const units = labelledCover([{ part: 'period', period: q.period }]);
  if (!units.units.length) return [];
  // The rows are found by primary key, one index scan per unit (per office, metric and unit in the
  // second read): the lateral subqueries with OFFSET 0 keep the planner from a hash join over the
  // whole table, which it picks when it cannot see how few units an unnest holds.
  const cover = coverRows(units);

  const minuteRows = await sql<{ office: string; metric: DurationMetric; minute: number; n: number }>`
    select d.office_code as office, d.metric, d.minute, sum(u.sign * d.n)::int as n
    from ${cover}
    cross join lateral (
      select office_code, metric, minute, n from duration_minutes
      where unit = u.unit and start = u.start
        and office_code = any(${[...q.offices]}::text[]) and metric = any(${[...q.metrics]}::text[])
      offset 0) d
    group by 1, 2, 3
    having sum(u.sign * d.n) <> 0`.execute(db);

  // Histograms per office and, summed over offices, per metric (office null).
  const hists = new Map<Key, { office: string | null; metric: DurationMetric; h: MinuteHistogram; byMinute: Map<number, number> }>();
  const add = (office: string | null, metric: DurationMetric, minute: number, n: number) => {
    const k = key(office, metric);
    let e = hists.get(k);
    if (!e) hists.set(k, e = { office, metric, h: { minutes: [], counts: [], total: 0 }, byMinute: new Map() });
    e.byMinute.set(minute, (e.byMinute.get(minute) ?? 0) + n);
    e.h.total += n;
  };
  for (const r of minuteRows.rows) {
    if (q.by !== 'all') add(r.office, r.metric, r.minute, r.n);
    if (q.by !== 'office') add(null, r.metric, r.minute, r.n);
  }
  for (const e of hists.values()) {
    const minutes = [...e.byMinute.keys()].sort((a, b) => a - b);
    e.h.minutes = minutes;
    e.h.counts = minutes.map((m) => e.byMinute.get(m) ?? 0);
  }

  // In 'both', the all-office min, max and count over the threshold follow from the offices' own:
  // only its percentiles need minutes opened across every office.
  const wanted = q.statistics ?? ALL_STATISTICS;
  const derived = q.by === 'both';
  const wantedFor = (office: string | null) => (derived && office === null ? wanted.filter((w) => w !== 'min' && w !== 'max') : wanted);
  const overFor = (office: string | null, metric: DurationMetric) => (derived && office === null ? Infinity : q.overSeconds(metric));

  // The minutes to open: an office's own, and for the all-office summary every office holding them.
  const officesOf = new Map<string, Map<number, string[]>>();
  for (const r of minuteRows.rows) {
    const perMinute = officesOf.get(r.metric) ?? new Map<number, string[]>();
    officesOf.set(r.metric, perMinute);
    const offices = perMinute.get(r.minute);
    if (offices) offices.push(r.office);
    else perMinute.set(r.minute, [r.office]);
  }
  // Per office and metric, the set of minutes to open.
  const targets = new Map<string, { office: string; metric: DurationMetric; minutes: Set<number> }>();
  for (const e of hists.values()) {
    for (const minute of minutesToOpen(e.h, overFor(e.office, e.metric), wantedFor(e.office))) {
      const offices = e.office !== null ? [e.office] : officesOf.get(e.metric)?.get(minute) ?? [];
      for (const office of offices) {
        const k = key(office, e.metric);
        const target = targets.get(k) ?? { office, metric: e.metric, minutes: new Set<number>() };
        targets.set(k, target);
        target.minutes.add(minute);
      }
    }
  }
  const t = [...targets.values()];
  // One index scan per office, metric and unit, its minutes as `minute = any(…)`: the btree visits
  // each minute in one pass instead of one executor loop per minute.
  // The sixty sums come back as one comma-separated field: a row of 63 fields costs the driver more
  // than the database spends finding it.
  const secondRows = t.length ? await sql<{ office: string; metric: DurationMetric; minute: number; seconds: string }>`
    select d.office_code as office, d.metric, d.minute, concat_ws(',', ${secondColumns((c) => sql`sum(u.sign * d.${c})`)}) as seconds
    from unnest(${t.map((x) => x.office)}::text[], ${t.map((x) => x.metric)}::text[],
        ${t.map((x) => `{${[...x.minutes].join(',')}}`)}::text[]) as t (office_code, metric, minutes)
    cross join ${cover}
    cross join lateral (
      select * from duration_minutes
      where office_code = t.office_code and metric = t.metric and unit = u.unit and start = u.start
        and minute = any(t.minutes::int[])
      offset 0) d
    group by 1, 2, 3`.execute(db) : { rows: [] };

  const seconds = new Map<Key, Map<number, number[]>>();
  const addSeconds = (office: string | null, metric: string, minute: number, counts: number[]) => {
    const k = key(office, metric);
    const m = seconds.get(k) ?? new Map<number, number[]>();
    seconds.set(k, m);
    const sum = m.get(minute);
    m.set(minute, sum ? sum.map((v, i) => v + (counts[i] ?? 0)) : counts);
  };
  for (const r of secondRows.rows) {
    const counts = r.seconds.split(',').map(Number);
    if (q.by !== 'all') addSeconds(r.office, r.metric, r.minute, counts);
    if (q.by !== 'office') addSeconds(null, r.metric, r.minute, counts);
  }

  const out: DurationStatsRow[] = [];
  for (const [k, e] of hists) {
    if (e.h.total <= 0) continue;
    out.push({ office: e.office, metric: e.metric, ...summarize(e.h, seconds.get(k) ?? new Map(), overFor(e.office, e.metric), wantedFor(e.office)) });
  }
  if (derived) {
    for (const all of out.filter((r) => r.office === null)) {
      const own = out.filter((r) => r.office !== null && r.metric === all.metric);
      all.over = own.reduce((a, r) => a + r.over, 0);
      all.min = wanted.includes('min') ? Math.min(...own.map((r) => r.min)) : Number.NaN;
      all.max = wanted.includes('max') ? Math.max(...own.map((r) => r.max)) : Number.NaN;
    }
  }
  return out.sort((a, b) => (a.office ?? '').localeCompare(b.office ?? '') || a.metric.localeCompare(b.metric));
}
