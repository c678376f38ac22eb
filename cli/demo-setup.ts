import path from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../sql/db.ts';
import { countUsers } from '../sql/queries/users.ts';
import { writeDemo } from '../etl/demo/write-demo.ts';
import { ingestPaths } from '../etl/pipeline.ts';
import { createDemoUsers, DEMO_PASSWORD, liveDemoUsers } from '../server/auth/demo-users.ts';

const DEMO_DAYS = 365;

/**
 * `npm start` on the embedded database: when it holds no visits, writes the demo files into
 * <dataDir>/demo and ingests them through the real pipeline; creates the demo users when there are
 * none. Never called for a real DATABASE_URL.
 */
export async function prepareEmbeddedDemo(
  handle: DatabaseHandle, dataDir: string, iinKey: string | null, say: (line: string) => void,
): Promise<void> {
  const any = await sql<{ found: boolean }>`select exists (select 1 from visits) as found`.execute(handle.db);
  if (!any.rows[0]?.found) {
    const outDir = path.join(dataDir, 'demo');
    say(`The database is empty: writing ${DEMO_DAYS} days of demo visit logs to ${outDir} …`);
    const demo = await writeDemo({ outDir, days: DEMO_DAYS });
    say(`Ingesting ${demo.files.length} demo files (${demo.visits} visits) …`);
    let lastFile = -1;
    const report = await ingestPaths(handle, [outDir], {
      iinKey, actor: 'vitrina start',
      onProgress: (e) => {
        if (e.fileIndex !== lastFile && e.fileIndex % 10 === 0) say(`  file ${e.fileIndex + 1} of ${e.fileCount}`);
        lastFile = e.fileIndex;
      },
    });
    const t = report.totals;
    say(`Loaded ${t.rows_loaded} visits; ${t.rows_quarantined} rows quarantined (the demo plants a few bad rows), ${t.rows_duplicate} duplicates.`);
  }
  if ((await countUsers(handle.db)) === 0) await createDemoUsers(handle.db);
  const demoUsers = await liveDemoUsers(handle.db);
  if (demoUsers.length) say(`Demo users (password ${DEMO_PASSWORD}): ${demoUsers.join(', ')}`);
}
