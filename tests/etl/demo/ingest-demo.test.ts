import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../../etl/pipeline.ts';
import type { IngestReport } from '../../../etl/model.ts';
import { writeDemo, type WriteDemoResult } from '../../../etl/demo/write-demo.ts';
import { DEMO_SCENARIO } from '../../../etl/demo/scenario.ts';
import { getCoverage } from '../../../sql/queries/coverage.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';

// Two weeks across 2024-03-01 (UTC+6 → UTC+5), the whole pipeline, on whichever database the suite runs.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-demo-ingest-'));
const IIN_KEY = 'test-iin-key-0123456789abcdef';
/** The ingest's "now" (the out_of_range rule, the day months are judged as of): set, not today's date. */
const NOW = new Date('2024-06-01T05:00:00Z');
let db: TestDatabase;
let demo: WriteDemoResult;
let report: IngestReport;

beforeAll(async () => {
  db = await freshDatabase();
  demo = await writeDemo({ outDir: tmp, days: 14, endDate: '2024-03-07', seed: 8 });
  report = await ingestPaths(db, [tmp], { iinKey: IIN_KEY, actor: 'test', now: NOW });
}, 240_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the demo through the ingest pipeline', () => {
  it('loads every file, each as its format and office, with only the planted rows quarantined', () => {
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    for (const d of demo.details) {
      const f = byPath.get(d.path);
      expect(f?.status, d.path).toBe('loaded');
      expect(f?.format, d.path).toBe(d.format);
      if (d.office) expect(f?.office, d.path).toBe(d.office);
      expect(f?.rows_quarantined, d.path).toBe(d.planted ? 1 : 0);
      expect(f?.rows_duplicate, d.path).toBe(0);
    }
    expect(report.files).toHaveLength(demo.files.length);
    const visitRows = report.files.filter((f) => f.format !== 'inspection').reduce((n, f) => n + f.rows_loaded, 0);
    expect(visitRows).toBe(demo.visits);
  });

  it('quarantines each planted row for its own reason', async () => {
    const rows = await db.db.selectFrom('quarantine')
      .innerJoin('ingested_files', 'ingested_files.id', 'quarantine.file_id')
      .select(['quarantine.reason', 'ingested_files.office_code'])
      .execute();
    const expected = demo.details.filter((d) => d.planted).map((d) => [d.office, d.planted]);
    expect(rows.map((r) => [r.office_code, r.reason]).sort()).toEqual(expected.sort());
  });

  it('the stored visits show the scenario: SRK phones and delays, TDK after midnight, RMB silent', async () => {
    const srk = await db.db.selectFrom('visits').where('office_code', '=', DEMO_SCENARIO.guardPostOffice)
      .select([
        sql<number>`avg(case when phone_surrendered then 1.0 else 0 end)::float8`.as('phones'),
        sql<number>`percentile_cont(0.9) within group (order by extract(epoch from admitted_at - arrived_at))::float8`.as('p90'),
      ])
      .executeTakeFirstOrThrow();
    expect(srk.phones).toBeGreaterThan(0.8);
    expect(srk.p90 / 60).toBeGreaterThan(20);
    const midnight = await db.db.selectFrom('visits').where('office_code', '=', DEMO_SCENARIO.roundTheClockOffice)
      .where(sql<boolean>`(finished_at at time zone 'Asia/Almaty')::date > arrival_date`)
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(midnight.n)).toBeGreaterThan(0);
    const rmbLast = await db.db.selectFrom('visits').where('office_code', '=', DEMO_SCENARIO.silentOffice)
      .select((eb) => eb.fn.max('arrival_date').as('last')).executeTakeFirstOrThrow();
    expect(String(rmbLast.last) < '2024-03-01').toBe(true);
  });

  it('covers every office that keeps its log for the whole demo, as /api/coverage reads it', async () => {
    const coverage = await getCoverage(db.db);
    for (const o of coverage.offices) {
      if (o.office === DEMO_SCENARIO.silentOffice) {
        expect(o.last! < '2024-03-01', o.office).toBe(true);
        continue;
      }
      expect(o.spans, o.office).toEqual([{ from: '2024-02-23', to: '2024-03-07' }]);
    }
  });

  it('reads office hours in Almaty time on both sides of the 2024-03-01 offset change', async () => {
    const outside = await db.db.selectFrom('visits')
      .where('office_code', '!=', DEMO_SCENARIO.roundTheClockOffice)
      .where(sql<boolean>`extract(hour from arrived_at at time zone 'Asia/Almaty') not between 9 and 17`)
      .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(outside.n)).toBe(0);
  });

  it('keeps valid IINs as hashes only and loads nothing when the same files come again', async () => {
    const statuses = await db.db.selectFrom('visits').select(['iin_status']).select((eb) => eb.fn.countAll<string>().as('n'))
      .groupBy('iin_status').execute();
    const count = Object.fromEntries(statuses.map((s) => [s.iin_status, Number(s.n)]));
    expect(count.valid! / demo.visits).toBeGreaterThan(0.6);
    expect(count.invalid).toBeGreaterThan(0);
    expect(count.absent).toBeGreaterThan(0);
    const again = await ingestPaths(db, [tmp], { iinKey: IIN_KEY, actor: 'test', now: NOW });
    expect(new Set(again.files.map((f) => f.status))).toEqual(new Set(['skipped_duplicate']));
    expect(again.totals.rows_loaded).toBe(0);
  });
});
