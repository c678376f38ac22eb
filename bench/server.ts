/**
 * Server benchmark (issue 5): p50/p95 latency of the overview, topics and compliance endpoints over
 * HTTP on the big database (bench/lib/big-database.ts), against the same aggregates computed from
 * raw visits with plain GROUP BY (what a generic BI tool would run), and Arrow vs JSON payload size.
 * Targets: p95 < 50 ms, ≥ 20× faster than raw. Nothing is asserted; the figures go to the README.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import pino from 'pino';
import { createApp } from '../server/app.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { upsertUser } from '../sql/queries/users.ts';
import { openBigDatabase } from './lib/big-database.ts';

const RUNS = Number(process.env.BENCH_SERVER_RUNS ?? 40);
const OFFICES = ['TDK', 'KPG', 'ILE', 'KRS', 'ENB', 'TLG', 'ZHM'];
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS ?? 3);
const YEAR = 'from=2019-01-01&to=2020-01-01';
const MONTH = 'from=2019-12-01&to=2020-01-01';
const inYear = sql`arrival_date >= '2019-01-01' and arrival_date < '2020-01-01'`;
const inMonth = sql`arrival_date >= '2019-12-01' and arrival_date < '2020-01-01'`;
const secs = (a: string, b: string) => sql.raw(`floor(extract(epoch from ${b} - ${a}))`);

/** Each endpoint and the plain GROUP BY queries that give the same numbers from raw visits. */
const CASES: { name: string; path: string; raw: RawBuilder<unknown>[] }[] = [
  {
    name: 'overview, all offices, one year', path: `/api/overview?${YEAR}`,
    raw: [
      sql`select office_code, count(*) filter (where arrival_date >= '2019-01-01'), count(*) filter (where arrival_date < '2019-01-01'),
        count(admitted_at), count(*) filter (where outcome = 'statement_accepted')
        from visits where arrival_date >= '2018-01-01' and arrival_date < '2020-01-01' group by 1`,
      sql`select arrival_date, count(*) from visits where ${inYear} group by 1`,
      sql`select extract(isodow from arrival_date), extract(hour from arrived_at at time zone 'Asia/Almaty'), count(*) from visits where ${inYear} group by 1, 2`,
      sql`select office_code, percentile_cont(array[0.5, 0.9]) within group (order by ${secs('arrived_at', 'admitted_at')}),
        percentile_cont(array[0.5, 0.9]) within group (order by ${secs('arrived_at', 'started_at')}),
        percentile_cont(array[0.5, 0.9]) within group (order by ${secs('started_at', 'finished_at')})
        from visits where ${inYear} group by 1`,
    ],
  },
  {
    name: 'topics, all offices, one year', path: `/api/topics?${YEAR}`,
    raw: [
      sql`select category, count(*) filter (where arrival_date >= '2019-01-01'), count(*) filter (where arrival_date < '2019-01-01')
        from visits where arrival_date >= '2018-01-01' and arrival_date < '2020-01-01' group by 1`,
      sql`select office_code, category, count(*) from visits where ${inYear} group by 1, 2`,
      sql`select date_trunc('week', arrival_date::timestamp), category, count(*) from visits where ${inYear} group by 1, 2`,
    ],
  },
  {
    name: 'compliance matrix, 20 offices × 7 rules, one month', path: `/api/compliance?${MONTH}`,
    raw: [
      sql`select office_code, count(*), count(admitted_at), count(phone_surrendered), count(*) filter (where phone_surrendered),
        count(checkpoint_questioned), count(*) filter (where checkpoint_questioned), count(distinct arrival_date),
        percentile_cont(0.9) within group (order by ${secs('arrived_at', 'admitted_at')}),
        percentile_cont(0.9) within group (order by case when outcome = 'statement_accepted' then ${secs('arrived_at', 'finished_at')} end)
        from visits where ${inMonth} group by 1`,
    ],
  },
  {
    name: 'compliance delays box plot, one year', path: `/api/compliance/delays?${YEAR}`,
    raw: [sql`select office_code, percentile_cont(array[0, 0.25, 0.5, 0.75, 0.9, 1]) within group (order by ${secs('arrived_at', 'admitted_at')})
      from visits where ${inYear} and admitted_at is not null group by 1`],
  },
];

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

