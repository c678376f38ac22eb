import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierVersion, classifyTopic, CLASSIFIER_VERSION, createTopicClassifier } from '../../../etl/classify/classify-topic.ts';
import { generateCorpus } from '../../../etl/classify/corpus/generate.ts';
import { correctionTrainingTexts, correctVisitCategory, CorrectionError, listCorrections, MANUAL_VERSION } from '../../../sql/queries/category-corrections.ts';
import { reclassifyVisits } from '../../../etl/classify/reclassify.ts';
import { trainModel } from '../../../etl/classify/train.ts';
import { addFileToRollups } from '../../../sql/rollups.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';
import { hourlyByCategory, visitsByCategory } from './category-counts.ts';

let db: TestDatabase;

/**
 * The department's own word for a kind of visit, which no corpus knows: "кумбез" (say, the local
 * name of a permit form). Three visits are corrected by hand; the retrained model must move the
 * other two, and leave the unrelated visit where it was.
 */
const TEXTS = [
  'кумбез', 'по кумбезу', 'кумбез пришел сдать', // corrected by hand (ids 1–3)
  'кумбез продлить', 'снова кумбез', // the retrained model should move these
  'кража телефона', // unrelated
];

let ids: number[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  const file = await db.db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: 'SRK_2019-03.csv', bytes: 100, format: 'csv', status: 'loaded',
    rows_read: TEXTS.length, rows_loaded: TEXTS.length,
  }).returning('id').executeTakeFirstOrThrow();
  const rows = await db.db.insertInto('visits').values(TEXTS.map((text, i) => {
    const arrived = `2019-03-${String(4 + i).padStart(2, '0')} 10:00`;
    const r = classifyTopic(text);
    return {
      office_code: 'SRK', visit_key: randomBytes(20).toString('hex'), visit_ref: `K${i + 1}`,
      arrived_at: sql<Date>`(${arrived}::timestamp at time zone 'Asia/Almaty')`, arrival_date: arrived.slice(0, 10),
      topic_text: text, category: r.category, category_confidence: r.confidence, classifier_version: CLASSIFIER_VERSION,
      iin_status: 'absent' as const, file_id: file.id, source_line: i + 2,
    };
  })).returning('id').execute();
  ids = rows.map((r) => Number(r.id));
  await db.transaction((tx) => addFileToRollups(tx, file.id));
});

afterAll(async () => {
  await db?.close();
});

describe('the retrain loop: corrected by hand → retrain → reclassify', () => {
  it('starts with the shipped classifier, which does not know the word', async () => {
    const cats = await db.db.selectFrom('visits').select('category').orderBy('id').execute();
    expect(cats.slice(0, 5).every((r) => r.category !== 'weapons')).toBe(true);
    expect(await hourlyByCategory(db.db)).toEqual(await visitsByCategory(db.db));
  });

  it('records each correction with who and why, and moves the visit in the rollups at once', async () => {
    for (const id of ids.slice(0, 3)) await correctVisitCategory(db, id, 'weapons', 'dept.user', 'кумбез — бланк разрешения на оружие');
    const corrections = await listCorrections(db.db);
    expect(corrections).toHaveLength(3);
    expect(corrections[0]).toMatchObject({ visitId: ids[2], to: 'weapons', actor: 'dept.user', reason: 'кумбез — бланк разрешения на оружие' });
    expect((await visitsByCategory(db.db)).weapons).toBe(3);
    expect(await hourlyByCategory(db.db)).toEqual(await visitsByCategory(db.db));
    await expect(correctVisitCategory(db, ids[0] ?? 0, 'weapons', 'dept.user', 'again')).rejects.toBeInstanceOf(CorrectionError);
    await expect(correctVisitCategory(db, 999_999, 'weapons', 'dept.user', 'no such visit')).rejects.toMatchObject({ code: 'not_found' });
    // The audit table only grows.
    await expect(sql`update category_corrections set reason = 'changed'`.execute(db.db)).rejects.toThrow();
  });

  it('retrains on the corrected texts and reclassifies the rest, corrections untouched, rollups right', async () => {
    const corrections = await correctionTrainingTexts(db.db);
    expect(corrections.map((c) => [c.text, c.category])).toEqual(TEXTS.slice(0, 3).map((t) => [t, 'weapons']));
    const { model, report } = trainModel(generateCorpus(), corrections, { epochs: 5 });
    expect(report.corrections).toBe(3);
    const version = classifierVersion(model);
    expect(version).not.toBe(CLASSIFIER_VERSION);
    const before = await db.db.selectFrom('visits').select(['id', 'category']).orderBy('id').execute();
    const result = await reclassifyVisits(db, { classify: createTopicClassifier(model), version });
    // The three corrected visits are never reclassified; the two similar ones move to weapons.
    expect(result.checked).toBe(3);
    expect(result.changed).toBe(2);
    expect(result.moves.reduce((a, m) => a + m.visits, 0)).toBe(2);
    expect(result.moves.every((m) => m.to === 'weapons')).toBe(true);
    expect(result.months).toEqual([{ month: '2019-03', changed: 2 }]);
    const after = await db.db.selectFrom('visits').select(['id', 'category', 'classifier_version']).orderBy('id').execute();
    expect(after.map((r) => r.category)).toEqual(['weapons', 'weapons', 'weapons', 'weapons', 'weapons', before[5]?.category]);
    expect(after.slice(0, 3).every((r) => r.classifier_version === MANUAL_VERSION)).toBe(true);
    expect(after.slice(3).every((r) => r.classifier_version === version)).toBe(true);
    expect(await hourlyByCategory(db.db)).toEqual(await visitsByCategory(db.db));
    expect(after[5]?.category).toBe('theft');
  }, 300_000); // training takes ~10 s of CPU; a loaded shared machine stretches that
});
