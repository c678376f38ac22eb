import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTopic, CLASSIFIER_VERSION } from '../../../etl/classify/classify-topic.ts';
import { reclassifyVisits } from '../../../etl/classify/reclassify.ts';
import type { Category } from '../../../domain/categories.ts';
import { getDataVersion } from '../../../sql/queries/data-version.ts';
import { addFileToRollups } from '../../../sql/rollups.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';
import { hourlyByCategory, visitsByCategory } from './category-counts.ts';

let db: TestDatabase;

/** Visits as an older classifier stored them: topic, service, stored category, Almaty arrival. */
const STORED: Array<[string, string | null, Category, string]> = [
  ['кража телефона', null, 'unspecified', '2019-01-14 09:05'],
  ['кража телефона', null, 'unspecified', '2019-01-14 09:40'],
  ['ДТП', null, 'consultation', '2019-01-15 11:00'],
  ['', 'МП', 'unspecified', '2019-02-01 10:00'],
  ['справка о несудимости', null, 'documents', '2019-02-01 10:30'],
  ['избил муж', null, 'violence', '2019-02-02 16:20'],
  ['ывфаывп', null, 'consultation', '2019-02-03 12:00'],
];

async function durationTotal(): Promise<number> {
  const row = await db.db.selectFrom('duration_minutes').select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

beforeAll(async () => {
  db = await freshDatabase();
  const file = await db.db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: 'SRK_2019-01.csv', bytes: 100, format: 'csv', status: 'loaded',
    rows_read: STORED.length, rows_loaded: STORED.length,
  }).returning('id').executeTakeFirstOrThrow();
  await db.db.insertInto('visits').values(STORED.map(([text, service, category, arrived], i) => ({
    office_code: 'SRK',
    visit_key: randomBytes(20).toString('hex'),
    visit_ref: `T${i + 1}`,
    arrived_at: sql<Date>`(${arrived}::timestamp at time zone 'Asia/Almaty')`,
    arrival_date: arrived.slice(0, 10),
    admitted_at: sql<Date>`(${arrived}::timestamp at time zone 'Asia/Almaty') + interval '3 minutes'`,
    topic_text: text,
    service,
    category,
    classifier_version: 'topics-0.old',
    iin_status: 'absent' as const,
    file_id: file.id,
    source_line: i + 2,
  }))).execute();
  await db.transaction((tx) => addFileToRollups(tx, file.id));
});

afterAll(async () => {
  await db?.close();
});

describe('reclassifyVisits', () => {
  it('re-runs the current classifier in batches and reports what moved, by category and month', async () => {
    const report = await reclassifyVisits(db, { batchSize: 2 });
    expect(report).toEqual({
      version: CLASSIFIER_VERSION,
      checked: 7,
      changed: 5,
      moves: [
        { from: 'unspecified', to: 'theft', visits: 2 },
        { from: 'consultation', to: 'traffic', visits: 1 },
        { from: 'consultation', to: 'unspecified', visits: 1 },
        { from: 'unspecified', to: 'migration', visits: 1 },
      ],
      months: [{ month: '2019-01', changed: 3 }, { month: '2019-02', changed: 2 }],
    });
    const visits = await db.db.selectFrom('visits').select(['topic_text', 'service', 'category', 'category_confidence', 'classifier_version'])
      .orderBy('id').execute();
    for (const v of visits) {
      const expected = classifyTopic(v.topic_text, v.service);
      expect(v).toMatchObject({ category: expected.category, classifier_version: CLASSIFIER_VERSION });
      expect(v.category_confidence).toBeCloseTo(expected.confidence, 5);
    }
  });

  it('keeps visit_hourly equal to the visits, hour by hour', async () => {
    expect(await hourlyByCategory(db.db)).toEqual(await visitsByCategory(db.db));
    const hourly = await db.db.selectFrom('visit_hourly').select(['day', 'hour', 'category', 'visits'])
      .where('visits', '<>', 0).orderBy('day').orderBy('hour').execute();
    expect(hourly).toEqual([
      { day: '2019-01-14', hour: 9, category: 'theft', visits: 2 },
      { day: '2019-01-15', hour: 11, category: 'traffic', visits: 1 },
      { day: '2019-02-01', hour: 10, category: 'documents', visits: 1 },
      { day: '2019-02-01', hour: 10, category: 'migration', visits: 1 },
      { day: '2019-02-02', hour: 16, category: 'violence', visits: 1 },
      { day: '2019-02-03', hour: 12, category: 'unspecified', visits: 1 },
    ]);
  });

  it('checks nothing when every visit already carries the version, and leaves the data version as it was', async () => {
    const version = await getDataVersion(db.db);
    expect(await reclassifyVisits(db)).toMatchObject({ checked: 0, changed: 0, moves: [], months: [] });
    expect(await getDataVersion(db.db)).toBe(version);
  });

  // The server's cached answers and rollup units follow the data version alone.
  it('picks up a new version, moves the rollups with it and changes the data version', async () => {
    const version = await getDataVersion(db.db);
    const report = await reclassifyVisits(db, { version: 'topics-test.2', classify: () => ({ category: 'consultation', confidence: 0.5, terms: [] }) });
    expect(report).toMatchObject({ checked: 7, changed: 7 });
    expect(await getDataVersion(db.db)).not.toBe(version);
    expect(await hourlyByCategory(db.db)).toEqual({ consultation: 7 });
    expect(await visitsByCategory(db.db)).toEqual({ consultation: 7 });
  });

  // Durations do not depend on the category: a reclassification must not count them again.
  it('leaves the duration histograms as they were', async () => {
    const before = await durationTotal();
    await reclassifyVisits(db, { version: 'topics-test.3', classify: () => ({ category: 'theft', confidence: 0.5, terms: [] }) });
    expect(await durationTotal()).toBe(before);
  });
});
