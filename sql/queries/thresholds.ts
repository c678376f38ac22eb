import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { ThresholdRow } from '../schema/compliance.ts';

/** The thresholds table as stored (value, unit, who changed it last). */
export function listThresholdRows(db: Kysely<Database>): Promise<ThresholdRow[]> {
  return db.selectFrom('thresholds').selectAll().orderBy('key').execute();
}
