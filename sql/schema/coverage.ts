import type { ColumnType } from 'kysely';

/** Tables of migration 0009: the days each loaded file covers, per office. */
export interface CoverageTables {
  file_coverage: FileCoverageTable;
}

type CalendarDate = ColumnType<string, string, string>;
type BigRef = ColumnType<string, string | number | bigint, string | number | bigint>;

/** A file covers every Almaty day from first_day to last_day (both included) for that office. */
export interface FileCoverageTable {
  file_id: BigRef;
  office_code: string;
  first_day: CalendarDate;
  last_day: CalendarDate;
}
