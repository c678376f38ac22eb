/**
 * Load benchmark (issue 10): autocannon against a real `vitrina serve` process on the embedded
 * database holding the demo year, as `npm start` runs it. The overview and topics, at 50 and 200
 * connections, for the dashboard's default period (answered from the aggregate cache after the
 * first request) and for a fresh random period on every request (the cache misses, as when people
 * explore), then the compliance matrix at 50 connections, both ways. Reports requests/s, p50/p99,
 * errors and the server's peak RSS during each run.
 * Targets (fresh periods, 50 connections): ≥ 250 requests/s, p99 < 500 ms. Nothing is asserted.
 * BENCH_LOAD_SECONDS sets the length of each run (default 10), BENCH_LOAD_QUICK=1 leaves out the 200-connection
 * runs; BENCH_LOAD_DATA_DIR keeps the loaded
 * demo database there and reuses it on the next run (the load takes minutes on the embedded database).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { defaultPeriod } from '../domain/periods.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'cli/vitrina.mjs');
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
/** BENCH_LOAD_QUICK=1: 50 connections only (a check while tuning; the README's table has both). */
const QUICK = process.env.BENCH_LOAD_QUICK === '1';
/** BENCH_LOAD_ONLY=overview:random,compliance:random: only those runs (endpoint:default|random|cold). */
const ONLY = process.env.BENCH_LOAD_ONLY?.split(',');
/** BENCH_LOAD_NODE_ARGS: options for the server's node, e.g. `--cpu-prof --cpu-prof-dir=DIR` to see where its time goes. */
const NODE_ARGS = (process.env.BENCH_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PASSWORD = 'bench-load-password';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

function cli(args: string[], env: NodeJS.ProcessEnv, input?: string): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`vitrina ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** Waits until the server answers /healthz within 200 ms (at most a minute). */
async function drained(base: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const t0 = Date.now();
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
    if (ok && Date.now() - t0 < 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function benchLoad(): Promise<{ name: string; lines: string[] }> {
  const keep = process.env.BENCH_LOAD_DATA_DIR;
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-bench-load-'));
  const prepared = keep !== undefined && fs.existsSync(path.join(dataDir, 'demo'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, VITRINA_DATA_DIR: dataDir, VITRINA_IIN_KEY: 'bench-load-iin-key-0123456789', PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL; // the demo server: embedded database
  let server: ChildProcess | undefined;
  try {
    if (!prepared) {
      console.log('writing and loading the demo year …');
      cli(['demo', '--days', '365', '--out', path.join(dataDir, 'demo')], env);
      cli(['ingest', path.join(dataDir, 'demo')], env);
      cli(['user', 'add', 'bench', '--role', 'department', '--password', PASSWORD], env);
    }
    // Its request log goes to a file, as an operator would keep it.
    fs.mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
    const log = fs.openSync(path.join(ROOT, 'bench', 'out', 'load-server.log'), 'w');
    server = spawn(process.execPath, [...NODE_ARGS, BIN, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', log] });
    const child = server;
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => { if (d.toString().includes('is running at')) resolve(); });
      child.once('exit', (code) => reject(new Error(`vitrina serve exited ${code}`)));
    });
    child.stdout?.resume();
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await login.json()) as { data: { firstDay: string; lastDay: string; completeTo: string } };
    const { firstDay, lastDay, completeTo } = me.data;
    // The dashboard's default: the last complete calendar month (domain/periods.ts).
    const d = defaultPeriod(completeTo);
    const defaultQuery = `from=${d.from}&to=${d.to}`;
    const span = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000);
    let n = 0;
    const randomPeriod = (): string => {
      // A different [from, to) each time: 1–120 days starting anywhere in the data.
      n++;
      const from = addDays(firstDay, Math.floor(Math.random() * span));
      return `from=${from}&to=${addDays(from, 1 + ((n * 37 + Math.floor(Math.random() * 120)) % 120))}`;
    };
    const pid = child.pid ?? 0;
    const lines = [
      `Real \`vitrina serve\` on the embedded database with the demo year (${firstDay} – ${lastDay}), autocannon in the`,
      `benchmark process on the same machine, ${SECONDS} s per run; the machine is shared, so figures are as measured.`, '',
      '| endpoint | period | connections | requests/s | p50 ms | p99 ms | errors | peak RSS MB |', '|---|---|---|---|---|---|---|---|',
    ];
    const run = async (endpoint: string, mode: 'default' | 'random' | 'cold', connections: number): Promise<void> => {
      if (ONLY && !ONLY.includes(`${endpoint}:${mode}`)) return;
      // Requests of the previous run still queued in the server would be counted against this one.
      await drained(base);
      if (mode === 'default') await fetch(`${base}/api/${endpoint}?${defaultQuery}`, { headers: { cookie } });
      let peak = rssMb(pid, 'VmRSS');
      const sampler = setInterval(() => { peak = Math.max(peak, rssMb(pid, 'VmRSS')); }, 200);
      const r = await autocannon({
        url: base, connections, duration: SECONDS, timeout: 30, headers: { cookie },
        requests: [{
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `/api/${endpoint}?${mode === 'default' ? defaultQuery : randomPeriod()}` }),
        }],
      });
      clearInterval(sampler);
      const errors = r.errors + r.timeouts + r.non2xx;
      const label = mode === 'default' ? 'default (cached)' : mode === 'cold' ? 'fresh random, first run after start' : 'fresh random';
      const line = `| ${endpoint} | ${label} | ${connections} | ${Math.round(r.requests.average)} (${r.requests.total} answered) | ${r.latency.p50} | ${r.latency.p99} | ${errors} | ${peak} |`;
      console.log(line);
      lines.push(line);
    };
    // The first run after start reads every rollup unit from the database once (sql/cover/unit-memo.ts);
    // it is reported as such, and the runs after it show a server that has been in use.
    await run('overview', 'cold', 50);
    for (const endpoint of ['overview', 'topics']) {
      for (const mode of ['default', 'random'] as const) {
        for (const connections of [50, 200]) if (!QUICK || connections === 50) await run(endpoint, mode, connections);
      }
    }
    // The compliance matrix (the overview's map reads the same cached judgement): seven rules per office.
    for (const mode of ['default', 'random'] as const) await run('compliance', mode, 50);
    lines.push('', `Server peak RSS over its whole life (demo load excluded: it ran in another process): ${rssMb(pid, 'VmHWM')} MB.`);
    return { name: 'load (autocannon, demo year)', lines };
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
