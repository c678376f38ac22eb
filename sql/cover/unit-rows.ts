import { sql, type Kysely, type RawBuilder } from 'kysely';
import { addDays, type Period } from '../../domain/calendar.ts';
import type { Category } from '../../domain/categories.ts';
import { secondColumns } from '../second-columns.ts';
import { DURATION_METRICS, type Database, type DurationMetric } from '../schema.ts';
import type { CountUnit } from './labelled-cover.ts';

/**
 * Rollup units and their rows as read from the rollup tables, one statement for many units: what
 * the memo (unit-memo.ts) keeps and the queries sum.
 */

/** One rollup unit: its kind and first day. */
export interface UnitRef {
  unit: CountUnit;
  start: string;
}

/** visit_category_totals: one unit's rows. */
export interface CategoryUnitRow {
  office: string;
  category: Category;
  visits: number;
  admitted: number;
  statements: number;
}

/** visit_hour_totals: one unit's rows (ISO weekday of the Almaty day × hour). */
export interface HourUnitRow {
  office: string;
  isodow: number;
  hour: number;
  visits: number;
}

/** duration_minutes: one unit's count per minute of duration and, inside the minute, per second (s00–s59). */
export interface MinuteUnitRow {
  office: string;
  metric: DurationMetric;
  minute: number;
  n: number;
  /** The seconds of the minute that hold durations, as pairs: [second, count, second, count, …]. */
  seconds: readonly number[];
}

/** office_daily: one day's visits per office (day units only). */
export interface DailyUnitRow {
  office: string;
  visits: number;
  admitted: number;
  statements: number;
  phoneKnown: number;
  phoneYes: number;
  questionedKnown: number;
  questionedYes: number;
}

/** The rows each source's units hold. */
export interface SourceRows {
  category: CategoryUnitRow;
  hour: HourUnitRow;
  minutes: MinuteUnitRow;
  daily: DailyUnitRow;
}
export type UnitSource = keyof SourceRows;

export const unitKey = (u: UnitRef): string => `${u.unit}|${u.start}`;

/** The day units of [from, to): office_daily's rows of a period. */
export function dayUnits(period: Period): UnitRef[] {
  const out: UnitRef[] = [];
  for (let d = period.from; d < period.to; d = addDays(d, 1)) out.push({ unit: 'day', start: d });
  return out;
}

type UnitRows<S extends UnitSource> = SourceRows[S] & UnitRef;

/**
 * Each source's statement for every office's rows of the units in `u`: one primary-key probe per unit,
 * the lateral subqueries with OFFSET 0 keeping the planner from a hash join over the whole table.
 */
const UNIT_READS: { [S in UnitSource]: (u: RawBuilder<unknown>, offices: RawBuilder<unknown>) => RawBuilder<UnitRows<S>> } = {
  category: (u, offices) => sql`
    select u.unit, u.start, t.office_code as office, t.category, t.visits, t.admitted, t.statements
    from ${u} cross join lateral (
      select * from visit_category_totals r where r.office_code = any(${offices}) and r.unit = u.unit and r.start = u.start
      offset 0) t`,
  hour: (u, offices) => sql`
    select u.unit, u.start, t.office_code as office, t.isodow::int as isodow, t.hour::int as hour, t.visits
    from ${u} cross join lateral (
      select * from visit_hour_totals r where r.office_code = any(${offices}) and r.unit = u.unit and r.start = u.start
      offset 0) t`,
  // The per-second counts come back as one field listing only the seconds that hold any ("12:1,47:2"):
  // most minutes of a unit hold a duration or two, and a row of 64 fields costs the driver (and the
  // memo's memory) more than the database spends finding it. Every metric is named, since metric is
  // the key's second column: without it a probe read all of an office's rows of every unit and start
  // (a month of a million-visit office: 5.3 ms, 1,164 pages; with it 0.14 ms, 248).
  minutes: (u, offices) => sql`
    select u.unit, u.start, t.office_code as office, t.metric, t.minute, t.n,
      concat_ws(',', ${secondColumns((c, i) => sql`case when t.${c} <> 0 then ${sql.lit(`${i}:`)} || t.${c} end`)}) as seconds
    from ${u} cross join lateral (
      select * from duration_minutes r
      where r.office_code = any(${offices}) and r.metric = any(${[...DURATION_METRICS]}::text[]) and r.unit = u.unit and r.start = u.start
      offset 0) t`,
  // office_daily has day rows only; other units hold none.
  daily: (u, offices) => sql`
    select u.unit, u.start, d.office_code as office, d.visits, d.admitted, d.statements,
      d.phone_known as "phoneKnown", d.phone_yes as "phoneYes", d.questioned_known as "questionedKnown", d.questioned_yes as "questionedYes"
    from ${u} join office_daily d on d.office_code = any(${offices}) and d.day = u.start
    where u.unit = 'day'`,
};

export async function readUnits<S extends UnitSource>(db: Kysely<Database>, source: S, refs: readonly UnitRef[]): Promise<Map<string, SourceRows[S][]>> {
  const u = sql`unnest(${refs.map((r) => r.unit)}::text[], ${refs.map((r) => r.start)}::date[]) as u (unit, start)`;
  // Every office of the registry as it is when the unit is read (the key's first column, so each unit is
  // probed per office); a registry reloaded later adds offices with no rows until their files load,
  // which changes the data version.
  const offices = sql`array(select code from offices)`;
  const out = new Map<string, SourceRows[S][]>();
  for (const row of (await UNIT_READS[source](u, offices).execute(db)).rows) {
    for (const [field, value] of Object.entries(row)) if (typeof value === 'string') (row as unknown as Record<string, unknown>)[field] = intern(value);
    if ('seconds' in row) row.seconds = secondPairs(row.seconds as unknown as string);
    const k = unitKey(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** "12:1,47:2" as [12, 1, 47, 2]. */
function secondPairs(list: string): number[] {
  const out: number[] = [];
  if (list === '') return out;
  for (const pair of list.split(',')) {
    const colon = pair.indexOf(':');
    out.push(Number(pair.slice(0, colon)), Number(pair.slice(colon + 1)));
  }
  return out;
}

/**
 * One copy of each short text the rows repeat (office codes, units, days, metrics, categories): held
 * by every row of a unit, each a string of its own as the driver makes them. Bounded: past the limit
 * strings are kept as they come.
 */
const interned = new Map<string, string>();
function intern(value: string): string {
  const hit = interned.get(value);
  if (hit !== undefined) return hit;
  if (interned.size < 100_000 && value.length <= 32) interned.set(value, value);
  return value;
}
