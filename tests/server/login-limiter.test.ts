import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { nameDelayMs, DEFAULT_LOGIN_LIMIT } from '../../server/auth/rate-limit.ts';
import { SESSION_RECHECK_MS } from '../../server/auth/session-middleware.ts';
import { disableUser, upsertUser } from '../../sql/queries/users.ts';
import { cliSession } from '../helpers/cli.ts';
import { freshTarget } from '../helpers/db.ts';
import { migrate } from '../../sql/migrate.ts';
import { createSession } from '../../sql/queries/users.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * Defects 5 and 9 of issue 10: ten wrong passwords locked `admin` out for 15 minutes from every
 * address; X-Forwarded-For chose the limiter's key; a password change left old sessions alive.
 */
let now = Date.parse('2024-06-15T06:00:00Z');
const tick = (ms: number) => { now += ms; };
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ loginLimit: { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 4000, perAddress: 6, windowMs: 15 * 60_000 } }, { clock: () => now });
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => { await t.db.db.deleteFrom('login_failures').execute(); });

const login = (name: string, password: string, headers: Record<string, string> = {}) => t.call('/api/login', {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, password }),
});

describe('the login limiter', () => {
  it('never locks the right password out: a name gets an exponential delay, capped, and nothing more', async () => {
    for (let i = 0; i < 2; i++) expect((await login('admin', 'wrong')).status).toBe(401);
    const waiting = await login('admin', 'pw-admin');
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    tick(1000);
    expect((await login('admin', 'pw-admin')).status).toBe(200);
    // Twenty more failures, each after its wait: the wait doubles and stops at the cap (4 s) …
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await login('admin', 'wrong', { 'x-forwarded-for': `10.0.0.${i}` });
      if (r.status === 429) {
        waits.push(Number(r.headers.get('retry-after')));
        tick(Number(r.headers.get('retry-after')) * 1000);
        await t.db.db.deleteFrom('login_failures').where('key', 'like', 'addr:%').execute(); // (other addresses, in life)
        continue;
      }
      expect(r.status).toBe(401);
    }
    expect(Math.max(...waits)).toBe(4);
    expect(waits.slice(0, 3)).toEqual([1, 2, 4]);
    // … so the owner gets in at most 4 s later.
    tick(4000);
    expect((await login('admin', 'pw-admin')).status).toBe(200);
  });

  it('keys on the socket address: rotating X-Forwarded-For gives no more tries', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await login(`nobody${i}`, 'wrong', { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    }
    const refused = await login('department', 'pw-department', { 'x-forwarded-for': '198.51.100.7' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(15 * 60);
    tick(15 * 60_000);
    expect((await login('department', 'pw-department')).status).toBe(200);
  });

  it('is shared by every server on the database (state in login_failures, not in one process)', async () => {
    const other = createApp({
      handle: t.db, logger: pino({ level: 'silent' }),
      config: { dataDir: t.dataDir, iinKey: undefined, production: false, loginLimit: { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 4000, perAddress: 6 } },
    });
    const server = other.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (let i = 0; i < 2; i++) expect((await login('inspector', 'wrong')).status).toBe(401);
      const there = await fetch(`${base}/api/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'inspector', password: 'pw-inspector' }),
      });
      expect(there.status).toBe(429);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('believes X-Forwarded-For only from a configured proxy (TRUST_PROXY)', { timeout: 180_000 }, async () => {
    const behind = await startTestServer({ trustProxy: 'loopback', loginLimit: { perAddress: 2, freeFailures: 100 } }, { clock: () => now });
    try {
      const viaProxy = (ip: string) => behind.call('/api/login', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ name: 'x', password: 'wrong' }),
      });
      expect((await viaProxy('203.0.113.1')).status).toBe(401);
      expect((await viaProxy('203.0.113.1')).status).toBe(401);
      expect((await viaProxy('203.0.113.1')).status).toBe(429);
      expect((await viaProxy('203.0.113.2')).status).toBe(401); // another client behind the same proxy
    } finally {
      await behind.close();
    }
  });

  it('the delay is exponential and capped', () => {
    expect([4, 5, 6, 7, 12, 40, 5000].map((n) => nameDelayMs(n, DEFAULT_LOGIN_LIMIT))).toEqual([0, 1000, 2000, 4000, 60_000, 60_000, 60_000]);
  });
});

describe('sessions end when the password changes or the user is disabled', () => {
  it('a password change ends every session of the user', async () => {
    const a = await t.login('press');
    expect(await (await t.call('/api/me', { as: a })).json()).toMatchObject({ user: { name: 'press' } });
    await upsertUser(t.db.db, { name: 'press', role: 'press', passwordHash: await hashPassword('pw-press') });
    tick(SESSION_RECHECK_MS); // a server believes a looked-up session this long (a logout here ends it at once)
    expect(await (await t.call('/api/me', { as: a })).json()).toEqual({ user: null });
    expect((await t.call('/api/overview?from=2024-03-01&to=2024-04-01', { as: a })).status).toBe(401);
  });

  it('a disabled user is logged out and cannot log in', async () => {
    const res = await login('department', 'pw-department');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await (await t.call('/api/me', { headers: { cookie } })).json()).toMatchObject({ user: { name: 'department' } });
    expect(await disableUser(t.db.db, 'department')).toBe(true);
    tick(SESSION_RECHECK_MS);
    expect(await (await t.call('/api/me', { headers: { cookie } })).json()).toEqual({ user: null });
    expect((await login('department', 'pw-department')).status).toBe(401);
    expect(await disableUser(t.db.db, 'no-such-user')).toBe(false);
  });

  it('vitrina user disable NAME does it from the command line', async () => {
    const target = await freshTarget();
    // The commands borrow the test's open database instead of opening it from disk each time.
    const cli = await cliSession(target.env);
    try {
      const h = cli.handle;
      await migrate(h);
      await upsertUser(h.db, { name: 'aigerim', role: 'inspector', passwordHash: await hashPassword('long-enough-1') });
      const user = await h.db.selectFrom('users').select('id').where('name', '=', 'aigerim').executeTakeFirstOrThrow();
      await createSession(h.db, user.id, 60_000);
      const r = await cli.run(['user', 'disable', 'aigerim', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ name: 'aigerim', disabled: true });
      const missing = await cli.run(['user', 'disable', 'nobody']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No user nobody.');
      expect(await h.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
      expect((await h.db.selectFrom('users').select('disabled').executeTakeFirstOrThrow()).disabled).toBe(true);
    } finally {
      await cli.close();
      await target.drop();
    }
  }, 180_000);
});
