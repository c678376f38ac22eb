import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestReport } from '../../../etl/model.ts';
import { ingestPaths } from '../../../etl/pipeline.ts';
import { REJECT_CODES } from '../../../domain/reject-reasons.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';
import { tempFolder } from '../../helpers/files.ts';
import { writeFuzzFiles } from './fuzz-files.ts';

/**
 * Seeded fuzzing of the whole ingest (issue 16): damaged copies of valid files in every format (cut short,
 * a block duplicated, bits flipped, values blown up, NULs, the wrong encoding) go through the real
 * pipeline in one run. Whatever the damage, every file ends with a contract report, the counts add up,
 * and a rejected file leaves nothing behind.
 */
describe('seeded fuzz: damaged files of every format through the real ingest', () => {
  let db: TestDatabase;
  const folder = tempFolder('vitrina-fuzz-');
  const written: string[] = [];
  let report: IngestReport;

  beforeAll(async () => {
    db = await freshDatabase();
    written.push(...(await writeFuzzFiles(folder.dir)));
    report = await ingestPaths(db, written, { iinKey: 'fuzz-iin-key-0123456789', now: new Date('2024-06-01T00:00:00Z'), actor: 'fuzz' });
  }, 300_000);
  afterAll(async () => { await db?.close(); folder.remove(); });

  it('gives every one of the 200+ files a contract report', () => {
    expect(written.length).toBeGreaterThanOrEqual(200);
    expect(report.files.map((f) => f.path)).toEqual(written);
    for (const f of report.files) {
      expect(['loaded', 'skipped_duplicate', 'rejected'], f.path).toContain(f.status);
      if (f.status === 'rejected') {
        expect(f.reason, f.path).toMatch(/.{10,}/);
        expect(REJECT_CODES, f.path).toContain(f.reason_code);
        // A person reads the reason: never a library's own words.
        expect(f.reason, f.path).not.toMatch(/Cannot read|undefined|is not safe|Expected to read|Invalid time|properties of/);
        expect(f.reason_code, f.path).not.toBe('internal_error');
        expect([f.rows_read, f.rows_loaded, f.rows_duplicate, f.rows_quarantined], f.path).toEqual([0, 0, 0, 0]);
      }
      if (f.status === 'loaded') expect(f.rows_read, f.path).toBe(f.rows_loaded + f.rows_duplicate + f.rows_quarantined);
    }
    const t = report.totals;
    expect(t.rows_read).toBe(t.rows_loaded + t.rows_duplicate + t.rows_quarantined);
    // The damage is real: both outcomes occur, in every format.
    for (const format of ['csv', 'jsonl', 'xlsx', 'arrow']) {
      const ofFormat = report.files.filter((f) => path.basename(f.path).split('_')[1]?.startsWith(format));
      expect(ofFormat.some((f) => f.status === 'rejected'), format).toBe(true);
      expect(ofFormat.some((f) => f.status === 'loaded'), format).toBe(true);
    }
  });

  it('stores exactly the loaded rows, and nothing of a rejected file', async () => {
    const visits = await db.db.selectFrom('visits').innerJoin('ingested_files as f', 'f.id', 'visits.file_id')
      .select(['f.status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('f.status').execute();
    expect(visits.map((v) => [v.status, Number(v.n)])).toEqual([['loaded', report.totals.rows_loaded]]);
    const quarantined = await db.db.selectFrom('quarantine').innerJoin('ingested_files as f', 'f.id', 'quarantine.file_id')
      .select(['f.status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('f.status').execute();
    expect(quarantined.map((q) => [q.status, Number(q.n)])).toEqual([['loaded', report.totals.rows_quarantined]]);
    const files = await db.db.selectFrom('ingested_files').select(['status', 'reason_code', 'nuls_removed']).execute();
    expect(files).toHaveLength(written.length);
    expect(files.filter((f) => f.status === 'rejected').every((f) => f.reason_code !== null)).toBe(true);
    const nuls = report.files.reduce((sum, f) => sum + f.nuls_removed, 0);
    expect(nuls).toBeGreaterThan(0);
    expect(files.reduce((sum, f) => sum + f.nuls_removed, 0)).toBe(nuls);
  });
});
