import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../sql/db.ts';
import { prepareDatabase } from '../../sql/prepare.ts';
import { addFileToRollups } from '../../sql/rollups.ts';
import type { Target } from './db.ts';

/**
 * Opens the target (migrated, with the registry) holding one loaded file of the office KRS whose
 * visits carry the given topic texts, classified `unspecified` by `classifierVersion`, on
 * 2019-03-04, with their rollups: what the reclassify and retrain commands work on. Returns the
 * open handle (close it before a CLI opens the same embedded directory) and the visits' ids in order.
 */
export async function openWithTopicVisits(target: Target, texts: readonly string[], classifierVersion: string): Promise<{ handle: DatabaseHandle; visitIds: string[] }> {
  const handle = await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir ?? '', holder: 'test' });
  await prepareDatabase(handle, ['almaty-oblast']);
  const file = await handle.db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: 'KRS.csv', bytes: 1, format: 'csv', status: 'loaded',
  }).returning('id').executeTakeFirstOrThrow();
  const visits = await handle.db.insertInto('visits').values(texts.map((text, i) => ({
    office_code: 'KRS', visit_key: randomBytes(20).toString('hex'), visit_ref: `${i}`,
    arrived_at: sql<Date>`'2019-03-04T04:00:00Z'::timestamptz`, arrival_date: '2019-03-04', topic_text: text,
    category: 'unspecified' as const, classifier_version: classifierVersion, iin_status: 'absent' as const,
    file_id: file.id, source_line: i + 2,
  }))).returning('id').execute();
  await handle.transaction((tx) => addFileToRollups(tx, file.id));
  return { handle, visitIds: visits.map((v) => v.id) };
}
