import type { Kysely } from 'kysely';
import { buildCoverage, type Coverage } from '../../domain/coverage.ts';
import type { Database } from '../schema.ts';

/**
 * Every office's coverage from the spans of its loaded files (migration 0009): one row per file and
 * office, a few hundred a year, joined into runs in buildCoverage. Read per request, never cached
 * apart from the aggregates, so a new file moves completeTo at once.
 */
export async function getCoverage(db: Kysely<Database>): Promise<Coverage> {
  const [spans, offices] = await Promise.all([
    db.selectFrom('file_coverage as c').innerJoin('ingested_files as f', 'f.id', 'c.file_id')
      .where('f.status', '=', 'loaded')
      .select(['c.office_code as office', 'c.first_day as first', 'c.last_day as last'])
      .execute(),
    db.selectFrom('offices').select('code').orderBy('code').execute(),
  ]);
  return buildCoverage(spans, offices.map((o) => o.code));
}
