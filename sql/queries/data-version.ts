import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * A token that changes whenever what the aggregates read may have changed: a new ingest run or
 * file, a reclassification batch that moved visits (a run row each), an inspection, a threshold change, an evaluation, a flag action or a category corrected by
 * hand. Each part is the max of a primary key (an index lookup), so asking costs about a millisecond.
 */
export async function getDataVersion(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ v: string }>`
    select concat_ws('.',
      (select max(id) from runs), (select max(id) from ingested_files), (select max(id) from inspections),
      (select max(id) from threshold_changes), (select max(id) from evaluations), (select max(id) from flag_actions),
      (select max(id) from category_corrections)) as v`
    .execute(db);
  return r.rows[0]?.v ?? '';
}
