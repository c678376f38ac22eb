import type { ColumnType } from 'kysely';
import type { RollupUnit } from '../cover/rollup-cover.ts';

/** Tables of migrations 0003 and 0007. */
export interface RollupTables {
  visit_hourly: VisitHourlyTable;
  duration_minutes: DurationMinutesTable;
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

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** s00 … s59: how many durations fell on each second of the minute. */
export type SecondColumn = `s${0 | 1 | 2 | 3 | 4 | 5}${Digit}`;

/** One minute of one duration histogram at one rollup unit (migration 0007). */
export type DurationMinutesTable = {
  office_code: string;
  metric: DurationMetric;
  unit: RollupUnit;
  start: CalendarDate;
  minute: number;
  n: number;
} & { [K in SecondColumn]: number };
