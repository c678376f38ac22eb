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
import { setServerClock } from '../../../server/http/clock.ts';
import { addDays, almatyToday, monthStart } from '../../../domain/calendar.ts';
import type { Role } from '../../../domain/roles.ts';
import { openDatabase, type DatabaseHandle } from '../../../sql/db.ts';
import { prepareDatabase } from '../../../sql/prepare.ts';
import { clockFrom } from '../../helpers/clock.ts';
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

/**
 * The instant the journeys run at, whatever day the suite runs: 10:00 in Almaty. The demo's data,
 * the ingest, the server's clock and the browser's clock all start here, so no expectation moves
 * with today's date.
 */
export const JOURNEY_NOW = Date.parse('2026-12-07T05:00:00Z');
/** The Almaty day of JOURNEY_NOW: what the server and the page take as today. */
export const JOURNEY_TODAY = almatyToday(new Date(JOURNEY_NOW));

/** The last day of the previous calendar month in Almaty: two whole months of demo end there. */
function lastDayOfPreviousMonth(now: number): string {
  return addDays(monthStart(almatyToday(new Date(now))), -1);
}

/**
 * The real server on a random port over a fresh database holding a small demo (two months of the
 * 20 offices, with the planted non-compliant office SRK), its flags evaluated, and one user per role.
 * Everything is dated from `now` (JOURNEY_NOW): the server's clock starts there and runs on until
 * close() gives it back to the system (frozen, the session cache and the login limiter would never age).
 */
export async function startDemoServer(opts: { days?: number; now?: number } = {}): Promise<DemoServer> {
  const now = opts.now ?? JOURNEY_NOW;
  const days = opts.days ?? 61;
  // freshTarget rather than freshDatabase: closing must let the pool's connections finish ending
  // before the database is dropped WITH (FORCE), or the terminated sockets raise uncaught errors.
  const target = await freshTarget(false);
  const db = await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir ?? 'memory://', holder: 'e2e', template: target.template });
  await prepareDatabase(db, ['almaty-oblast']);
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-e2e-'));
  const webDist = path.join(demoDir, 'web');
  buildWeb(webDist);
  const endDate = lastDayOfPreviousMonth(now);
  const demo = await writeDemo({ outDir: path.join(demoDir, 'files'), days, endDate });
  // The ingest judges the months it loaded as of `now`, as the server does after a load: the cases are there.
  await ingestPaths(db, demo.files, { iinKey: IIN_KEY, actor: 'e2e', now: new Date(now) });
  for (const role of USERS) {
    await db.db.insertInto('users').values({ name: role, role, password_hash: await hashPassword(PASSWORD) }).execute();
  }
  const app = createApp({
    handle: db,
    logger: pino({ level: 'silent' }),
    config: { dataDir: demoDir, iinKey: IIN_KEY, production: false, webDist, loginLimit: { freeFailures: 1000, perAddress: 1000 } },
  });
  setServerClock(clockFrom(now));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, db, endDate, demoDir, webDist,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      setServerClock(null);
      await db.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await target.drop();
      fs.rmSync(demoDir, { recursive: true, force: true });
    },
  };
}