export async function benchServer(): Promise<{ name: string; lines: string[] }> {
  const big = await openBigDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-bench-server-'));
  const app = createApp({ handle: big.handle, logger: pino({ level: 'silent' }), config: { dataDir, iinKey: undefined, production: false } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await upsertUser(big.handle.db, { name: 'bench', role: 'department', passwordHash: await hashPassword('bench-password') });
    const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: 'bench-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = async (p: string, accept = 'application/json') => {
      const res = await fetch(`${base}${p}`, { headers: { cookie, accept } });
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return Buffer.from(await res.arrayBuffer());
    };
    const lines = [`- database: ${big.visits.toLocaleString('en')} visits on the real server (PostgreSQL), 20 offices, 2018–2019; ${RUNS} sequential requests per endpoint after 3 warm-ups`];
    lines.push('', '| endpoint | cold p50 ms | cold p95 ms | cached p50 ms | cached p95 ms | raw GROUP BY ms | raw ÷ cold p50 |',
      '|---|---:|---:|---:|---:|---:|---:|');
    const timed = async (paths: (i: number) => string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        await get(paths(i));
        times.push(ms(t0));
      }
      return times.sort((a, b) => a - b);
    };
    for (const c of CASES) {
      for (let i = 0; i < 3; i++) await get(c.path);
      // Cold: every request a period not asked before (the start moves by a day), so the cache misses.
      const cold = await timed((i) => c.path.replace(/from=(\d{4})-(\d{2})-01/, (_m, y: string, mo: string) => `from=${y}-${mo}-${String(2 + (i % 27)).padStart(2, '0')}`)
        + (i >= 27 ? `&office=${OFFICES[i % OFFICES.length]}` : ''));
      const warm = await timed(() => c.path);
      const raws: number[] = [];
      for (let i = 0; i < RAW_RUNS; i++) {
        const t0 = process.hrtime.bigint();
        for (const q of c.raw) await q.execute(big.handle.db);
        raws.push(ms(t0));
      }
      raws.sort((a, b) => a - b);
      const raw = raws[Math.floor(raws.length / 2)] ?? NaN;
      const p50 = pct(cold, 0.5);
      lines.push(`| ${c.name} | ${p50.toFixed(1)} | ${pct(cold, 0.95).toFixed(1)} | ${pct(warm, 0.5).toFixed(1)} | ${pct(warm, 0.95).toFixed(1)} | ${raw.toFixed(0)} | ${(raw / p50).toFixed(0)}× |`);
    }
    lines.push('', '| table | JSON bytes | Arrow bytes | Arrow ÷ JSON |', '|---|---:|---:|---:|');
    for (const [route, table] of [[`/api/overview?${YEAR}`, 'daily'], [`/api/overview?${YEAR}`, 'heatmap'], [`/api/topics?${YEAR}`, 'trend'], [`/api/topics?${YEAR}`, 'perOffice']] as const) {
      const json = JSON.parse((await get(route)).toString('utf8')) as Record<string, unknown>;
      const jsonBytes = Buffer.byteLength(JSON.stringify(json[table]));
      const arrowBytes = (await get(`${route}&table=${table}`, 'application/vnd.apache.arrow.stream')).length;
      lines.push(`| ${route.split('?')[0]} ${table} | ${jsonBytes.toLocaleString('en')} | ${arrowBytes.toLocaleString('en')} | ${(arrowBytes / jsonBytes).toFixed(2)} |`);
    }
    return { name: 'server (real server, HTTP)', lines };
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections();
    await big.handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
