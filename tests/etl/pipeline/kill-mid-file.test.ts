import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../sql/db.ts';
import { writeEqueueCsv } from '../../../bench/lib/equeue-csv.ts';
import { ROOT, runCli } from '../../helpers/cli.ts';
import { freshTarget } from '../../helpers/db.ts';
import { tempFolder } from '../../helpers/files.ts';

// The kill lands when 20,000 rows have been read (progress comes every 10,000): the loader, at most
// two 5,000-row batches behind the parse, has written two batches or more into the open transaction,
// and half the file is still to come. 44,000 rows make 4.4 MB, over the size from which the
// embedded database's ingest parses in its worker thread: the killed process runs the CLI's build
// with its worker, the run after it the sources in this process.
const ROWS = 44_000;
const KILL_AT_ROWS = 20_000;

/** Starts an ingest and SIGKILLs it once rows are streaming into the open transaction. */
function ingestAndKill(file: string, env: Record<string, string>): Promise<{ killedAtRows: number }> {
  return new Promise((resolve, reject) => {
    const baseEnv = { ...process.env };
    delete baseEnv.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'cli/vitrina.mjs'), 'ingest', '--progress', file],
      { cwd: ROOT, env: { ...baseEnv, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let killedAtRows = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /: (\d+) rows/.exec(stderr.split('\n').filter(Boolean).pop() ?? '');
      if (m && Number(m[1]) >= KILL_AT_ROWS && !killedAtRows) {
        killedAtRows = Number(m[1]);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`ingest was not killed mid-file (finished first): ${stderr.slice(-500)}`));
      else resolve({ killedAtRows });
    });
  });
}

describe('a process killed mid-file', () => {
  let target: Awaited<ReturnType<typeof freshTarget>>;
  const files = tempFolder();
  let csv = '';
  beforeAll(async () => {
    target = await freshTarget();
    csv = writeEqueueCsv(path.join(files.dir, 'SRK_2019-2020.csv'), ROWS);
  });
  afterAll(async () => { await target.drop(); files.remove(); });

  it('leaves nothing of the file, and the next run recovers the lock and loads it whole', { timeout: 240_000 }, async () => {
    const { killedAtRows } = await ingestAndKill(csv, target.env);
    expect(killedAtRows).toBeGreaterThan(0);
    expect(killedAtRows).toBeLessThan(ROWS);

    // The next open must recover (stale embedded lock, interrupted transaction), not abort.
    const handle = await openDatabase({ databaseUrl: target.env.DATABASE_URL, dataDir: target.env.VITRINA_DATA_DIR ?? '', holder: 'test' });
    try {
      const visits = await handle.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const loaded = await handle.db.selectFrom('ingested_files').select('id').where('status', '=', 'loaded').execute();
      const hourly = await handle.db.selectFrom('visit_hourly').select('visits').execute();
      expect(Number(visits?.n)).toBe(0);
      expect(loaded).toEqual([]);
      expect(hourly).toEqual([]);
    } finally {
      await handle.close();
    }

    const again = await runCli(['ingest', '--json', csv], target.env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ status: 'loaded', rows_read: ROWS, rows_loaded: ROWS, rows_duplicate: 0 });
  });
});
