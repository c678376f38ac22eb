import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Category } from '../../domain/categories.ts';
import type { Outcome } from '../../domain/visit-codes.ts';
import { addFileToRollups } from '../../sql/rollups.ts';
import type { Database } from '../../sql/schema.ts';
import { createRng } from '../../etl/demo/prng.ts';

/** A deterministic spread of visits: offices × days × hours × categories, with durations. */
export interface SeedOptions {
  offices: readonly string[];
  from: string;
  days: number;
  seed?: number;
}

const CATS: readonly Category[] = ['documents', 'theft', 'migration', 'traffic', 'fraud', 'consultation'];
const OUTCOMES: readonly (Outcome | null)[] = ['consultation', 'statement_accepted', 'referred', null];

/**
 * Inserts the visits as one loaded file (Kysely, as the ETL's merge would leave them) and adds the
 * file to the rollups with addFileToRollups, the same call an ingest makes. Returns the visit count.
 */
export async function seedVisits(db: Kysely<Database>, opts: SeedOptions): Promise<number> {
  const rand = createRng(opts.seed ?? 7).next;
  const file = await db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: '/srv/in/seed.csv', bytes: 1, format: 'csv', status: 'loaded',
  }).returning('id').executeTakeFirstOrThrow();
  const rows = [];
  for (const [oi, office] of opts.offices.entries()) {
    for (let d = 0; d < opts.days; d++) {
      const day = new Date(Date.parse(`${opts.from}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
      // The last office gets only a handful of visits: small counts that press must not see.
      const n = oi === opts.offices.length - 1 ? (d % 3 === 0 ? 2 : 0) : 3 + Math.floor(rand() * 12);
      for (let i = 0; i < n; i++) {
        const hour = 9 + Math.floor(rand() * 9);
        const wall = `${day} ${String(hour).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00`;
        const delay = rand() < 0.1 ? null : Math.floor(rand() * 900);
        const wait = delay === null ? null : delay + Math.floor(rand() * 600);
        const service = wait === null ? null : Math.floor(rand() * 2400);
        const iin = rand() < 0.5 ? createHash('sha256').update(`iin${i}`).digest('hex') : null;
        rows.push({
          office_code: office, visit_key: randomBytes(16).toString('hex'), visit_ref: `T${rows.length + 1}`,
          arrived_at: sql<Date>`(${wall}::timestamp at time zone 'Asia/Almaty')`, arrival_date: day,
          admitted_at: delay === null ? null : sql<Date>`(${wall}::timestamp at time zone 'Asia/Almaty') + make_interval(secs => ${delay})`,
          started_at: wait === null ? null : sql<Date>`(${wall}::timestamp at time zone 'Asia/Almaty') + make_interval(secs => ${wait})`,
          finished_at: wait === null || service === null ? null
            : sql<Date>`(${wall}::timestamp at time zone 'Asia/Almaty') + make_interval(secs => ${wait + service})`,
          topic_text: `справка номер ${i}`, category: CATS[Math.floor(rand() * CATS.length)] ?? 'documents', classifier_version: 'seed',
          outcome: OUTCOMES[Math.floor(rand() * OUTCOMES.length)] ?? null,
          visitor_hash: iin, iin_status: iin ? 'valid' as const : 'absent' as const,
          phone_surrendered: rand() < 0.7 ? rand() < 0.1 : null, checkpoint_questioned: rand() < 0.7 ? rand() < 0.1 : null,
          file_id: file.id, source_line: rows.length + 2,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('visits').values(rows.slice(i, i + 500)).execute();
  await addFileToRollups(db, file.id);
  return rows.length;
}

/**
 * Records one loaded file covering [first, last] for every office of the registry (contract §8):
 * logs were received for those days, so days without visits are real zeros and no period is cut
 * before `last`. Suites that test rollup arithmetic over long periods use it to keep their periods whole.
 */
export async function coverAllOffices(db: Kysely<Database>, first: string, last: string): Promise<void> {
  const file = await db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: '/srv/in/coverage.csv', bytes: 1, format: 'csv', status: 'loaded',
  }).returning('id').executeTakeFirstOrThrow();
  const offices = await db.selectFrom('offices').select('code').execute();
  await db.insertInto('file_coverage').values(offices.map((o) => ({ file_id: file.id, office_code: o.code, first_day: first, last_day: last }))).execute();
}
