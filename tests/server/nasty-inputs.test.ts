import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES, type RouteSpec } from '../../server/api/contract.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';
import { createRng } from '../../etl/demo/prng.ts';

/**
 * Property: whatever a caller sends, every route of the contract answers 2xx or 4xx — never a 5xx —
 * and within a bounded time. Values are drawn (seeded, so a failure replays) from the cases that
 * broke the server once (year 0000, 9999-12, `__proto__`, malformed % escapes, NUL, huge and
 * negative numbers) mixed with valid ones, so requests also get past validation into the readers.
 */
const SEED = 20261207;
const PER_ROUTE_AND_CALLER = 6;
const MAX_MS = 10_000;

const NASTY = [
  '0000-01-01', '0000-02-01', '9999-12-01', '9999-12-31', '+010000-01-01', '-000001-12-31', '2024-02-30', '1999-12-31',
  '', '%', '%E0%A4%A', '%00', '\u0000', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0x10', '-1', '0',
  '1e309', '99999999999999999999999', 'NaN', 'Infinity', 'A'.repeat(3000), 'srk', '../../etc/passwd',
  "'; drop table visits; --", '<script>alert(1)</script>', '[object Object]', 'null', 'true',
];
const VALID: Record<string, readonly string[]> = {
  month: ['2024-03-01'],
  office: ['SRK', 'KEG', 'AKS'],
  region: ['almaty-oblast'],
  metric: ['admission_delay', 'wait_time'],
  status: ['open', 'confirmed'],
  rule: ['no_pass_delay'],
  limit: ['1', '1000'],
  offset: ['0', '5'],
  file: ['1'],
  reason: ['malformed'],
  code: ['SRK', 'KEG'],
  id: ['1', '2'],
  key: ['pass_delay_minutes', 'small_sample_visits'],
};
/** Where a route names a parameter in its own way (a month as YYYY-MM, a file's status). */
const VALID_FOR: Record<string, Record<string, readonly string[]>> = {
  digest: { month: ['2024-03'] },
  files: { month: ['2024-03'], status: ['loaded', 'rejected'] },
};
const PERIODS = [['2024-03-01', '2024-04-01'], ['2014-03-01', '2024-03-01'], ['2024-03-05', '2024-03-06'], ['2024-01-01', '2025-06-15']] as const;
const QUERY_KEYS = ['from', 'to', 'office', 'region', 'format', 'table', 'metric', 'status', 'rule', 'month', 'limit', 'offset', 'file', 'reason'];

let t: TestServer;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  t = await startTestServer({ loginLimit: { freeFailures: 1_000_000, perAddress: 1_000_000 } }, { clock: () => Date.parse('2024-06-15T06:00:00Z') });
  await seedVisits(t.db.db, { offices: ['SRK', 'KEG'], from: '2024-03-01', days: 10 });
  await t.db.db.insertInto('flags').values({
    office_code: 'SRK', rule: 'no_pass_delay', month: '2024-03-01', last_month: '2024-03-01',
    evidence: JSON.stringify({ status: 'breach', value: 7.5, threshold: 5, lines: ['p90 7.5 min'], examples: [], basis: {} }),
  }).execute();
  for (const role of ROLES) sessions.set(role, await t.login(role));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/**
 * One request to route `r`: each parameter valid, nasty, repeated or absent, raw escapes left raw.
 * `wellFormed` draws every own parameter once with a valid value, so each caller's first request
 * reaches the handler whatever the seed.
 */
function draw(name: string, r: RouteSpec, rand: () => number, wellFormed = false): { path: string; body: string | undefined } {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // About a third of the requests are well-formed, so the readers behind validation are reached too.
  const nasty = rand() < 0.35 || wellFormed ? 0 : 0.5;
  const own = new Set(r.query instanceof z.ZodObject ? Object.keys(r.query.shape as object) : []);
  const [from, to] = pick(PERIODS);
  const clean: Record<string, string> = {
    from, to, ...(r.tables ? { table: pick(r.tables), format: pick(['json', 'csv', 'arrow', 'xlsx']) } : { format: pick(['csv', 'jsonl']) }),
  };
  const value = (key: string): string => (rand() >= nasty ? clean[key] ?? pick(VALID_FOR[name]?.[key] ?? VALID[key] ?? NASTY) : pick(NASTY));
  // A value with % left as typed (malformed escapes reach the server as they are) or properly encoded.
  const enc = (v: string): string => (v.includes('%') && rand() < 0.5 ? v : encodeURIComponent(v));
  const path = r.path.replace(/:(\w+)/g, (_m, key: string) => enc(value(key)) || 'x');
  const parts: string[] = [];
  for (const k of QUERY_KEYS) {
    const roll = rand();
    if (wellFormed ? !own.has(k) : roll < (own.has(k) ? 0.2 : nasty ? 0.85 : 1)) continue; // mostly the route's own parameters
    parts.push(`${k}=${enc(value(k))}`);
    if (roll > 0.93 && !wellFormed) parts.push(`${k}=${enc(value(k))}`); // ?from=a&from=b
  }
  const body = r.method === 'get' ? undefined : pick([
    JSON.stringify({ name: value('office'), password: value('from') }),
    JSON.stringify({ action: pick(['confirm', 'dismiss', 'comment', '__proto__']), note: value('office'), deadline: value('to') }),
    JSON.stringify({ value: pick([6, -1, 1e309, 'NaN', null, 0.5, 99999999]) }),
    JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: 1 } }),
    '{"name":', '\u0000', '[]', 'null',
  ]);
  return { path: `${path}${parts.length ? `?${parts.join('&')}` : ''}`, body };
}

describe('random and extreme inputs to every route, as every role: 2xx or 4xx, never 5xx, in bounded time', () => {
  const routes = Object.entries(ROUTES) as [string, RouteSpec][];
  const callers: (Role | 'anonymous')[] = ['anonymous', ...ROLES];
  for (const [name, r] of routes) {
    it(`${name}: ${r.method.toUpperCase()} ${r.path}`, async () => {
      const rand = createRng(SEED + name.length * 7919 + name.charCodeAt(0)).next;
      const statuses: number[] = [];
      for (const caller of callers) {
        for (let i = 0; i < PER_ROUTE_AND_CALLER; i++) {
          const { path, body } = draw(name, r, rand, i === 0);
          // Logging out would end the shared session: that route gets a session of its own.
          const as = caller === 'anonymous' ? undefined : name === 'logout' ? await freshSession(caller) : sessions.get(caller);
          const started = Date.now();
          const res = await t.call(path, {
            method: r.method.toUpperCase(), as, signal: AbortSignal.timeout(MAX_MS),
            ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body }),
          });
          const text = await res.text();
          const ms = Date.now() - started;
          expect(res.status, `${caller} ${r.method.toUpperCase()} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
          expect(res.status, `${caller} ${path}`).toBeGreaterThanOrEqual(200);
          expect(ms, `${caller} ${path}`).toBeLessThan(MAX_MS);
          statuses.push(res.status);
        }
      }
      // The draws are not all refused at the door: some reach the handler and its readers.
      if (r.method === 'get' && name !== 'flag') expect(statuses, name).toContain(200);
      expect((await t.call('/healthz')).status).toBe(200);
    }, 180_000);
  }
});

async function freshSession(role: Role): Promise<Session> {
  const res = await t.call('/api/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: role, password: `pw-${role}` }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
