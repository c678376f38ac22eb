import type { Kysely } from 'kysely';
import type { Database } from '../../../sql/schema.ts';

/** Visits per category as the rollups hold them (zero rows left out). */
export async function hourlyByCategory(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('visit_hourly').select(['category', (eb) => eb.fn.sum<number>('visits').as('n')])
    .groupBy('category').execute();
  return Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.category, Number(r.n)]));
}

/** Visits per category counted from the visits themselves. */
export async function visitsByCategory(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('visits').select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('category').execute();
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}
