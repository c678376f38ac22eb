/**
 * Ingest benchmark (issue 2): a 1,000,000-row e-queue CSV (Windows-1251, ';', Russian headers)
 * through the whole `vitrina ingest` process on the real server, against plain COPY of the same
 * rows, already canonical, into the same table, in the same run. Then rows/s on the embedded database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { freshServerDb } from './lib/server-db.ts';
import { writeEqueueCsv } from './lib/equeue-csv.ts';
import { measureChild } from './lib/measure-child.ts';
import { writeCanonicalCopy } from './lib/canonical-copy.ts';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 200_000);
const OUT = path.join('bench', 'out');
const KEY = 'bench-iin-key-0123456789abcdef';

async function plainCopy(url: string, canonicalFile: string, columns: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `insert into ingested_files (sha256, path, bytes, format, status) values (repeat('0', 64), 'baseline', 0, 'csv', 'loaded') returning id`);
  const fileId = rows[0]!.id;
  // The file_id column is filled by a constant default so the canonical lines stay as staged.
  await client.query(`alter table visits alter column file_id set default ${Number(fileId)}`);
  const t0 = process.hrtime.bigint();
  const stream = client.query(copyFrom(`COPY visits (${columns.join(', ')}) FROM STDIN`));
  await pipeline(fs.createReadStream(canonicalFile, { highWaterMark: 1 << 20 }), stream);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await client.end();
  return seconds;
}

function ingestEnv(extra: { DATABASE_URL?: string; VITRINA_DATA_DIR?: string }): NodeJS.ProcessEnv {
  const env = { ...process.env, VITRINA_IIN_KEY: KEY, ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export async function benchIngest(): Promise<{ name: string; lines: string[] }> {
  fs.mkdirSync(OUT, { recursive: true });
  const csv = writeEqueueCsv(path.join(OUT, `SRK_equeue_${ROWS}.csv`), ROWS);
  const { file: canonical, columns } = await writeCanonicalCopy(csv, path.join(OUT, `SRK_equeue_${ROWS}.copy`), KEY);
  const mb = (fs.statSync(csv).size / 1048576).toFixed(0);

  const baseUrl = await freshServerDb('vitrina_bench_ingest');
  const copySeconds = await plainCopy(baseUrl, canonical, columns);

  const url = await freshServerDb('vitrina_bench_ingest');
  const bin = path.join('etl', 'cli', 'vitrina.mjs');
  const run = await measureChild(process.execPath, [bin, 'ingest', '--json', csv], ingestEnv({ DATABASE_URL: url }));
  if (run.code !== 0) throw new Error(`vitrina ingest exited ${run.code}: ${run.stderr.slice(0, 500)}`);
  const report = JSON.parse(run.stdout) as { totals: { rows_loaded: number } };

  // Embedded database: a smaller file, reported as rows/s.
  const small = writeEqueueCsv(path.join(OUT, `SRK_equeue_${PGLITE_ROWS}.csv`), PGLITE_ROWS);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-bench-'));
  const lite = await measureChild(process.execPath, [bin, 'ingest', '--json', small], ingestEnv({ VITRINA_DATA_DIR: dataDir }));
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (lite.code !== 0) throw new Error(`vitrina ingest (PGlite) exited ${lite.code}: ${lite.stderr.slice(0, 500)}`);

  const ratio = run.seconds / copySeconds;
  return {
    name: 'Ingest: 1M-row e-queue CSV (Windows-1251, ";", Russian headers)',
    lines: [
      `| measure | value |`,
      `|---|---|`,
      `| file | ${ROWS.toLocaleString('en')} rows, ${mb} MB |`,
      `| plain COPY of the canonical rows into visits (PostgreSQL) | ${copySeconds.toFixed(2)} s |`,
      `| whole \`vitrina ingest\` process (PostgreSQL), rollups included | ${run.seconds.toFixed(2)} s (${report.totals.rows_loaded.toLocaleString('en')} rows loaded) |`,
      `| ratio ingest / COPY (target ≤ 2.0) | ${ratio.toFixed(2)}× ${ratio <= 2 ? '✓' : '✗'} |`,
      `| peak memory of the ingest process (target < 500 MB) | ${run.peakMb.toFixed(0)} MB ${run.peakMb < 500 ? '✓' : '✗'} |`,
      `| embedded PGlite, ${PGLITE_ROWS.toLocaleString('en')} rows | ${lite.seconds.toFixed(2)} s, ${Math.round(PGLITE_ROWS / lite.seconds).toLocaleString('en')} rows/s, peak ${lite.peakMb.toFixed(0)} MB |`,
    ],
  };
}
