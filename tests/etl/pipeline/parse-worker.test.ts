import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../../etl/demo/write-demo.ts';
import type { IngestOptions } from '../../../etl/file-context.ts';
import type { IngestReport } from '../../../etl/model.ts';
import { ingestPaths } from '../../../etl/pipeline.ts';
import { parseWorkersStarted } from '../../../etl/load/worker-batches.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';
import { makeIin, tempFolder } from '../../helpers/files.ts';
import { writeFuzzFiles } from '../damaged/fuzz-files.ts';

// Large CSV and JSONL files are parsed in a worker thread (etl/load/worker-batches.ts), the rest in
// the loader's own thread. Both ways must store the same thing and report it in the same words: the
// same files, some damaged, some repeating stored visits across tiny batches, go through each way
// into its own database, and every table the load writes is compared.
const NOW = new Date('2024-06-01T05:00:00Z');
const IIN_KEY = 'test-iin-key-0123456789abcdef';
const BATCHING = { rows: 7, rollupEvery: 2 };
const folder = tempFolder('vitrina-parse-worker-');
const files: string[] = [];
const runs: Record<'here' | 'worker', { db: TestDatabase; report: IngestReport; noKey: IngestReport }> = {} as never;
let workersStarted = 0;

async function ingestBothWays(parseInWorker: boolean): Promise<{ db: TestDatabase; report: IngestReport; noKey: IngestReport }> {
  const db = await freshDatabase();
  const options: IngestOptions = { iinKey: IIN_KEY, actor: 'test', now: NOW, batching: BATCHING, parseInWorker };
  // One at a time, as an operator sends them: the re-export meets the visits of the file before it.
  const report: IngestReport = { files: [], totals: { rows_read: 0, rows_loaded: 0, rows_duplicate: 0, rows_quarantined: 0 } };
  for (const file of files) {
    const one = await ingestPaths(db, [file], options);
    report.files.push(...one.files);
  }
  // A valid IIN and no key: refused whole, before anything is kept.
  const withIin = folder.write(`SRK_iin_${parseInWorker}.csv`,
    `Дата;Время прихода;Цель визита;ИИН\n05.03.2024;09:00;справка;${makeIin('88010130012')}\n`, 'utf8');
  const noKey = await ingestPaths(db, [withIin], { ...options, iinKey: null });
  return { db, report, noKey };
}

/** Every table a visit load writes, without the ids that differ between two databases. */
async function stored(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const q = async (text: string) => (await sql.raw(text).execute(db.db)).rows;
  return {
    visits: await q(`select f.path, v.office_code, v.visit_key, v.visit_ref, v.arrived_at, v.arrival_date, v.admitted_at, v.started_at,
        v.finished_at, v.topic_text, v.category, v.category_confidence, v.service, v.outcome, v.visitor_hash, v.iin_status,
        v.phone_surrendered, v.checkpoint_questioned, v.channel, v.source_line, v.source_sheet
      from visits v join ingested_files f on f.id = v.file_id order by f.path, v.source_sheet nulls first, v.source_line`),
    quarantine: await q(`select f.path, q.source_line, q.source_sheet, q.reason, q.detail, q.raw_text
      from quarantine q join ingested_files f on f.id = q.file_id order by f.path, q.source_sheet nulls first, q.source_line`),
    files: await q(`select path, status, format, office_code, reason, rows_read, rows_loaded, rows_duplicate, rows_quarantined,
        unknown_columns from ingested_files order by path, status`),
    coverage: await q(`select f.path, c.office_code, c.first_day, c.last_day from file_coverage c join ingested_files f on f.id = c.file_id
      order by f.path, c.office_code`),
    hourly: await q('select * from visit_hourly where visits <> 0 order by office_code, day, hour, category'),
    durations: await q('select * from duration_minutes where n <> 0 order by office_code, metric, unit, start, minute'),
    totals: await q('select * from visit_category_totals where visits <> 0 order by office_code, unit, start, category'),
  };
}

