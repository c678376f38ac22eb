import { sql, type Kysely } from 'kysely';
import { nextMonth } from '../compliance/period.ts';
import type { Category } from '../domain/categories.ts';
import type { Database } from '../schema.ts';
import { coverRows, labelledCover, unitRowsOf } from './labelled-cover.ts';

export interface MonthCell {
  office: string;
  category: Category;
  /** First day of the calendar month. */
  month: string;
  visits: number;
}

/**
 * Visits per office × category × calendar month, for the months starting at `months`: the base
 * cells of the press role's disclosure control (server/disclosure/press-cells.ts). Empty cells are
 * left out. Each whole month is one rollup row of visit_category_totals.
 */
export async function getMonthCells(db: Kysely<Database>, offices: readonly string[], months: readonly string[]): Promise<MonthCell[]> {
  if (offices.length === 0 || months.length === 0) return [];
  const cover = coverRows(labelledCover(months.map((m) => ({ part: 'bucket', bucket: m, period: { from: m, to: nextMonth(m) } }))));
  const r = await sql<MonthCell>`
    select t.office_code as office, t.category, to_char(u.bucket, 'YYYY-MM-DD') as month, sum(u.sign * t.visits)::int as visits
    from ${cover} ${unitRowsOf('visit_category_totals', offices)}
    group by 1, 2, 3
    having sum(u.sign * t.visits) > 0
    order by 1, 2, 3`.execute(db);
  return r.rows;
}
