import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';
import type { Outcome } from '../../domain/visit-codes.ts';
import { addFileToRollups } from '../../sql/rollups.ts';

/**
 * Seeds visits straight into the tables with exact times, as one ingested file, and adds them to
 * the rollups the way an ingest does. Times are Almaty wall-clock 'YYYY-MM-DD HH:MM[:SS]'.
 */
export interface SeedVisit {
  office: string;
  arrived: string;
  ref?: string;
  /** Seconds from arrival to admission; null or absent = never admitted. */
  delay?: number | null;
  /** Seconds from arrival to the end of service. */
  finishedAfter?: number | null;
  outcome?: Outcome | null;
  phone?: boolean | null;
  questioned?: boolean | null;
}

export interface SeedInspection {
  office: string;
  /** Almaty wall-clock time of the inspection. */
  at: string;
  inspector?: string;
  bars_on_windows?: boolean | null;
  bars_on_doors?: boolean | null;
  inside_secured_perimeter?: boolean | null;
  phones_collected_at_entrance?: boolean | null;
  guard_questions_visitors?: boolean | null;
}

let fileCounter = 0;

const local = (t: string) => sql<Date>`(${t}::timestamp at time zone 'Asia/Almaty')`;
const after = (t: string, s: number | null | undefined) =>
  s === null || s === undefined ? null : sql<Date>`(${t}::timestamp at time zone 'Asia/Almaty') + make_interval(secs => ${s}::float8)`;

/** Inserts the visits as one loaded file and adds that file to the rollups; returns the file id. */
export async function seedVisits(db: Kysely<Database>, visits: readonly SeedVisit[]): Promise<string> {
  fileCounter += 1;
  const file = await db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: `seed-${fileCounter}.csv`, bytes: 0, format: 'csv', status: 'loaded',
    rows_read: visits.length, rows_loaded: visits.length,
  }).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < visits.length; i += 500) {
    await db.insertInto('visits').values(visits.slice(i, i + 500).map((v, j) => ({
      office_code: v.office,
      visit_key: randomBytes(20).toString('hex'),
      visit_ref: v.ref ?? `T${i + j + 1}`,
      arrived_at: local(v.arrived),
      arrival_date: v.arrived.slice(0, 10),
      admitted_at: after(v.arrived, v.delay),
      finished_at: after(v.arrived, v.finishedAfter),
      topic_text: 'справка',
      category: 'documents',
      classifier_version: 'seed',
      outcome: v.outcome ?? null,
      iin_status: 'absent',
      phone_surrendered: v.phone ?? null,
      checkpoint_questioned: v.questioned ?? null,
      file_id: file.id,
      source_line: i + j + 2,
    }))).execute();
  }
  await addFileToRollups(db, file.id);
  return file.id;
}

export async function seedInspection(db: Kysely<Database>, i: SeedInspection): Promise<string> {
  const row = await db.insertInto('inspections').values({
    office_code: i.office,
    inspected_at: local(i.at),
    inspector: i.inspector ?? 'Inspector',
    bars_on_windows: i.bars_on_windows ?? null,
    bars_on_doors: i.bars_on_doors ?? null,
    inside_secured_perimeter: i.inside_secured_perimeter ?? null,
    phones_collected_at_entrance: i.phones_collected_at_entrance ?? null,
    guard_questions_visitors: i.guard_questions_visitors ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** `count` visits at one office, one every `stepMinutes` from an Almaty start time, each shaped by `make`. */
export function visitsEvery(
  office: string, start: string, count: number, stepMinutes: number, make: (i: number) => Partial<SeedVisit> = () => ({}),
): SeedVisit[] {
  const t0 = Date.parse(`${start.replace(' ', 'T')}Z`);
  return Array.from({ length: count }, (_, i) => {
    // Plain arithmetic on the wall-clock string: the conversion to an instant happens in SQL.
    const wall = new Date(t0 + i * stepMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    return { office, arrived: wall, delay: 60, ...make(i) };
  });
}
