import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../domain/calendar.ts';
import { createCachedClassifier, CLASSIFIER_VERSION } from '../../etl/classify/classify-topic.ts';
import { writeDemo } from '../../etl/demo/write-demo.ts';
import { expandPaths } from '../../etl/file-source.ts';
import { parseVisitBatches } from '../../etl/load/visit-batches.ts';
import type { ReadResult, VisitField } from '../../etl/model.ts';
import { ingestPaths } from '../../etl/pipeline.ts';
import { readFile } from '../../etl/read/read-file.ts';
import { createOfficeResolver } from '../../etl/transform/resolve-office.ts';
import { refreshFlagsForMonths } from '../../sql/compliance/flags.ts';
import { addKnownExamples, getExampleVisits, type KnownExamples } from '../../sql/compliance/examples.ts';
import { readRegistry, registryOffices } from '../../sql/registry.ts';
import type { Rule } from '../../domain/rules.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

// A load picks each month's flag examples as it parses (sql/compliance/examples.ts, ExamplePicker),
// so the re-evaluation after it need not read the month's visits again. The picks must be exactly
// what the query over the stored visits finds.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-known-examples-'));
const IIN_KEY = 'test-iin-key-0123456789abcdef';
const NOW = new Date('2024-06-01T05:00:00Z');
const RULES: Rule[] = ['no_pass_delay', 'application_time', 'no_phone_surrender', 'no_checkpoint_questioning'];
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase();
  await writeDemo({ outDir: tmp, days: 70, endDate: '2024-03-10', seed: 8 });
  await ingestPaths(db, [tmp], { iinKey: IIN_KEY, actor: 'test', now: NOW });
}, 240_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Each loaded visit file parsed again as the loader parses it, its picks gathered as a run gathers them. */
async function picksOfFiles(): Promise<KnownExamples> {
  const resolver = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast'])));
  const known: KnownExamples = new Map();
  for (const file of expandPaths([tmp])) {
    const read = await readFile(file);
    if (read.format === 'inspection') continue;
    const parsed = parseVisitBatches(read as ReadResult<VisitField>, {
      resolver, fileOffice: resolver.fromFileName(path.basename(file)), now: NOW, iinKey: IIN_KEY, classify: createCachedClassifier(),
      classifierVersion: CLASSIFIER_VERSION, fileId: '1', filePath: file, batching: { rows: 5000, rollupEvery: 30 }, progress() {},
    });
    for await (const batch of parsed.batches) batch.release();
    addKnownExamples(known, parsed.summary().examples);
  }
  return known;
}

async function monthVisits(office: string, month: string): Promise<number> {
  const p = monthPeriod(month);
  const r = await sql<{ n: number }>`select coalesce(sum(visits), 0)::int as n from office_daily
    where office_code = ${office} and day >= ${p.from}::date and day < ${p.to}::date`.execute(db.db);
  return r.rows[0]!.n;
}

describe('flag examples picked while a file is parsed', () => {
  it('are what the query over the stored visits finds, for every rule, office and month the file alone fills', async () => {
    const known = await picksOfFiles();
    let compared = 0;
    let withExamples = 0;
    for (const [key, entry] of known) {
      const [office, month] = key.split('\t') as [string, string];
      // A month another file also fills (or a re-export repeats) is left to the query, as flags.ts does.
      if (entry.visits !== await monthVisits(office, month)) continue;
      for (const rule of RULES) {
        const fromQuery = await getExampleVisits(db.db, office, rule, monthPeriod(month));
        expect(entry.examples[rule], `${office} ${month} ${rule}`).toEqual(fromQuery);
        compared++;
        if (fromQuery.length > 0) withExamples++;
      }
    }
    expect(compared).toBeGreaterThan(40);
    expect(withExamples).toBeGreaterThan(20);
  });

  it('give the same flag evidence as the query, and spare its reads', async () => {
    const evidence = async () => (await sql<{ office_code: string; rule: string; month: string; evidence: unknown }>`
      select f.office_code, f.rule, m.month::text as month, m.evidence from flag_months m join flags f on f.id = m.flag_id
      order by 1, 2, 3`.execute(db.db)).rows;
    const months = (await sql<{ m: string }>`select distinct to_char(day, 'YYYY-MM') as m from office_daily order by 1`.execute(db.db)).rows.map((r) => r.m);
    const reset = sql`truncate flags, flag_months, flag_actions, evaluations cascade`;
    await reset.execute(db.db);
    const byQuery = await refreshFlagsForMonths(db.db, months, 'test', { today: '2024-06-01' });
    const fromQuery = await evidence();
    await reset.execute(db.db);
    const byPicks = await refreshFlagsForMonths(db.db, months, 'test', { today: '2024-06-01', knownExamples: await picksOfFiles() });
    expect(fromQuery.length).toBeGreaterThan(3);
    expect(await evidence()).toEqual(fromQuery);
    expect(byQuery.reduce((n, r) => n + r.examplesFromLoad, 0)).toBe(0);
    expect(byPicks.reduce((n, r) => n + r.examplesFromLoad, 0)).toBeGreaterThan(0);
  });
});
