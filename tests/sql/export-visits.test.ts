import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../etl/demo/write-demo.ts';
import { ingestPaths } from '../../etl/pipeline.ts';
import { exportVisits } from '../../sql/queries/export-visits.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

// The export reads day by day through the identity index (office_code, arrival_date, …) and pages within a day; whatever
// the page size, it must give every visit of the Almaty days asked for, once, in time order.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-export-'));
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase();
  await writeDemo({ outDir: tmp, days: 6, endDate: '2024-03-04', seed: 11 });
  await ingestPaths(db, [tmp], { iinKey: 'test-iin-key-0123456789abcdef', actor: 'test', now: new Date('2024-06-01T00:00:00Z') });
}, 240_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The same rows by a query that reads arrival_date directly, in the export's order. */
async function expected(from: string, to: string, office?: string): Promise<string[]> {
  const r = await sql<{ key: string }>`
    select v.office_code || ' ' || coalesce(v.visit_ref, '-') || ' ' || to_char(v.arrived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as key
    from visits v where v.arrival_date >= ${from}::date and v.arrival_date < ${to}::date
      ${office ? sql`and v.office_code = ${office}` : sql``}
    order by v.arrived_at, coalesce(v.visit_ref, ''), v.id`.execute(db.db);
  return r.rows.map((x) => x.key);
}

async function exported(from: string, to: string, office: string | undefined, pageRows: number): Promise<string[]> {
  const out: string[] = [];
  for await (const v of exportVisits(db.db, { from, to, office }, pageRows)) out.push(`${v.office} ${v.visit_ref ?? '-'} ${v.arrived_at}`);
  return out;
}

describe('vitrina export: every visit of the days asked for, in time order', () => {
  it('gives the rows of every office day by day, pages of 7 or 5,000 alike, the clock change of 2024-03-01 included', async () => {
    const all = await expected('2024-02-20', '2024-03-10');
    expect(all.length).toBeGreaterThan(200);
    expect(new Set(all.map((k) => k.split(' ')[0])).size).toBeGreaterThan(3);
    expect(await exported('2024-02-20', '2024-03-10', undefined, 7)).toEqual(all);
    expect(await exported('2024-02-20', '2024-03-10', undefined, 5000)).toEqual(all);
  });

  it('keeps to the office and to the days asked for: an inner range, one day, a range with no visit', async () => {
    const office = (await expected('2024-02-28', '2024-03-05'))[0]!.split(' ')[0]!;
    expect(await exported('2024-03-01', '2024-03-03', office, 3)).toEqual(await expected('2024-03-01', '2024-03-03', office));
    expect(await exported('2024-03-02', '2024-03-03', undefined, 11)).toEqual(await expected('2024-03-02', '2024-03-03'));
    expect(await exported('2023-01-01', '2023-02-01', undefined, 11)).toEqual([]);
  });
});
