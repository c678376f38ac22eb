import type { Kysely } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import { coverPeriod } from '../cover/rollup-cover.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import { unitKey, type MinuteUnitRow } from '../cover/unit-rows.ts';
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

/**
 * Exact duration statistics in two steps over the period's rollup units of duration_minutes
 * (sql/cover/rollup-cover.ts; their rows from sql/cover/unit-memo.ts): the minute counts locate each
 * order statistic and the threshold, then only those minutes' per-second counts are summed.
 */
export async function readDurationStats(db: Kysely<Database>, q: DurationStatsQuery, memo: UnitMemo = oneOffMemo(db)): Promise<DurationStatsRow[]> {
  if (!q.offices.length || !q.metrics.length) return [];
  const cover = coverPeriod(q.period);
  if (!cover.length) return [];
  const offices = [...new Set(q.offices)];
  const metrics = [...new Set(q.metrics)];
  const unitRows = await memo.units('minutes', cover);
  const unitGroups = cover.map((u) => ({ sign: u.sign, groups: byOfficeAndMetric(unitRows.get(unitKey(u)) ?? []) }));

  // Histograms per office and metric and, summed over offices, per metric (office null), each with
  // the minutes to open and, once opened, their per-second counts. Counts go into an array indexed
  // by minute (durations are minutes, so it stays short) with the minutes touched listed beside it:
  // this runs over every row of every unit of the period, on every request.
  interface Hist { office: string | null; metric: DurationMetric; acc: number[]; touched: number[]; h: MinuteHistogram; open: Set<number>; seconds: Map<number, number[]> }
  const addCount = (e: Hist, minute: number, n: number) => {
    const current = e.acc[minute];
    if (current === undefined) {
      e.touched.push(minute);
      e.acc[minute] = n;
    } else e.acc[minute] = current + n;
  };
  const byOffice = new Map<string | null, Map<string, Hist>>();
  const histOf = (office: string | null, metric: DurationMetric): Hist => {
    let perMetric = byOffice.get(office);
    if (!perMetric) byOffice.set(office, perMetric = new Map());
    let e = perMetric.get(metric);
    if (!e) perMetric.set(metric, e = { office, metric, acc: [], touched: [], h: { minutes: [], counts: [], total: 0 }, open: new Set(), seconds: new Map() });
    return e;
  };
  for (const { sign, groups } of unitGroups) {
    for (const office of offices) {
      const perMetric = groups.get(office);
      if (!perMetric) continue;
      for (const metric of metrics) {
        const rows = perMetric.get(metric);
        if (!rows) continue;
        const e = histOf(office, metric);
        for (const row of rows) addCount(e, row.minute, sign * row.n);
      }
    }
  }
  const officeHists = [...byOffice.values()].flatMap((m) => [...m.values()]);
  // The offices holding each minute of a metric (after the signed sum): whom the all-office summary opens.
  const officesOf = new Map<string, Map<number, string[]>>();
  for (const e of officeHists) {
    const perMinute = officesOf.get(e.metric) ?? new Map<number, string[]>();
    officesOf.set(e.metric, perMinute);
    const all = q.by !== 'office' ? histOf(null, e.metric) : null;
    for (const minute of e.touched) {
      const n = e.acc[minute] ?? 0;
      if (n === 0) continue;
      if (all) addCount(all, minute, n);
      const holding = perMinute.get(minute);
      if (holding) holding.push(e.office ?? '');
      else perMinute.set(minute, [e.office ?? '']);
    }
  }
  if (q.by === 'all') for (const e of officeHists) byOffice.delete(e.office);
  const hists = [...byOffice.values()].flatMap((m) => [...m.values()]);
  for (const e of hists) {
    const minutes = e.touched.filter((m) => e.acc[m] !== 0).sort((a, b) => a - b);
    const counts = minutes.map((m) => e.acc[m] ?? 0);
    e.h = { minutes, counts, total: counts.reduce((a, n) => a + n, 0) };
  }

  // In 'both', the all-office min, max and count over the threshold follow from the offices' own:
  // only its percentiles need minutes opened across every office.
  const wanted = q.statistics ?? ALL_STATISTICS;
  const derived = q.by === 'both';
  const wantedFor = (office: string | null) => (derived && office === null ? wanted.filter((w) => w !== 'min' && w !== 'max') : wanted);
  const overFor = (office: string | null, metric: DurationMetric) => (derived && office === null ? Infinity : q.overSeconds(metric));

  // The minutes to open: an office's own, and for the all-office summary every office holding them.
  for (const e of hists) {
    for (const minute of minutesToOpen(e.h, overFor(e.office, e.metric), wantedFor(e.office))) {
      e.open.add(minute);
      // The all-office summary's minute is read from every office holding it.
      if (e.office === null) for (const office of officesOf.get(e.metric)?.get(minute) ?? []) histOf(office, e.metric).open.add(minute);
    }
  }
  // The per-second counts of those minutes from the same unit rows, summed with each unit's sign.
  const addSeconds = (e: Hist, minute: number, pairs: readonly number[], sign: number) => {
    let sum = e.seconds.get(minute);
    if (!sum) e.seconds.set(minute, sum = new Array<number>(60).fill(0));
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const second = pairs[i] ?? 0;
      sum[second] = (sum[second] ?? 0) + sign * (pairs[i + 1] ?? 0);
    }
  };
  for (const { sign, groups } of unitGroups) {
    for (const [office, perMetric] of byOffice) {
      const unitPerMetric = office === null ? undefined : groups.get(office);
      if (!unitPerMetric) continue;
      for (const own of perMetric.values()) {
        if (own.open.size === 0) continue;
        const rows = unitPerMetric.get(own.metric);
        if (!rows) continue;
        // The all-office summary's minutes were opened in every office holding them (above).
        const all = q.by !== 'office' ? histOf(null, own.metric) : null;
        for (const minute of own.open) {
          const row = rowOfMinute(rows, minute);
          if (!row) continue;
          if (q.by !== 'all') addSeconds(own, minute, row.seconds, sign);
          if (all?.open.has(minute)) addSeconds(all, minute, row.seconds, sign);
        }
      }
    }
  }

  const out: DurationStatsRow[] = [];
  for (const e of hists) {
    if (e.h.total <= 0 || (q.by === 'all' && e.office !== null)) continue;
    out.push({ office: e.office, metric: e.metric, ...summarize(e.h, e.seconds, overFor(e.office, e.metric), wantedFor(e.office)) });
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

const grouped = new WeakMap<readonly MinuteUnitRow[], Map<string, Map<string, MinuteUnitRow[]>>>();

/** A unit's rows by office and metric, in minute order, worked out once per unit the memo holds (keyed by its row list). */
function byOfficeAndMetric(rows: readonly MinuteUnitRow[]): Map<string, Map<string, MinuteUnitRow[]>> {
  let g = grouped.get(rows);
  if (g) return g;
  g = new Map();
  for (const row of rows) {
    let perMetric = g.get(row.office);
    if (!perMetric) g.set(row.office, perMetric = new Map());
    const list = perMetric.get(row.metric);
    if (list) list.push(row);
    else perMetric.set(row.metric, [row]);
  }
  for (const perMetric of g.values()) for (const list of perMetric.values()) list.sort((a, b) => a.minute - b.minute);
  grouped.set(rows, g);
  return g;
}

/** The row of `minute` in rows sorted by minute (binary search), if there is one. */
function rowOfMinute(rows: readonly MinuteUnitRow[], minute: number): MinuteUnitRow | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = rows[mid]?.minute ?? 0;
    if (m === minute) return rows[mid];
    if (m < minute) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
