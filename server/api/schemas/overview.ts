import { z } from 'zod';
import { RULE_STATUSES } from '../../../domain/rules.ts';
import { Category, Change, Count, Day, DurationStats, OfficeCode, ServiceStandard, Suppressed } from './common.ts';
import { CoverageResponse, PeriodFields } from './coverage.ts';

export const VolumeTotals = z.object({
  visits: Count,
  previous: Count.describe('visits in the compared period, over the like-for-like offices (comparison.offices)'),
  compared: Count.describe('visits in this period over the like-for-like offices: what `previous` is set against'),
  change: Change.describe('(compared − previous) / previous; null when not comparable'),
  statements: Count.describe('visits ending with a statement accepted'),
  /** null for press (volumes only). */
  admitted: Count,
  suppressed: Suppressed,
});

export const OfficeVolume = z.object({
  office: OfficeCode,
  visits: Count,
  previous: Count,
  /** null unless the office is covered for the whole of both periods. */
  change: Change,
  statements: Count,
  suppressed: Suppressed,
  /** How much of the period the office's files cover: with `none` its counts are no data, never zero visitors (contract §8). */
  coverage: z.enum(['full', 'partial', 'none']),
});
export type OfficeVolume = z.infer<typeof OfficeVolume>;

/** Every day of the period; `visits` is null on a day no office of the filter is covered (a gap, not a zero). */
export const DailyVolume = z.object({ day: Day, visits: Count, covered: z.boolean(), suppressed: Suppressed });
export const OfficeDailyVolume = z.object({ office: OfficeCode, day: Day, visits: Count, suppressed: Suppressed });

/**
 * weekday 1 = Monday … 7 = Sunday, hour 0–23 Almaty time. `average` is visits per covered occurrence
 * of the weekday (contract §8): each office's visits divided by its own covered days of that weekday,
 * summed over the offices; `days` is the most covered occurrences of any office.
 */
export const HeatCell = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  visits: Count,
  days: z.number().int(),
  average: z.number().nullable(),
  suppressed: Suppressed,
});

/** An office of the filter not covered for the whole period: "no data", never "no visitors". */
export const NoDataOffice = z.object({
  office: OfficeCode,
  reason: z.enum(['behind', 'not_covered', 'no_data']),
  since: Day.nullable(),
  /** Days of the period no loaded file covers. */
  days: z.number().int(),
});

/** Durations per office (department, inspector, admin; null for press). */
export const OfficeDurations = z.object({
  office: OfficeCode,
  metric: DurationStats.shape.metric,
  n: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
  max: z.number().nullable(),
  overStandard: z.number().nullable(),
});

/** GET /api/overview?from&to&office&region. Tables (for ?table= downloads): perOffice, daily, heatmap, durations. */
export const OverviewResponse = z.object({
  ...PeriodFields,
  totals: VolumeTotals,
  perOffice: z.array(OfficeVolume),
  daily: z.array(DailyVolume),
  heatmap: z.array(HeatCell),
  /** Offices of the filter covered for the whole period with no visit at all. */
  silentOffices: z.array(OfficeCode),
  /** Offices of the filter not covered for the whole period. */
  noDataOffices: z.array(NoDataOffice),
  standard: ServiceStandard,
  /**
   * Whole filter (all offices in it), one row per metric: admission_delay and application_time
   * (against their own standards, `standard`), wait_time and service_time (none); null for press.
   */
  durations: z.array(DurationStats).nullable(),
  /** Per office and metric; null for press. */
  officeDurations: z.array(OfficeDurations).nullable(),
  /** What was received, as GET /api/coverage answers for the requested period: the view's stamp. */
  coverage: CoverageResponse,
  /**
   * The map: every office of the region (the office filter aside, so the filtered one is shown among
   * its neighbours) with its standing over the compliance rules of the period, as GET /api/compliance
   * judges them: `breach` when any rule is breached, else `ok` when any rule is kept, else `no_data`.
   * null for press.
   */
  officeStatus: z.array(z.object({ office: OfficeCode, status: z.enum(RULE_STATUSES) })).nullable(),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

export const TopicShare = z.object({
  category: Category,
  visits: Count,
  /** Compared period, like-for-like offices only. */
  previous: Count,
  /** This period, like-for-like offices only. */
  compared: Count,
  change: Change,
  /** visits / all visits of the filter, 0–1; null when hidden. */
  share: z.number().nullable(),
  suppressed: Suppressed,
});
export const OfficeTopic = z.object({ office: OfficeCode, category: Category, visits: Count, suppressed: Suppressed });
export const TopicTrendPoint = z.object({
  /** First day of the bucket (day, ISO week starting Monday, or month). */
  bucket: Day,
  category: Category,
  visits: Count,
  suppressed: Suppressed,
});

/** A trend bucket of the period; with no covered day in it, its lines have a gap there, not a zero (contract §8). */
export const TrendBucket = z.object({ bucket: Day, covered: z.boolean() });

/** GET /api/topics?from&to&office&region. Tables: categories, perOffice, trend. */
export const TopicsResponse = z.object({
  ...PeriodFields,
  /** day up to 62 days, week up to 366 days, month beyond. */
  granularity: z.enum(['day', 'week', 'month']),
  /** Every bucket of the (cut) period in order: a covered bucket without a trend row is zero visits, an uncovered one no data. */
  buckets: z.array(TrendBucket),
  total: Count,
  categories: z.array(TopicShare),
  perOffice: z.array(OfficeTopic),
  trend: z.array(TopicTrendPoint),
  /** Example wording per category, from the classifier's vocabulary (never visitors' own text). */
  examples: z.partialRecord(Category, z.array(z.string())),
});
export type TopicsResponse = z.infer<typeof TopicsResponse>;

export type DailyVolume = z.infer<typeof DailyVolume>;
export type HeatCell = z.infer<typeof HeatCell>;
export type TopicShare = z.infer<typeof TopicShare>;
export type OfficeTopic = z.infer<typeof OfficeTopic>;
export type TopicTrendPoint = z.infer<typeof TopicTrendPoint>;