beforeAll(async () => {
  const demo = await writeDemo({ outDir: path.join(folder.dir, 'demo'), days: 3, endDate: '2024-03-05', seed: 5 });
  const textFiles = demo.files.filter((f) => /\.(csv|jsonl)$/.test(f)).slice(0, 2);
  if (textFiles.length < 2) throw new Error('the demo wrote too few CSV and JSON Lines files');
  files.push(...textFiles);
  // An overlapping re-export: a file's lines again, some of them twice, under another name.
  const first = textFiles[0] ?? '';
  const lines = fs.readFileSync(first).toString('latin1').split('\n');
  const again = path.join(folder.dir, `again-${path.basename(first)}`);
  fs.writeFileSync(again, Buffer.from([...lines.slice(0, -1), ...lines.slice(1, 9), ''].join('\n'), 'latin1'));
  files.push(again);
  // Damaged files of the fuzz set: a Windows-1251 CSV cut short mid-row, CSV and JSON Lines with NULs.
  fs.mkdirSync(path.join(folder.dir, 'fuzz'));
  const fuzz = await writeFuzzFiles(path.join(folder.dir, 'fuzz'));
  for (const pattern of [/_csv1251_\d+_cut\./, /_csv_\d+_nul\./, /_jsonl_\d+_nul\./]) {
    const found = fuzz.find((f) => pattern.test(path.basename(f)));
    if (!found) throw new Error(`the fuzz set has no file like ${pattern}`);
    files.push(found);
  }
  // Rows that name no office, in a file whose name names none: rejected whole.
  files.push(folder.write('no-office.csv', 'Дата;Время прихода;Цель визита\n05.03.2024;09:00;справка\n'));
  const before = parseWorkersStarted();
  for (const way of ['here', 'worker'] as const) runs[way] = await ingestBothWays(way === 'worker');
  workersStarted = parseWorkersStarted() - before;
}, 240_000);
afterAll(async () => {
  await runs.here?.db.close();
  await runs.worker?.db.close();
  folder.remove();
});

describe('a visit file parsed in a worker thread', () => {
  it('gets the same report as one parsed in the loader’s thread, file by file', () => {
    const { here, worker } = runs;
    expect(here.report.files.length).toBeGreaterThanOrEqual(6);
    expect(worker.report.files).toEqual(here.report.files);
    // The set is worth comparing: loads, duplicates, quarantine and refusals all occur.
    const all = here.report.files;
    expect(all.some((f) => f.status === 'loaded' && f.rows_loaded > 0)).toBe(true);
    expect(all.some((f) => f.rows_duplicate > 0)).toBe(true);
    expect(all.some((f) => f.rows_quarantined > 0)).toBe(true);
    expect(all.some((f) => f.status === 'rejected' && f.reason_code === 'no_office')).toBe(true);
    expect(worker.noKey.files.map((f) => [f.status, f.reason_code])).toEqual([['rejected', 'missing_iin_key']]);
    expect(worker.noKey.files).toEqual(here.noKey.files.map((f) => ({ ...f, path: f.path.replace('false', 'true') })));
  });

  it('starts one worker for the whole run: after each file, refused ones included, it waits for the next', () => {
    expect(runs.worker.report.files.length + 1).toBeGreaterThanOrEqual(7);
    expect(workersStarted).toBe(1);
  });

  it('stores the same visits, quarantine, coverage and rollups', async () => {
    const here = await stored(runs.here.db);
    const worker = await stored(runs.worker.db);
    expect(here.visits?.length).toBeGreaterThan(100);
    expect(here.hourly?.length).toBeGreaterThan(10);
    const byPath = (rows: unknown[] | undefined) => (rows ?? []).map((r) => JSON.stringify(r).replace(/SRK_iin_(true|false)/, 'SRK_iin'));
    for (const table of Object.keys(here)) expect(byPath(worker[table]), table).toEqual(byPath(here[table]));
  });
});
