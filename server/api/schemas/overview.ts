import { z } from 'zod';
import { Category, Change, Count, Day, DurationStats, OfficeCode, Period, ServiceStandard, Suppressed } from './common.ts';

export const VolumeTotals = z.object({
  visits: Count,
  previous: Count.describe('visits in the previous period of the same length'),
  change: Change,
  statements: Count.describe('visits ending with a statement accepted'),
  /** null for press (volumes only). */
  admitted: Count,
  suppressed: Suppressed,
});

export const OfficeVolume = z.object({
  office: OfficeCode,
  visits: Count,
  previous: Count,
  change: Change,
  statements: Count,
  suppressed: Suppressed,
});
export type OfficeVolume = z.infer<typeof OfficeVolume>;

export const DailyVolume = z.object({ day: Day, visits: Count, suppressed: Suppressed });
export const OfficeDailyVolume = z.object({ office: OfficeCode, day: Day, visits: Count, suppressed: Suppressed });

/** weekday 1 = Monday … 7 = Sunday, hour 0–23 Almaty time. */
export const HeatCell = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  visits: Count,
  suppressed: Suppressed,
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
  period: Period,
  previous: Period,
  totals: VolumeTotals,
  perOffice: z.array(OfficeVolume),
  daily: z.array(DailyVolume),
  heatmap: z.array(HeatCell),
  /** Offices of the filter with no visit at all in the period. */
  silentOffices: z.array(OfficeCode),
  standard: ServiceStandard,
  /** Whole filter (all offices in it), one row per metric (wait_time, service_time); null for press. */
  durations: z.array(DurationStats).nullable(),
  /** Per office and metric (wait_time, service_time); null for press. */
  officeDurations: z.array(OfficeDurations).nullable(),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

export const TopicShare = z.object({
  category: Category,
  visits: Count,
  previous: Count,
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

/** GET /api/topics?from&to&office&region. Tables: categories, perOffice, trend. */
export const TopicsResponse = z.object({
  period: Period,
  previous: Period,
  /** day up to 62 days, week up to 366 days, month beyond. */
  granularity: z.enum(['day', 'week', 'month']),
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
