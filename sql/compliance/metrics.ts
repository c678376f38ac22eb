import type { Kysely } from 'kysely';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import type { Database } from '../schema.ts';
import { getDurationStats, type DurationStats } from './durations.ts';
import { almatyToday, daysBetween, type Period } from '../../domain/calendar.ts';
// The statement's lower bound (15 min) is the order's; the upper one is the threshold in force.
import { STANDARDS } from '../../domain/standards.ts';
import { getThresholds, type Thresholds } from './thresholds.ts';
import { getReportingGaps, getVisitCounts } from './visit-counts.ts';

export interface DurationSummary {
  n: number;
  p50: number;
  p90: number;
  max: number;
}

/** The numbers behind the rules, per office, as the dashboard shows them (minutes, shares 0–1). */
export interface OfficeMetrics {
  office: string;
  visits: number;
  /** Days counted: the period up to yesterday when it has not ended. */
  days: number;
  visits_per_day: number;
  /**
   * Silent days from the later of the period's start and the office's reporting start (contract §4);
   * null when the office had not started reporting by the period's end (or never has).
   */
  days_without_log: number | null;
  longest_gap_days: number | null;
  admission_delay: (DurationSummary & { not_admitted: number; share_over: number; threshold: number }) | null;
  application_time: (DurationSummary & { standard_min: number; standard_max: number }) | null;
  phone_surrendered: { known: number; yes: number; share: number | null };
  checkpoint_questioned: { known: number; yes: number; share: number | null };
}

export interface ComplianceMetrics {
  period: Period;
  thresholds: Thresholds;
  offices: OfficeMetrics[];
}

function summary(d: DurationStats): DurationSummary {
  return { n: d.n, p50: d.pct.p50 / 60, p90: d.pct.p90 / 60, max: d.max / 60 };
}

async function officeCodes(db: Kysely<Database>, offices?: readonly string[]): Promise<string[]> {
  let q = db.selectFrom('offices').select('code').orderBy('code');
  if (offices) q = q.where('code', 'in', offices.length ? [...offices] : ['']);
  return (await q.execute()).map((r) => r.code);
}

/** Admission delay, application time, phone and questioning shares, visits per day, silent days. */
export async function getComplianceMetrics(
  db: Kysely<Database>, period: Period & { today?: string }, offices?: readonly string[], units?: UnitMemo,
): Promise<ComplianceMetrics> {
  // One memo for the reads below: the day units and the minute histograms are read once between them,
  // the thresholds and reporting starts once per data version.
  const memo = units ?? oneOffMemo(db);
  const thresholds = await getThresholds(db, memo);
  const codes = await officeCodes(db, offices);
  const today = period.today ?? almatyToday();
  const end = today < period.to ? today : period.to;
  const p = { from: period.from, to: period.to };
  const [counts, delays, apps, gaps] = await Promise.all([
    getVisitCounts(db, p, codes, memo),
    getDurationStats(db, p, 'admission_delay', thresholds.pass_delay_minutes * 60, codes, memo),
    getDurationStats(db, p, 'application_time', thresholds.application_time_minutes * 60, codes, memo),
    getReportingGaps(db, period.from, end, codes, memo),
  ]);
  const days = Math.max(0, daysBetween(period.from, end));
  return {
    period: p,
    thresholds,
    offices: codes.map((office) => {
      const c = counts.find((x) => x.office === office);
      const d = delays.find((x) => x.office === office);
      const a = apps.find((x) => x.office === office);
      const g = gaps.find((x) => x.office === office);
      const visits = c?.visits ?? 0;
      return {
        office, visits, days,
        visits_per_day: days ? visits / days : 0,
        days_without_log: g ? g.days - g.activeDays : null,
        longest_gap_days: g ? g.longestGap : null,
        admission_delay: d
          ? { ...summary(d), not_admitted: visits - (c?.admitted ?? 0), share_over: d.over / d.n, threshold: thresholds.pass_delay_minutes }
          : null,
        application_time: a
          ? { ...summary(a), standard_min: STANDARDS.statementMinMinutes, standard_max: thresholds.application_time_minutes }
          : null,
        phone_surrendered: { known: c?.phoneKnown ?? 0, yes: c?.phoneYes ?? 0, share: c?.phoneKnown ? c.phoneYes / c.phoneKnown : null },
        checkpoint_questioned: {
          known: c?.questionedKnown ?? 0, yes: c?.questionedYes ?? 0, share: c?.questionedKnown ? c.questionedYes / c.questionedKnown : null,
        },
      };
    }),
  };
}

/** Box-plot statistics of the admission delay per office, in minutes (offices without data are left out). */
export interface DelayDistribution {
  office: string;
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  p95: number;
  max: number;
}

export async function getDelayDistribution(
  db: Kysely<Database>, period: Period, offices?: readonly string[],
): Promise<DelayDistribution[]> {
  const stats = await getDurationStats(db, period, 'admission_delay', 0, offices);
  return stats.map((s) => ({
    office: s.office, n: s.n, min: s.min / 60, q1: s.pct.q1 / 60, median: s.pct.p50 / 60, q3: s.pct.q3 / 60, p95: s.pct.p95 / 60, max: s.max / 60,
  }));
}
