import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CLASSIFIER_VERSION } from '../../../etl/classify/classify-topic.ts';
import { openDatabase } from '../../../sql/db.ts';
import { migrate } from '../../../sql/migrate.ts';
import { readRegistry, syncRegistry } from '../../../sql/registry.ts';
import { addFileToRollups } from '../../../sql/rollups.ts';
import { runCli } from '../../helpers/cli.ts';
import { freshTarget } from '../../helpers/db.ts';

describe('vitrina classify', () => {
  it('prints one JSON object per stdin line, exactly text, category and confidence', async () => {
    const r = await runCli(['classify'], {}, 'кражa телефона\r\n\nҰРЛЫҚ\nИИН 870412300123 мошенники\n');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => Object.keys(l))).toEqual(Array(4).fill(['text', 'category', 'confidence']));
    expect(lines.map((l) => [l.text, l.category])).toEqual([
      ['кражa телефона', 'theft'], ['', 'unspecified'], ['ҰРЛЫҚ', 'theft'], ['ИИН [IIN] мошенники', 'fraud'],
    ]);
    expect(r.stdout).not.toContain('870412300123');
  });

  it('--evaluate prints held-out accuracy per category and a confusion matrix', async () => {
    const r = await runCli(['classify', '--evaluate', 'tests/fixtures/topics/labeled.tsv'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/accuracy +\d+\.\d% \(\d+\/186\)/);
    expect(r.stdout).toMatch(/^ {2}unspecified +\d+\.\d%/m);
    expect(r.stdout).toContain('expected \\ got');
  });

  it('--evaluate of a missing file is an error that names it', async () => {
    const r = await runCli(['classify', '--evaluate', 'no-such.tsv'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such.tsv');
  });
});

describe('vitrina reclassify', () => {
  it('reports checked and changed visits as JSON, then finds nothing left to do', async () => {
    const target = await freshTarget();
    try {
      const handle = await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir ?? '', holder: 'test' });
      await migrate(handle);
      await syncRegistry(handle.db, readRegistry(['almaty-oblast']));
      const file = await handle.db.insertInto('ingested_files').values({
        sha256: randomBytes(32).toString('hex'), path: 'KRS.csv', bytes: 1, format: 'csv', status: 'loaded',
      }).returning('id').executeTakeFirstOrThrow();
      await handle.db.insertInto('visits').values(['угон машины', 'ВНЖ'].map((text, i) => ({
        office_code: 'KRS', visit_key: randomBytes(20).toString('hex'), visit_ref: `${i}`,
        arrived_at: sql<Date>`'2019-03-04T04:00:00Z'::timestamptz`, arrival_date: '2019-03-04', topic_text: text,
        category: 'unspecified' as const, classifier_version: 'topics-0.old', iin_status: 'absent' as const,
        file_id: file.id, source_line: i + 2,
      }))).execute();
      await handle.transaction((tx) => addFileToRollups(tx, file.id));
      await handle.close();

      const first = await runCli(['reclassify', '--json', '--batch', '1'], target.env);
      expect(first.stderr).toBe('');
      expect(JSON.parse(first.stdout)).toEqual({
        version: CLASSIFIER_VERSION, checked: 2, changed: 2,
        moves: [{ from: 'unspecified', to: 'migration', visits: 1 }, { from: 'unspecified', to: 'theft', visits: 1 }],
        months: [{ month: '2019-03', changed: 2 }],
      });
      const again = await runCli(['reclassify'], target.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`already classified by ${CLASSIFIER_VERSION}`);
      expect((await runCli(['reclassify', '--batch', '0'], target.env)).code).toBe(2);
    } finally {
      await target.drop();
    }
  }, 120_000); // three CLI processes, each opening the embedded database from disk
});
