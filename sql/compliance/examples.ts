import { sql, type Kysely } from 'kysely';
import type { Rule } from '../../domain/rules.ts';
import type { Database } from '../schema.ts';
import { almatyMinute, type Period } from '../../domain/calendar.ts';

/** A visit a flag points to: its reference and where it came from, never who the visitor was. */
export interface ExampleVisit {
  visit_ref: string | null;
  source: string;
  /** UTC ISO 8601, as the export writes times. */
  arrived_at: string;
  /** The same instant as Almaty wall-clock, for a person reading the evidence. */
  arrived_local: string;
  minutes?: number;
}

const EXAMPLES = 5;

/** Which visits illustrate a breach of each visit-based rule, worst first. */
const PICKS: Partial<Record<Rule, { where: ReturnType<typeof sql>; duration?: ReturnType<typeof sql> }>> = {
  no_pass_delay: { where: sql`v.admitted_at is not null`, duration: sql`v.admitted_at - v.arrived_at` },
  application_time: {
    where: sql`v.outcome = 'statement_accepted' and v.finished_at is not null`,
    duration: sql`v.finished_at - v.arrived_at`,
  },
  no_phone_surrender: { where: sql`v.phone_surrendered` },
  no_checkpoint_questioning: { where: sql`v.checkpoint_questioned` },
};

/** Up to five example visits for a breached rule at one office (none for inspection and reporting rules). */
export async function getExampleVisits(db: Kysely<Database>, office: string, rule: Rule, period: Period): Promise<ExampleVisit[]> {
  const pick = PICKS[rule];
  if (!pick) return [];
  // Ranked by the interval itself: extract(epoch …) is numeric arithmetic, and computing it for
  // each of a month's visits made this query 3–7× slower (the ingest re-evaluates every month it
  // touched). Minutes and the file are read for the five picked rows only.
  const order = pick.duration ? sql`${pick.duration} desc, v.arrived_at` : sql`v.arrived_at`;
  const r = await sql<{ visit_ref: string | null; path: string; source_line: number; source_sheet: string | null; arrived_at: Date; minutes: number | null }>`
    select p.visit_ref, f.path, p.source_line, p.source_sheet, p.arrived_at,
      ${pick.duration ? sql`round((extract(epoch from p.duration) / 60)::numeric, 1)::float8` : sql`null::float8`} as minutes
    from (
      select v.visit_ref, v.file_id, v.source_line, v.source_sheet, v.arrived_at, ${pick.duration ?? sql`null::interval`} as duration
      from visits v
      where v.office_code = ${office}
        and v.arrived_at >= (${period.from}::date)::timestamp at time zone 'Asia/Almaty'
        and v.arrived_at < (${period.to}::date)::timestamp at time zone 'Asia/Almaty'
        and ${pick.where}
      order by ${order} limit ${EXAMPLES}) p
    join ingested_files f on f.id = p.file_id
    order by ${pick.duration ? sql`p.duration desc, p.arrived_at` : sql`p.arrived_at`}`.execute(db);
  return r.rows.map((row) => {
    const file = row.path.split(/[\\/]/).pop() ?? row.path;
    const example: ExampleVisit = {
      visit_ref: row.visit_ref,
      source: row.source_sheet ? `${file}#${row.source_sheet}:${row.source_line}` : `${file}:${row.source_line}`,
      arrived_at: row.arrived_at.toISOString().replace(/\.000Z$/, 'Z'),
      arrived_local: almatyMinute(row.arrived_at),
    };
    if (row.minutes !== null) example.minutes = row.minutes;
    return example;
  });
}
