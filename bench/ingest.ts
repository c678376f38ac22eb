/**
 * Ingest benchmark (issues 2, 16): a 1,000,000-row e-queue CSV (Windows-1251, ';', Russian headers)
 * through the whole `vitrina ingest` process on the real server, against what the hardware does
 * with the same rows: `COPY` of them, already canonical, into a plain table with a bigint primary
 * key and one (office_code, arrived_at) index, in the same run. Then rows/s on the embedded database.
 * BENCH_INGEST_RUNS repeats the pair (baseline, ingest) to show the spread on a shared machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { INGEST_STAGES, type IngestTimings } from '../etl/load/ingest-timings.ts';
import { processCpuSeconds, watchBackendCpu } from './lib/backend-cpu.ts';
import { BENCH_SERVER, dropServerDb, freshServerDb } from './lib/server-db.ts';
import { writeEqueueCsv } from './lib/equeue-csv.ts';
import { measureChild, type ChildRun } from './lib/measure-child.ts';
import { writeCanonicalCopy } from './lib/canonical-copy.ts';
import { ensureBundle } from '../cli/bundle.mjs';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 200_000);
const RUNS = Math.max(1, Number(process.env.BENCH_INGEST_RUNS ?? 1));
const OUT = path.join('bench', 'out');
const KEY = 'bench-iin-key-0123456789abcdef';
const DB = 'vitrina_bench_ingest';

/** The physical limit: COPY into a table shaped like visits with none of its keys, checks or triggers. */
async function plainCopy(url: string, canonicalFile: string, columns: readonly string[]): Promise<{ seconds: number; cpu: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create table plain_visits as select ${columns.join(', ')} from visits with no data`);
    await client.query('alter table plain_visits add column id bigserial primary key');
    await client.query('create index plain_visits_office_arrival on plain_visits (office_code, arrived_at)');
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const cpu0 = processCpuSeconds(pid) ?? 0;
    const t0 = process.hrtime.bigint();
    const stream = client.query(copyFrom(`COPY plain_visits (${columns.join(', ')}) FROM STDIN`));
    await pipeline(fs.createReadStream(canonicalFile, { highWaterMark: 1 << 20 }), stream);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { seconds, cpu: (processCpuSeconds(pid) ?? 0) - cpu0 };
  } finally {
    await client.end();
  }
}

/**
 * The stage timings read the clock several times a row (~0.5 s of a million-row load): the measured
 * runs go without them, and one more run gives the breakdown (after the server series, and after
 * the embedded runs into an existing data directory).
 */
function ingestEnv(extra: { DATABASE_URL?: string; VITRINA_DATA_DIR?: string }, timings = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, VITRINA_IIN_KEY: KEY, ...extra };
  if (timings) env.VITRINA_INGEST_TIMINGS = '1';
  else delete env.VITRINA_INGEST_TIMINGS;
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function timingsOf(run: ChildRun): IngestTimings | null {
  const line = run.stderr.split('\n').find((l) => l.startsWith('timings '));
  return line ? JSON.parse(line.slice('timings '.length)) as IngestTimings : null;
}

function spread(values: number[], digits: number, unit: string): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const text = `${median.toFixed(digits)}${unit}`;
  return values.length === 1 ? text : `${text} (median of ${values.length}: ${sorted.map((v) => v.toFixed(digits)).join(' / ')})`;
}

function breakdown(t: IngestTimings | null, wall: number): string {
  if (!t) return 'no timings';
  const parts = INGEST_STAGES.map((s) => `${s} ${(t[s] / 1000).toFixed(1)}`);
  return `${parts.join(', ')} s (busy time; Node and PostgreSQL overlap, wall ${wall.toFixed(1)} s); `
    + `batches copied straight in ${t.batches_copied}, merged ${t.batches_merged}`;
}

export async function benchIngest(): Promise<{ name: string; lines: string[] }> {
  fs.mkdirSync(OUT, { recursive: true });
  const csv = writeEqueueCsv(path.join(OUT, `SRK_equeue_${ROWS}.csv`), ROWS);
  const { file: canonical, columns } = await writeCanonicalCopy(csv, path.join(OUT, `SRK_equeue_${ROWS}.visits.copy`), KEY);
  const mb = (fs.statSync(csv).size / 1048576).toFixed(0);
  const bin = path.join('cli', 'vitrina.mjs');
  // The CLI builds itself on its first run after a source change (cli/bundle.mjs): done here, so
  // that no measured run pays the build's time and memory.
  await ensureBundle();

  const copies: number[] = [];
  const copyCpu: number[] = [];
  const ingests: ChildRun[] = [];
  const ingestDbCpu: number[] = [];
  let loaded = 0;
  for (let i = 0; i < RUNS; i++) {
    const baseUrl = await freshServerDb(DB);
    const plain = await plainCopy(baseUrl, canonical, columns);
    copies.push(plain.seconds);
    copyCpu.push(plain.cpu);
    const url = await freshServerDb(DB);
    const backends = watchBackendCpu(BENCH_SERVER, DB);
    const run = await measureChild(process.execPath, [bin, 'ingest', '--json', csv], ingestEnv({ DATABASE_URL: url }));
    ingestDbCpu.push(await backends.stop());
    // Each pair as it ends: a long series on a shared machine may be cut short.
    console.log(`run ${i + 1}: plain COPY ${plain.seconds.toFixed(2)} s (backend CPU ${plain.cpu.toFixed(1)} s); ingest ${run.seconds.toFixed(2)} s `
      + `(backends CPU ${ingestDbCpu[i]!.toFixed(1)} s, Node CPU ${run.cpuSeconds.toFixed(1)} s, peak ${run.peakMb.toFixed(0)} MB); `
      + `load ${os.loadavg()[0]!.toFixed(1)}`);
    if (run.code !== 0) throw new Error(`vitrina ingest exited ${run.code}: ${run.stderr.slice(0, 500)}`);
    loaded = (JSON.parse(run.stdout) as { totals: { rows_loaded: number } }).totals.rows_loaded;
    ingests.push(run);
  }
  const timed = await measureChild(process.execPath, [bin, 'ingest', '--json', csv], ingestEnv({ DATABASE_URL: await freshServerDb(DB) }, true));
  if (timed.code !== 0) throw new Error(`vitrina ingest exited ${timed.code}: ${timed.stderr.slice(0, 500)}`);
  console.log(`timed run: ${timed.seconds.toFixed(2)} s; ${timed.stderr.split('\n').find((l) => l.startsWith('timings ')) ?? ''}`);
  await dropServerDb(DB);
  const ratios = ingests.map((r, i) => r.seconds / copies[i]!);
  const peak = Math.max(...ingests.map((r) => r.peakMb));

  // Embedded database: a smaller file, reported as rows/s.
  const small = writeEqueueCsv(path.join(OUT, `SRK_equeue_${PGLITE_ROWS}.csv`), PGLITE_ROWS);
  // Twice: into a new data directory (the process runs initdb and the migrations first, ~5 s of
  // WebAssembly), and into one that exists, as a user's does once `npm start` has made it.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-bench-'));
  const lite = await measureChild(process.execPath, [bin, 'ingest', '--json', small], ingestEnv({ VITRINA_DATA_DIR: dataDir }));
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (lite.code !== 0) throw new Error(`vitrina ingest (PGlite) exited ${lite.code}: ${lite.stderr.slice(0, 500)}`);
  const liteRate = PGLITE_ROWS / lite.seconds;
  // Into a data directory that exists: measured, then once more with the stage clocks on.
  const intoExisting = async (timings: boolean): Promise<ChildRun> => {
    const existingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-bench-'));
    try {
      const migrated = await measureChild(process.execPath, [bin, 'migrate'], ingestEnv({ VITRINA_DATA_DIR: existingDir }));
      if (migrated.code !== 0) throw new Error(`vitrina migrate (PGlite) exited ${migrated.code}: ${migrated.stderr.slice(0, 500)}`);
      const run = await measureChild(process.execPath, [bin, 'ingest', '--json', small], ingestEnv({ VITRINA_DATA_DIR: existingDir }, timings));
      if (run.code !== 0) throw new Error(`vitrina ingest (PGlite) exited ${run.code}: ${run.stderr.slice(0, 500)}`);
      return run;
    } finally {
      fs.rmSync(existingDir, { recursive: true, force: true });
    }
  };
  const liteExisting = await intoExisting(false);
  const liteTimed = await intoExisting(true);
  const existingRate = PGLITE_ROWS / liteExisting.seconds;
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;

  return {
    name: 'Ingest: 1M-row e-queue CSV (Windows-1251, ";", Russian headers)',
    lines: [
      `| measure | value |`,
      `|---|---|`,
      `| file | ${ROWS.toLocaleString('en')} rows, ${mb} MB; machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores |`,
      `| \`COPY\` of the canonical rows into a plain table (bigint key, one (office_code, arrived_at) index), PostgreSQL | ${spread(copies, 2, ' s')} |`,
      `| whole \`vitrina ingest\` process (PostgreSQL), rollups included | ${spread(ingests.map((r) => r.seconds), 2, ' s')} (${loaded.toLocaleString('en')} rows loaded) |`,
      `| ratio ingest / plain COPY (target ≤ 2.0) | ${spread(ratios, 2, '×')} ${ratio <= 2 ? '✓' : '✗'} |`,
      `| CPU seconds (load-independent): plain COPY's backend / ingest's backends / ingest's Node process | ${spread(copyCpu, 1, ' s')} / ${spread(ingestDbCpu, 1, ' s')} / ${spread(ingests.map((r) => r.cpuSeconds), 1, ' s')} |`,
      `| peak memory of the ingest process (target ≤ 256 MB) | ${peak.toFixed(0)} MB ${peak <= 256 ? '✓' : '✗'} |`,
      `| breakdown: one more run with the stage clocks on (not in the ratio) | ${breakdown(timingsOf(timed), timed.seconds)} |`,
      `| embedded PGlite, ${PGLITE_ROWS.toLocaleString('en')} rows into a new data directory, whole process with initdb and migrations (target ≥ 20,000 rows/s) | ${lite.seconds.toFixed(2)} s, ${Math.round(liteRate).toLocaleString('en')} rows/s ${liteRate >= 20_000 ? '✓' : '✗'}, peak ${lite.peakMb.toFixed(0)} MB |`,
      `| embedded PGlite, the same file into an existing migrated data directory, whole process | ${liteExisting.seconds.toFixed(2)} s, ${Math.round(existingRate).toLocaleString('en')} rows/s ${existingRate >= 20_000 ? '✓' : '✗'}, peak ${liteExisting.peakMb.toFixed(0)} MB |`,
      `| breakdown: one more run into an existing directory with the stage clocks on | ${breakdown(timingsOf(liteTimed), liteTimed.seconds)} |`,
    ],
  };
}
