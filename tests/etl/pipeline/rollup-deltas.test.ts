import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../../etl/demo/write-demo.ts';
import type { IngestReport } from '../../../etl/model.ts';
import { ingestPaths } from '../../../etl/pipeline.ts';
import { addFileToRollups } from '../../../sql/rollups.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';

// The ingest sums rollups in Node (etl/load/rollup-deltas.ts); sql/rollups.ts rebuilds them from
// stored visits. Both must give the same rows, duplicates and the 2024-03-01 clock change included.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-rollup-deltas-'));
const IIN_KEY = 'test-iin-key-0123456789abcdef';
/** The ingest's "now" (the out_of_range rule, the day months are judged as of): set, not today's date. */
const NOW = new Date('2024-06-01T05:00:00Z');
let db: TestDatabase;
let first: IngestReport;
let resent: IngestReport;

async function snapshot(): Promise<Record<'hourly' | 'durations' | 'daily' | 'categories' | 'hours', unknown[]>> {
  const hourly = await sql`select * from visit_hourly where visits <> 0 order by office_code, day, hour, category`.execute(db.db);
  const durations = await sql`select * from duration_minutes where n <> 0 order by office_code, metric, unit, start, minute`.execute(db.db);
  // What visit_hourly's triggers derive, which the loader writes itself (migration 0018).
  const daily = await sql`select * from office_daily where visits <> 0 order by office_code, day`.execute(db.db);
  const categories = await sql`select * from visit_category_totals where visits <> 0 order by office_code, unit, start, category`.execute(db.db);
  const hours = await sql`select * from visit_hour_totals where visits <> 0 order by office_code, unit, start, isodow, hour`.execute(db.db);
  return { hourly: hourly.rows, durations: durations.rows, daily: daily.rows, categories: categories.rows, hours: hours.rows };
}

beforeAll(async () => {
  db = await freshDatabase();
  const demo = await writeDemo({ outDir: path.join(tmp, 'demo'), days: 10, endDate: '2024-03-05', seed: 3 });
  // Rows left at zero for a day that holds no visit yet: the loader copies the day rows of new days
  // straight in, meets these, and must undo that copy and add its rows to them instead.
  await sql`insert into duration_minutes (office_code, metric, unit, start, minute, n)
    select code, metric, 'day', date '2024-03-03', m, 0
    from offices, unnest(array['admission_delay', 'wait_time', 'service_time', 'application_time']) metric, generate_series(-1, 120) m`.execute(db.db);
  first = await ingestPaths(db, [path.join(tmp, 'demo')], { iinKey: IIN_KEY, actor: 'test', now: NOW, batching: { rows: 500, rollupEvery: 3 } });
  // An overlapping re-export: the header and first 150 rows of a CSV again, five of them twice,
  // under another name (each 3-row batch is staged and merged: a whole file would take seconds).
  const csv = demo.files.find((f) => f.endsWith('.csv'));
  if (!csv) throw new Error('the demo wrote no CSV');
  const bytes = fs.readFileSync(csv);
  const lines = bytes.toString('latin1').split('\n');
  expect(lines.length).toBeGreaterThan(200);
  const again = [...lines.slice(0, 151), ...lines.slice(1, 6), ''].join('\n');
  const copyPath = path.join(tmp, `again-${path.basename(csv)}`);
  fs.writeFileSync(copyPath, Buffer.from(again, 'latin1'));
  // Tiny batches: duplicates fall on batch boundaries and the sums are written many times a file.
  resent = await ingestPaths(db, [copyPath], { iinKey: IIN_KEY, actor: 'test', now: NOW, batching: { rows: 3, rollupEvery: 2 } });
}, 240_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('rollups summed during ingest', () => {
  it('load every file, also those whose day rows met rows already there', () => {
    expect(first.files.filter((f) => f.status !== 'loaded')).toEqual([]);
  });

  it('take duplicates back out: a re-export of stored visits changes no rollup', async () => {
    expect(resent.files[0]).toMatchObject({ status: 'loaded', rows_loaded: 0 });
    expect(resent.files[0]?.rows_duplicate).toBeGreaterThan(5);
  });

  it('equal the rollups rebuilt from the stored visits', async () => {
    const fromIngest = await snapshot();
    expect(fromIngest.hourly.length).toBeGreaterThan(50);
    expect(fromIngest.durations.length).toBeGreaterThan(200);
    expect(fromIngest.daily.length).toBeGreaterThan(10);
    // Every unit of the totals is there: day, ISO week, dekad, month and year; the hours' without weeks.
    expect(new Set(fromIngest.categories.map((r) => (r as { unit: string }).unit))).toEqual(new Set(['day', 'week', 'dekad', 'month', 'year']));
    expect(new Set(fromIngest.hours.map((r) => (r as { unit: string }).unit))).toEqual(new Set(['day', 'dekad', 'month', 'year']));
    const files = await db.db.selectFrom('ingested_files').select('id').where('status', '=', 'loaded').execute();
    await db.transaction(async (tx) => {
      await sql`truncate visit_hourly, duration_minutes`.execute(tx);
      for (const f of files) await addFileToRollups(tx, f.id);
    });
    expect(await snapshot()).toEqual(fromIngest);
  });
});
