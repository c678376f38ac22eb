import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ROLES, type Role } from '../../domain/roles.ts';
import { upsertUser } from '../../sql/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { currentServerClock, setServerClock } from '../../server/http/clock.ts';
import type { ServerConfig } from '../../server/routes/deps.ts';
import { clockFrom } from '../helpers/clock.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestServer {
  base: string;
  db: TestDatabase;
  dataDir: string;
  /** Logs in as the demo user of a role (password "pw-<role>"). */
  login(role: Role): Promise<Session>;
  /** fetch against the server, as a logged-in role (CSRF token sent) or anonymously. */
  call(pathname: string, init?: RequestInit & { as?: Session | undefined; csrf?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The instant a test server's clock starts at unless the test names another: later than every test's
 * data (which ends by 2025), so no answer depends on the day the suite runs. The clock runs on from
 * it in real time (the session cache and the login limiter age as usual).
 */
export const TEST_SERVER_NOW = Date.parse('2026-01-15T06:00:00Z');

/**
 * A real server on a random port over a fresh migrated database, one user per role. Its clock is
 * `clock` (default: from TEST_SERVER_NOW) until close() puts back the one that was set before.
 */
export async function startTestServer(config: Partial<ServerConfig> = {}, { clock = clockFrom(TEST_SERVER_NOW) }: { clock?: () => number } = {}): Promise<TestServer> {
  const previousClock = currentServerClock();
  setServerClock(clock);
  const db = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-server-'));
  for (const role of ROLES) await upsertUser(db.db, { name: role, role, passwordHash: await hashPassword(`pw-${role}`) });
  const app = createApp({
    handle: db, logger: pino({ level: 'silent' }),
    config: { dataDir, iinKey: 'test-iin-key-0123456789abcdef', production: false, ...config },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessions = new Map<Role, Session>();

  const call: TestServer['call'] = (pathname, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.as) {
      headers.set('cookie', init.as.cookie);
      if (init.csrf !== false) headers.set('x-csrf-token', init.as.csrf);
    }
    return fetch(`${base}${pathname}`, { ...init, headers, redirect: 'manual' });
  };

  return {
    base, db, dataDir, call,
    async login(role) {
      const known = sessions.get(role);
      if (known) return known;
      const res = await call('/api/login', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: role, password: `pw-${role}` }),
      });
      if (res.status !== 200) throw new Error(`login ${role}: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const body = (await res.json()) as { csrfToken: string };
      const s = { cookie, csrf: body.csrfToken };
      sessions.set(role, s);
      return s;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      setServerClock(previousClock);
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
