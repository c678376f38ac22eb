import type { ColumnType } from 'kysely';
import type { RollupUnit } from '../rollup-cover.ts';

/** Tables of migration 0006: visit counts per office and Almaty day, month and year. */
export interface CountRollupTables {
  visit_category_totals: VisitCategoryTotalsTable;
  visit_hour_totals: VisitHourTotalsTable;
}

type CalendarDate = ColumnType<string, string, string>;

/** One unit's row is the sum of its days; `start` is the day, the first of the month or January 1. */
interface UnitKey {
  office_code: string;
  unit: RollupUnit;
  start: CalendarDate;
}

export interface VisitCategoryTotalsTable extends UnitKey {
  category: string;
  visits: number;
  admitted: number;
  statements: number;
}

export interface VisitHourTotalsTable extends UnitKey {
  /** ISO weekday of the Almaty day, 1 = Monday (for a month or year: the days of that weekday). */
  isodow: number;
  hour: number;
  visits: number;
}
