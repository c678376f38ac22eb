import { sql, type RawBuilder } from 'kysely';

/** duration_minutes' per-second columns: s00 holds the minute's first second, s59 its last. */
export const SECOND_COLUMNS = Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, '0')}`);

/** `s00, s01, …` or each column wrapped by `wrap`; the names are constants, never input. */
export function secondColumns(wrap: (column: RawBuilder<unknown>, second: number) => RawBuilder<unknown> = (c) => c): RawBuilder<unknown> {
  return sql.join(SECOND_COLUMNS.map((c, i) => wrap(sql.ref(c), i)));
}
