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
const PICKS: Partial<Record<Rule, { where: ReturnType<typeof sql>; minutes?: ReturnType<typeof sql> }>> = {
  no_pass_delay: { where: sql`v.admitted_at is not null`, minutes: sql`extract(epoch from v.admitted_at - v.arrived_at) / 60` },
  application_time: {
    where: sql`v.outcome = 'statement_accepted' and v.finished_at is not null`,
    minutes: sql`extract(epoch from v.finished_at - v.arrived_at) / 60`,
  },
  no_phone_surrender: { where: sql`v.phone_surrendered` },
  no_checkpoint_questioning: { where: sql`v.checkpoint_questioned` },
};

/** Up to five example visits for a breached rule at one office (none for inspection and reporting rules). */
export async function getExampleVisits(db: Kysely<Database>, office: string, rule: Rule, period: Period): Promise<ExampleVisit[]> {
  const pick = PICKS[rule];
  if (!pick) return [];
  const order = pick.minutes ? sql`${pick.minutes} desc, v.arrived_at` : sql`v.arrived_at`;
  const r = await sql<{ visit_ref: string | null; path: string; source_line: number; source_sheet: string | null; arrived_at: Date; minutes: number | null }>`
    select v.visit_ref, f.path, v.source_line, v.source_sheet, v.arrived_at,
      ${pick.minutes ? sql`round((${pick.minutes})::numeric, 1)::float8` : sql`null::float8`} as minutes
    from visits v join ingested_files f on f.id = v.file_id
    where v.office_code = ${office}
      and v.arrived_at >= (${period.from}::date)::timestamp at time zone 'Asia/Almaty'
      and v.arrived_at < (${period.to}::date)::timestamp at time zone 'Asia/Almaty'
      and ${pick.where}
    order by ${order} limit ${EXAMPLES}`.execute(db);
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
