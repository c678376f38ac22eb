import type { Kysely } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import { coverPeriod } from '../cover/rollup-cover.ts';
import { oneOffMemo, unitKey, type MinuteUnitRow, type UnitMemo } from '../cover/unit-memo.ts';
import type { Database, DurationMetric } from '../schema.ts';
import { ALL_STATISTICS, minutesToOpen, summarize, type DurationSummary, type MinuteHistogram, type Statistic } from './order-statistics.ts';

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
 * Exact duration statistics from duration_minutes' units (sql/cover/unit-memo.ts) in two steps: the minute counts of the period's
 * rollup units (sql/cover/rollup-cover.ts), then the per-second counts of only the minutes that hold an
 * order statistic or the threshold. A year over 20 offices reads a few thousand small rows.
 */
export async function readDurationStats(db: Kysely<Database>, q: DurationStatsQuery, memo: UnitMemo = oneOffMemo(db)): Promise<DurationStatsRow[]> {
  if (!q.offices.length || !q.metrics.length) return [];
  const cover = coverPeriod(q.period);
  if (!cover.length) return [];
  const offices = new Set(q.offices);
  const metrics = new Set<string>(q.metrics);
  const unitRows = await memo.units('minutes', cover);
  // The signed minute counts of the period per office, metric and minute (zero sums left out).
  const summed = new Map<string, Omit<MinuteUnitRow, 'seconds'>>();
  for (const u of cover) {
    for (const row of unitRows.get(unitKey(u)) ?? []) {
      if (!offices.has(row.office) || !metrics.has(row.metric)) continue;
      const k = `${row.office}|${row.metric}|${row.minute}`;
      const e = summed.get(k);
      if (e) e.n += u.sign * row.n;
      else summed.set(k, { office: row.office, metric: row.metric, minute: row.minute, n: u.sign * row.n });
    }
  }
  const minuteRows = { rows: [...summed.values()].filter((r) => r.n !== 0) };

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
  // The per-second counts of those minutes from the same unit rows, summed with each unit's sign.
  const seconds = new Map<Key, Map<number, number[]>>();
  const addSeconds = (office: string | null, metric: string, minute: number, pairs: readonly number[], sign: number) => {
    const k = key(office, metric);
    const m = seconds.get(k) ?? new Map<number, number[]>();
    seconds.set(k, m);
    const sum = m.get(minute) ?? Array.from({ length: 60 }, () => 0);
    m.set(minute, sum);
    for (let i = 0; i + 1 < pairs.length; i += 2) sum[pairs[i] ?? 0] = (sum[pairs[i] ?? 0] ?? 0) + sign * (pairs[i + 1] ?? 0);
  };
  for (const u of cover) {
    for (const row of unitRows.get(unitKey(u)) ?? []) {
      if (!targets.get(key(row.office, row.metric))?.minutes.has(row.minute)) continue;
      if (q.by !== 'all') addSeconds(row.office, row.metric, row.minute, row.seconds, u.sign);
      if (q.by !== 'office') addSeconds(null, row.metric, row.minute, row.seconds, u.sign);
    }
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
