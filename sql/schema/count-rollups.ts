import type { ColumnType } from 'kysely';
import type { RollupUnit } from '../cover/rollup-cover.ts';

/** Tables of migration 0006: visit counts per office and Almaty day, dekad, month and year. */
export interface CountRollupTables {
  visit_category_totals: VisitCategoryTotalsTable;
  visit_hour_totals: VisitHourTotalsTable;
}

type CalendarDate = ColumnType<string, string, string>;

/** One unit's row is the sum of its days; `start` is the unit's first day (a dekad starts on the 1st, 11th or 21st). */
interface UnitKey {
  office_code: string;
  unit: RollupUnit;
  start: CalendarDate;
}

/** Category totals also keep ISO weeks (start = Monday), for the topic trend's weekly buckets. */
export interface VisitCategoryTotalsTable extends Omit<UnitKey, 'unit'> {
  unit: RollupUnit | 'week';
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
