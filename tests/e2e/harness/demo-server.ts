import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { writeDemo } from '../../../etl/demo/write-demo.ts';
import { ingestPaths } from '../../../etl/pipeline.ts';
import { createApp } from '../../../server/app.ts';
import { hashPassword } from '../../../server/auth/passwords.ts';
import { refreshFlagsForMonths } from '../../../sql/compliance/flags.ts';
import type { Role } from '../../../domain/roles.ts';
import { openDatabase, type DatabaseHandle } from '../../../sql/db.ts';
import { migrate } from '../../../sql/migrate.ts';
import { readRegistry, syncRegistry } from '../../../sql/registry.ts';
import { freshTarget } from '../../helpers/db.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PASSWORD = 'demo-password-2026';
/** One user per role, named after it. */
export const USERS: readonly Role[] = ['department', 'press', 'inspector', 'admin'];
const IIN_KEY = 'e2e-iin-key-0123456789abcdef0123';

export interface DemoServer {
  url: string;
  db: DatabaseHandle;
  /** Last day of the demo (Almaty), the dashboard's default month is the one holding it. */
  endDate: string;
  demoDir: string;
  /** The dashboard build this server serves. */
  webDist: string;
  close(): Promise<void>;
}

/**
 * Builds the dashboard from the current sources into outDir. Tests and the benchmark build their
 * own copy: web/dist is shared, and a build elsewhere empties it under a running page.
 */
export function buildWeb(outDir: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts',
    '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** The last day of the previous calendar month in Almaty: two whole months of demo end there. */
function lastDayOfPreviousMonth(now = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(now);
  const first = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
  return new Date(first.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The real server on a random port over a fresh database holding a small demo (two months of the
 * 20 offices, with the planted non-compliant office SRK), its flags evaluated, and one user per role.
 */
export async function startDemoServer(opts: { days?: number } = {}): Promise<DemoServer> {
  // freshTarget rather than freshDatabase: closing must let the pool's connections finish ending
  // before the database is dropped WITH (FORCE), or the terminated sockets raise uncaught errors.
  const target = await freshTarget(false);
  const db = await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir ?? 'memory://', holder: 'e2e', template: target.template });
  await migrate(db);
  await syncRegistry(db.db, readRegistry(['almaty-oblast']));
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-e2e-'));
  const webDist = path.join(demoDir, 'web');
  buildWeb(webDist);
  const endDate = lastDayOfPreviousMonth();
  const demo = await writeDemo({ outDir: path.join(demoDir, 'files'), days: opts.days ?? 61, endDate });
  await ingestPaths(db, demo.files, { iinKey: IIN_KEY, actor: 'e2e' });
  const months = [...new Set(Array.from({ length: opts.days ?? 61 }, (_, i) =>
    new Date(Date.parse(`${endDate}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 7)))];
  await refreshFlagsForMonths(db.db, months, 'ingest', { today: endDate });
  for (const role of USERS) {
    await db.db.insertInto('users').values({ name: role, role, password_hash: await hashPassword(PASSWORD) }).execute();
  }
  const app = createApp({
    handle: db,
    logger: pino({ level: 'silent' }),
    config: { dataDir: demoDir, iinKey: IIN_KEY, production: false, webDist, loginLimit: { freeFailures: 1000, perAddress: 1000 } },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, db, endDate, demoDir, webDist,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await target.drop();
      fs.rmSync(demoDir, { recursive: true, force: true });
    },
  };
}
