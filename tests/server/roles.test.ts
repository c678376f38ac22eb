import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles.ts';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
let flagId = '';
const P = 'from=2024-03-01&to=2024-04-01';

beforeAll(async () => {
  // Deadlines are checked against the server's day (a future one, at most a year ahead): fix it.
  t = await startTestServer({}, { clock: () => Date.parse('2026-01-15T06:00:00Z') });
  await seedVisits(t.db.db, { offices: ['SRK', 'KEG'], from: '2024-03-01', days: 10 });
  const flag = await t.db.db.insertInto('flags').values({
    office_code: 'SRK', rule: 'no_pass_delay', month: '2024-03-01', last_month: '2024-03-01',
    evidence: JSON.stringify({ status: 'breach', value: 7.5, threshold: 5, lines: ['p90 7.5 min'], examples: [], basis: {} }),
  }).returning('id').executeTakeFirstOrThrow();
  flagId = flag.id;
});
afterAll(async () => { await t?.close(); });

type Call = { method: string; path: string; body?: unknown };
const ALL: readonly Role[] = ROLES;
const OVERSIGHT: readonly Role[] = ['department', 'inspector', 'admin'];

/** Who may call what (data contract §7). */
const MATRIX: [string, () => Call, readonly Role[]][] = [
  ['me', () => ({ method: 'GET', path: '/api/me' }), ALL],
  ['offices', () => ({ method: 'GET', path: '/api/offices' }), ALL],
  ['overview', () => ({ method: 'GET', path: `/api/overview?${P}` }), ALL],
  ['topics', () => ({ method: 'GET', path: `/api/topics?${P}` }), ALL],
  ['office page', () => ({ method: 'GET', path: `/api/offices/SRK?${P}` }), ALL],
  ['compliance', () => ({ method: 'GET', path: `/api/compliance?${P}` }), OVERSIGHT],
  ['compliance metrics', () => ({ method: 'GET', path: `/api/compliance/metrics?${P}` }), OVERSIGHT],
  ['compliance delays', () => ({ method: 'GET', path: `/api/compliance/delays?${P}` }), OVERSIGHT],
  ['flags', () => ({ method: 'GET', path: '/api/flags' }), OVERSIGHT],
  ['flag', () => ({ method: 'GET', path: `/api/flags/${flagId}` }), OVERSIGHT],
  ['flag action', () => ({ method: 'POST', path: `/api/flags/${flagId}/actions`, body: { action: 'comment', note: 'проверить' } }), ['inspector']],
  ['thresholds', () => ({ method: 'GET', path: '/api/thresholds' }), OVERSIGHT],
  ['set threshold', () => ({ method: 'PUT', path: '/api/thresholds/pass_delay_minutes', body: { value: 6 } }), ['admin']],
  ['files', () => ({ method: 'GET', path: '/api/files' }), OVERSIGHT],
  ['quarantine', () => ({ method: 'GET', path: '/api/quarantine' }), ['admin']],
  ['export', () => ({ method: 'GET', path: `/api/export/visits?${P}` }), ['department', 'admin']],
];

async function send(c: Call, role?: Role): Promise<Response> {
  const as = role ? await t.login(role) : undefined;
  return t.call(c.path, {
    method: c.method, as,
    ...(c.body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.body) } : {}),
  });
}

describe('each role gets what it may and 403 for the rest', () => {
  for (const [name, call, allowed] of MATRIX) {
    for (const role of ROLES) {
      const ok = allowed.includes(role);
      it(`${name}: ${role} → ${ok ? 200 : 403}`, async () => {
        const res = await send(call(), role);
        const text = await res.text();
        expect(res.status, text).toBe(ok ? 200 : 403);
        if (!ok) expect(JSON.parse(text)).toEqual({ error: { code: 'forbidden', message: expect.stringContaining(role) } });
      });
    }
    if (name !== 'me') {
      it(`${name}: no login → 401`, async () => {
        expect((await send(call())).status).toBe(401);
      });
    }
  }

  it('upload: only admin gets past the role check', async () => {
    for (const role of ROLES) {
      const form = new FormData();
      form.append('files', new Blob(['Дата;Время прихода\n']), 'SRK_2024-03.csv');
      const res = await t.call('/api/uploads', { method: 'POST', as: await t.login(role), body: form });
      expect(res.status).toBe(role === 'admin' ? 200 : 403);
    }
  });
});

describe('what each role sees inside an answer', () => {
  it('the office page gives press volumes only: no durations, inspections, compliance or flags', async () => {
    const press = await (await send({ method: 'GET', path: `/api/offices/SRK?${P}` }, 'press')).json() as Record<string, unknown>;
    const dept = await (await send({ method: 'GET', path: `/api/offices/SRK?${P}` }, 'department')).json() as Record<string, unknown>;
    for (const k of ['durations', 'inspections', 'compliance', 'flags']) {
      expect(press[k]).toBeNull();
      expect(dept[k]).not.toBeNull();
    }
    // Press gets nothing finer than a month (domain/disclosure.ts), and its counts rounded to 5.
    expect(press.daily).toEqual([]);
    expect((dept.daily as unknown[]).length).toBeGreaterThan(0);
    const visits = (press.totals as { visits: number }).visits;
    expect(visits % 5).toBe(0);
    expect(Math.abs(visits - (dept.totals as { visits: number }).visits)).toBeLessThanOrEqual(2 * 13);
  });

  it('the inspector acts on a flag and the action is in its audit trail', async () => {
    const inspector = await t.login('inspector');
    const res = await t.call(`/api/flags/${flagId}/actions`, {
      method: 'POST', as: inspector, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'set_deadline', deadline: '2026-05-01', note: 'убрать решётки' }),
    });
    expect(res.status).toBe(200);
    const detail = (await res.json()) as { flag: { deadline: string }; audit: { actor: string; action: string }[] };
    expect(detail.flag.deadline).toBe('2026-05-01');
    expect(detail.audit.at(-1)).toMatchObject({ actor: 'inspector', action: 'set_deadline' });
    const dismiss = await t.call(`/api/flags/${flagId}/actions`, {
      method: 'POST', as: inspector, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'dismiss' }),
    });
    expect(dismiss.status).toBe(400);
    expect(((await dismiss.json()) as { error: { message: string } }).error.message).toMatch(/reason/);
  });

  it('an admin threshold change is recorded with who made it', async () => {
    const body = (await (await send({ method: 'GET', path: '/api/thresholds' }, 'department')).json()) as {
      thresholds: { key: string; value: number; default: number }[]; history: { key: string; actor: string; newValue: number }[];
    };
    expect(body.thresholds.find((x) => x.key === 'pass_delay_minutes')).toMatchObject({ value: 6, default: 5 });
    expect(body.history[0]).toMatchObject({ key: 'pass_delay_minutes', actor: 'admin', newValue: 6 });
    const bad = await t.call('/api/thresholds/pass_delay_share', {
      method: 'PUT', as: await t.login('admin'), headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 3 }),
    });
    expect(bad.status).toBe(400);
  });
});
