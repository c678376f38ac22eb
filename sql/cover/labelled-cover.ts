import { sql, type RawBuilder } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import { coverPeriod, type CoverUnit, type RollupUnit } from './rollup-cover.ts';

/** A period to sum, named by `part` (e.g. 'current', 'previous', 'bucket') and, for trend buckets, its bucket day. */
export interface CoverPart {
  part: string;
  period: Period;
  bucket?: string;
  /** Units to sum instead of the period's cover (an ISO week bucket read as one 'week' row). */
  units?: readonly (Omit<CoverUnit, 'unit'> & { unit: CountUnit })[];
}

/** A count rollup unit: the cover's units, and ISO weeks, which only visit_category_totals keeps. */
export type CountUnit = RollupUnit | 'week';

/** Parallel arrays for `unnest(parts::text[], buckets::date[], units::text[], starts::date[], signs::int[])`. */
export interface LabelledCover {
  parts: string[];
  buckets: Array<string | null>;
  units: CountUnit[];
  starts: string[];
  signs: number[];
}

/**
 * The covers of several periods as one list of labelled units, so one statement can sum this
 * period, the previous one and each trend bucket from the same join with the rollup tables.
 */
export function labelledCover(parts: readonly CoverPart[]): LabelledCover {
  const out: LabelledCover = { parts: [], buckets: [], units: [], starts: [], signs: [] };
  for (const { part, period, bucket, units } of parts) {
    for (const u of units ?? coverPeriod(period)) {
      out.parts.push(part);
      out.buckets.push(bucket ?? null);
      out.units.push(u.unit);
      out.starts.push(u.start);
      out.signs.push(u.sign);
    }
  }
  return out;
}

/** The cover as a row source `u (part, bucket, unit, start, sign)` to join a rollup table on (unit, start). */
export function coverRows(c: LabelledCover): RawBuilder<unknown> {
  return sql`unnest(${c.parts}::text[], ${c.buckets}::date[], ${c.units}::text[], ${c.starts}::date[], ${c.signs}::int[])
    as u (part, bucket, unit, start, sign)`;
}

/**
 * `cross join lateral` the rows of one count rollup table for each unit of `u` and the offices: one
 * primary-key probe (office_code = any(offices), unit, start) per cover unit. OFFSET 0 keeps the
 * planner from flattening it into a hash join, which it prefers once a cover has a few dozen units
 * and which then reads the whole table (~4× slower on a year of 1M visits).
 */
export function unitRowsOf(table: 'visit_category_totals' | 'visit_hour_totals', offices: readonly string[]): RawBuilder<unknown> {
  return sql`cross join lateral (
    select * from ${sql.table(table)} r
    where r.office_code = any(${offices}::text[]) and r.unit = u.unit and r.start = u.start
    offset 0) t`;
}
