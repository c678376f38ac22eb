import type { ColumnType } from 'kysely';

/** Tables of migration 0003. */
export interface RollupTables {
  visit_hourly: VisitHourlyTable;
  duration_daily: DurationDailyTable;
  duration_monthly: DurationMonthlyTable;
}

export const DURATION_METRICS = ['admission_delay', 'wait_time', 'service_time', 'application_time'] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

type CalendarDate = ColumnType<string, string, string>;

/** The visit counts every rollup level keeps (see the columns of migration 0003). */
export interface VisitCounts {
  visits: number;
  admitted: number;
  statements: number;
  phone_known: number;
  phone_yes: number;
  questioned_known: number;
  questioned_yes: number;
}

export interface VisitHourlyTable extends VisitCounts {
  office_code: string;
  day: CalendarDate;
  hour: number;
  category: string;
}

export interface DurationDailyTable {
  office_code: string;
  day: CalendarDate;
  metric: DurationMetric;
  seconds: number;
  n: number;
}

export interface DurationMonthlyTable {
  office_code: string;
  month: CalendarDate;
  metric: DurationMetric;
  seconds: number;
  n: number;
}
