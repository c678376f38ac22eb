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
  // touched). Minutes and the file are read for the five picked rows only. The id last: a tie is
  // broken the same way every time, and as ExamplePicker below breaks it (a file's rows get ids in
  // their order).
  const order = pick.duration ? sql`${pick.duration} desc, v.arrived_at, v.id` : sql`v.arrived_at, v.id`;
  const r = await sql<{ visit_ref: string | null; path: string; source_line: number; source_sheet: string | null; arrived_at: Date; minutes: number | null }>`
    select p.visit_ref, f.path, p.source_line, p.source_sheet, p.arrived_at,
      ${pick.duration ? sql`round((extract(epoch from p.duration) / 60)::numeric, 1)::float8` : sql`null::float8`} as minutes
    from (
      select v.id, v.visit_ref, v.file_id, v.source_line, v.source_sheet, v.arrived_at, ${pick.duration ?? sql`null::interval`} as duration
      from visits v
      where v.office_code = ${office}
        and v.arrival_date >= ${period.from}::date and v.arrival_date < ${period.to}::date
        and ${pick.where}
      order by ${order} limit ${EXAMPLES}) p
    join ingested_files f on f.id = p.file_id
    order by ${pick.duration ? sql`p.duration desc, p.arrived_at, p.id` : sql`p.arrived_at, p.id`}`.execute(db);
  return r.rows.map((row) => exampleVisit(row.visit_ref, row.path, row.source_line, row.source_sheet, row.arrived_at, row.minutes));
}

/** An example as the evidence shows it: the file's name and line, UTC and Almaty times, minutes when the rule measures some. */
export function exampleVisit(visitRef: string | null, filePath: string, line: number, sheet: string | null, arrivedAt: Date, minutes: number | null): ExampleVisit {
  const file = filePath.split(/[\\/]/).pop() ?? filePath;
  const example: ExampleVisit = {
    visit_ref: visitRef,
    source: sheet ? `${file}#${sheet}:${line}` : `${file}:${line}`,
    arrived_at: arrivedAt.toISOString().replace(/\.000Z$/, 'Z'),
    arrived_local: almatyMinute(arrivedAt),
  };
  if (minutes !== null) example.minutes = minutes;
  return example;
}

/** What the in-memory picks read of a visit (a loader has it as it parses, before any row is stored). */
export interface ExampleFacts {
  arrivedMs: number;
  admittedMs: number | null;
  finishedMs: number | null;
  statement: boolean;
  phone: boolean | null;
  questioned: boolean | null;
  visitRef: string | null;
  line: number;
  sheet: string | null;
}

/** PICKS over facts in memory: the same visits qualify, and the same duration ranks them. */
const MEMORY_PICKS: readonly { rule: Rule; eligible: (v: ExampleFacts) => boolean; durationMs: ((v: ExampleFacts) => number) | null }[] = [
  { rule: 'no_pass_delay', eligible: (v) => v.admittedMs !== null, durationMs: (v) => v.admittedMs! - v.arrivedMs },
  { rule: 'application_time', eligible: (v) => v.statement && v.finishedMs !== null, durationMs: (v) => v.finishedMs! - v.arrivedMs },
  { rule: 'no_phone_surrender', eligible: (v) => v.phone === true, durationMs: null },
  { rule: 'no_checkpoint_questioning', eligible: (v) => v.questioned === true, durationMs: null },
];

interface Candidate {
  durationMs: number;
  seq: number;
  facts: ExampleFacts;
}

/** Ranks as the query orders: longest first, then earliest, then the stored order (id). */
function before(a: Candidate, b: Candidate): boolean {
  if (a.durationMs !== b.durationMs) return a.durationMs > b.durationMs;
  if (a.facts.arrivedMs !== b.facts.arrivedMs) return a.facts.arrivedMs < b.facts.arrivedMs;
  return a.seq < b.seq;
}

/** round(minutes, 1) as PostgreSQL's numeric rounds it (half away from zero), from whole milliseconds. */
function minutesOf(durationMs: number): number {
  const tenths = Math.round(Math.abs(durationMs) / 6000);
  return (durationMs < 0 ? -tenths : tenths) / 10;
}

/** Per office and Almaty month ('YYYY-MM-01'): how many visits a file stored there, and its examples per rule. */
export type KnownExamples = Map<string, { visits: number; examples: Partial<Record<Rule, ExampleVisit[]>> }>;

/**
 * Adds a file's picks to a run's. Two files of one run in the same office and month each know only
 * their own visits: the month is marked so that its count never matches, and the query decides.
 */
export function addKnownExamples(into: KnownExamples, from: KnownExamples): void {
  for (const [key, entry] of from) into.set(key, into.has(key) ? { visits: Number.NaN, examples: {} } : entry);
}

function knownExamplesKey(office: string, month: string): string {
  return `${office}\t${month}`;
}

/**
 * getExampleVisits' picks made over one file's visits as they are parsed, in the order they are
 * stored (ids rise with it). When the month holds no other visit of the office, these are exactly
 * what the query would find, without reading a month of visits again (flags.ts checks the count).
 */
export class ExamplePicker {
  private readonly months = new Map<string, { visits: number; tops: Candidate[][] }>();
  private seq = 0;

  // A file's rows come day by day: the last day's month is the next row's, without building a key.
  private last: { office: string; day: string; month: { visits: number; tops: Candidate[][] } } | null = null;

  add(office: string, day: string, facts: ExampleFacts): void {
    let month = this.last !== null && this.last.day === day && this.last.office === office ? this.last.month : undefined;
    if (month === undefined) {
      const key = knownExamplesKey(office, `${day.slice(0, 7)}-01`);
      month = this.months.get(key);
      if (!month) this.months.set(key, month = { visits: 0, tops: MEMORY_PICKS.map(() => []) });
      this.last = { office, day, month };
    }
    month.visits++;
    const seq = this.seq++;
    for (let i = 0; i < MEMORY_PICKS.length; i++) {
      const pick = MEMORY_PICKS[i]!;
      if (!pick.eligible(facts)) continue;
      const top = month.tops[i]!;
      const c: Candidate = { durationMs: pick.durationMs ? pick.durationMs(facts) : 0, seq, facts };
      if (top.length === EXAMPLES && !before(c, top[EXAMPLES - 1]!)) continue;
      let at = top.length === EXAMPLES ? EXAMPLES - 1 : top.length;
      while (at > 0 && before(c, top[at - 1]!)) {
        top[at] = top[at - 1]!;
        at--;
      }
      top[at] = c;
    }
  }

  /** The picks as examples of the file at filePath. */
  result(filePath: string): KnownExamples {
    const out: KnownExamples = new Map();
    for (const [key, { visits, tops }] of this.months) {
      const examples: Partial<Record<Rule, ExampleVisit[]>> = {};
      MEMORY_PICKS.forEach((pick, i) => {
        examples[pick.rule] = tops[i]!.map(({ durationMs, facts: f }) => exampleVisit(
          f.visitRef, filePath, f.line, f.sheet, new Date(f.arrivedMs), pick.durationMs ? minutesOf(durationMs) : null));
      });
      out.set(key, { visits, examples });
    }
    return out;
  }
}
