import { sql, type Kysely } from 'kysely';
import { nextMonth, type Period } from '../../domain/calendar.ts';
import type { Category } from '../../domain/categories.ts';
import type { Database } from '../schema.ts';
import { coverRows, labelledCover, unitRowsOf } from '../cover/labelled-cover.ts';

export interface MonthCell {
  office: string;
  category: Category;
  /** First day of the calendar month. */
  month: string;
  visits: number;
}

/**
 * Visits per office × category × calendar month of each period (which starts on a month's first
 * day): the base cells of the press role's disclosure control (server/disclosure/press-cells.ts).
 * A period cut at completeTo (contract §8) cuts its last month there too. Empty cells are left out.
 * Each whole month is one rollup row of visit_category_totals.
 */
export async function getMonthCells(db: Kysely<Database>, offices: readonly string[], periods: readonly Period[]): Promise<MonthCell[]> {
  const parts = periods.flatMap((p) => {
    const out: { part: 'bucket'; bucket: string; period: Period }[] = [];
    for (let m = p.from; m < p.to; m = nextMonth(m)) out.push({ part: 'bucket', bucket: m, period: { from: m, to: nextMonth(m) < p.to ? nextMonth(m) : p.to } });
    return out;
  });
  if (offices.length === 0 || parts.length === 0) return [];
  const cover = coverRows(labelledCover(parts));
  const r = await sql<MonthCell>`
    select t.office_code as office, t.category, to_char(u.bucket, 'YYYY-MM-DD') as month, sum(u.sign * t.visits)::int as visits
    from ${cover} ${unitRowsOf('visit_category_totals', offices)}
    group by 1, 2, 3
    having sum(u.sign * t.visits) > 0
    order by 1, 2, 3`.execute(db);
  return r.rows;
}
