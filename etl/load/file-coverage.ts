import type { Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';
import type { OfficeDays } from './batch-probe.ts';

/**
 * Records the days a file covers per office (contract §8): its first and last arrival day for each
 * office its valid rows name. Rows the merge turns away as duplicates still count: the file did
 * report those days.
 */
export async function writeFileCoverage(tx: Kysely<Database>, fileId: string, coverage: readonly OfficeDays[]): Promise<void> {
  if (coverage.length === 0) return;
  await tx.insertInto('file_coverage')
    .values(coverage.map((s) => ({ file_id: fileId, office_code: s.office, first_day: s.first, last_day: s.last })))
    .execute();
}
