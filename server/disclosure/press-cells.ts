import type { Kysely } from 'kysely';
import { nextMonth } from '../../domain/calendar.ts';
import type { Category } from '../../domain/categories.ts';
import { ROUNDING_BASE } from '../../domain/disclosure.ts';
import { getMonthCells, type MonthCell } from '../../sql/queries/month-cells.ts';
import type { Database } from '../../sql/schema.ts';
import type { Period } from '../api/contract.ts';

/**
 * The base cells of press disclosure control: true visits per office × category × calendar month.
 * Every figure press gets — a cell, a total, a previous-period figure, in any view — is
 * `publishedSum` of some of these cells, never an independently rounded true total. So all press
 * can learn about a base cell is its rounding band (1–2 or 3–4 for a hidden one, X − 2…X + 2 for a
 * shown one), and no combination of views, offices or periods narrows a hidden count to one value.
 * (Rounding totals independently was tried first: the attack test pinned thousands of cells, e.g. a
 * hidden total of 4 over four hidden categories makes each exactly 1.)
 */
export interface CellFilter {
  offices?: ReadonlySet<string>;
  categories?: ReadonlySet<Category>;
  months?: ReadonlySet<string>;
}

/**
 * The published value of a sum of true base counts: each cell rounded to the nearest 5 (a hidden
 * 1–2 counts 0, 3–4 counts 5), summed; 0 when all are 0; hidden (null) when any cell is hidden and
 * the sum is at most 5 — so a true total of 1–4 always reads «<5». It depends only on each cell's
 * band and on which cells are 0, never on the exact counts.
 */
export function publishedSum(counts: Iterable<number>): number | null {
  let sum = 0;
  let hidden = false;
  for (const x of counts) {
    if (x === 0) continue;
    if (x < ROUNDING_BASE) hidden = true;
    sum += Math.round(x / ROUNDING_BASE) * ROUNDING_BASE;
  }
  return hidden && sum <= ROUNDING_BASE ? null : sum;
}

export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  for (let m = p.from; m < p.to; m = nextMonth(m)) out.push(m);
  return out;
}

export interface PressCells {
  /** Published value of the base cells matching the filter. */
  sum(f: CellFilter): number | null;
  /** True count of the same cells (for deciding which rows exist; never sent to press). */
  has(f: CellFilter): boolean;
}

export async function loadPressCells(db: Kysely<Database>, offices: readonly string[], periods: readonly Period[]): Promise<PressCells> {
  const cells = await getMonthCells(db, offices, periods);
  const pick = (f: CellFilter) => cells.filter((c: MonthCell) =>
    (!f.offices || f.offices.has(c.office)) && (!f.categories || f.categories.has(c.category)) && (!f.months || f.months.has(c.month)));
  return {
    sum: (f) => publishedSum(pick(f).map((c) => c.visits)),
    has: (f) => pick(f).length > 0,
  };
}
