import type { ColumnType } from 'kysely';
import type { Category } from '../../domain/categories.ts';

/** Tables of migration 0011 (topic categories corrected by hand, append-only). */
export interface CategoryCorrectionTables {
  category_corrections: CategoryCorrectionTable;
}

export interface CategoryCorrectionTable {
  id: ColumnType<string, never, never>;
  visit_id: ColumnType<string, string | number | bigint, never>;
  /** The visit's office (migration 0012): the correction sits beside its visit when tables are distributed by office. */
  office_code: ColumnType<string, string, never>;
  from_category: Category;
  to_category: Category;
  actor: string;
  reason: string;
  corrected_at: ColumnType<Date, Date | string | undefined, never>;
}
