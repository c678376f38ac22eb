import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { addDays } from '../../domain/calendar.ts';
import type { Database } from '../schema.ts';

/** One line of `vitrina export` (contract §5): every key present, null when empty, no raw IIN. */
export interface ExportedVisit {
  office: string;
  visit_ref: string | null;
  arrived_at: string;
  admitted_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  topic_text: string;
  service: string | null;
  outcome: string | null;
  outcome_text: string | null;
  category: string;
  visitor_hash: string | null;
  iin_status: string;
  phone_surrendered: boolean | null;
  checkpoint_questioned: boolean | null;
  specialist_called_at: string | null;
  specialist_arrived_at: string | null;
  channel: string | null;
  source: string;
}

export interface ExportFilter {
  /** Almaty calendar days, [from, to). */
  from: string;
  to: string;
  office?: string | undefined;
}

const PAGE = 5000;

/** UTC ISO 8601 to the second, as the contract writes it: 2019-01-14T04:05:00Z. */
function utc(d: Date | null): string | null {
  return d === null ? null : `${d.toISOString().slice(0, 19)}Z`;
}

/**
 * Streams the visits whose Almaty arrival day falls in [from, to), ordered by arrived_at then
 * visit_ref, so memory stays flat: day by day, and within a day page by page (keyset on
 * arrived_at, visit_ref, id). Each day is one range per office of the identity index (office_code,
 * arrival_date, visit_key), so visits needs no index on time (migrations 0017 and 0019 dropped two:
 * a million-row load spent a second or more keeping each), and a range without visits is stepped over.
 */
export async function* exportVisits(db: Kysely<Database>, filter: ExportFilter, pageRows = PAGE): AsyncGenerator<ExportedVisit> {
  const offices = filter.office ? [filter.office] : (await db.selectFrom('offices').select('code').execute()).map((o) => o.code);
  if (offices.length === 0) return;
  for (let from = filter.from; from < filter.to;) {
    const day = await nextDayWithVisits(db, offices, from, filter.to);
    if (day === null) return;
    yield* dayVisits(db, offices, day, pageRows);
    from = addDays(day, 1);
  }
}

/** The first Almaty day in [from, to) with a visit at one of the offices: each office's first such visit, by the index. */
async function nextDayWithVisits(db: Kysely<Database>, offices: string[], from: string, to: string): Promise<string | null> {
  const r = await sql<{ day: string | null }>`
    select min(x.arrival_date)::text as day
    from unnest(${offices}::text[]) as o (code)
    cross join lateral (
      select v.arrival_date from visits v
      where v.office_code = o.code and v.arrival_date >= ${from}::date
      order by v.arrival_date limit 1) x
    where x.arrival_date < ${to}::date`.execute(db);
  return r.rows[0]?.day ?? null;
}

async function* dayVisits(db: Kysely<Database>, offices: string[], day: string, pageRows: number): AsyncGenerator<ExportedVisit> {
  let after: { arrived_at: Date; visit_ref: string; id: string } | null = null;
  for (;;) {
    let q = db.selectFrom('visits as v')
      .innerJoin('ingested_files as f', 'f.id', 'v.file_id')
      .select([
        'v.id', 'v.office_code', 'v.visit_ref', 'v.arrived_at', 'v.admitted_at', 'v.started_at', 'v.finished_at',
        'v.topic_text', 'v.service', 'v.outcome', 'v.outcome_text', 'v.category', 'v.visitor_hash', 'v.iin_status',
        'v.phone_surrendered', 'v.checkpoint_questioned', 'v.specialist_called_at', 'v.specialist_arrived_at',
        'v.channel', 'v.source_line', 'v.source_sheet', 'f.path',
      ])
      .where('v.office_code', 'in', offices)
      .where('v.arrival_date', '=', day);
    if (after) {
      const a = after;
      // Row comparison keeps the page boundary exact; '' sorts a missing visit_ref first, as below.
      q = q.where(sql<boolean>`(v.arrived_at, coalesce(v.visit_ref, ''), v.id) > (${a.arrived_at}, ${a.visit_ref}, ${a.id}::bigint)`);
    }
    const rows = await q.orderBy('v.arrived_at').orderBy(sql`coalesce(v.visit_ref, '')`).orderBy('v.id').limit(pageRows).execute();
    for (const r of rows) {
      const file = path.basename(r.path);
      yield {
        office: r.office_code, visit_ref: r.visit_ref, arrived_at: utc(r.arrived_at) ?? '', admitted_at: utc(r.admitted_at),
        started_at: utc(r.started_at), finished_at: utc(r.finished_at), topic_text: r.topic_text, service: r.service,
        outcome: r.outcome, outcome_text: r.outcome_text, category: r.category, visitor_hash: r.visitor_hash,
        iin_status: r.iin_status, phone_surrendered: r.phone_surrendered, checkpoint_questioned: r.checkpoint_questioned,
        specialist_called_at: utc(r.specialist_called_at), specialist_arrived_at: utc(r.specialist_arrived_at),
        channel: r.channel,
        source: r.source_sheet === null ? `${file}:${r.source_line}` : `${file}#${r.source_sheet}:${r.source_line}`,
      };
    }
    const last = rows[rows.length - 1];
    if (rows.length < pageRows || !last) return;
    after = { arrived_at: last.arrived_at, visit_ref: last.visit_ref ?? '', id: last.id };
  }
}
