import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
beforeAll(async () => { t = await startTestServer({ loginLimit: { freeFailures: 3 } }); });
afterAll(async () => { await t?.close(); });

const json = { 'content-type': 'application/json' };

describe('login, session and CSRF', () => {
  it('answers 401 with a JSON error to a caller who is not logged in', async () => {
    const res = await t.call('/api/overview?from=2024-01-01&to=2024-02-01');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Log in') } });
  });

  it('sets an HTTP-only SameSite=Strict session cookie and hands the CSRF token to /api/me', async () => {
    const res = await t.call('/api/login', { method: 'POST', headers: json, body: JSON.stringify({ name: 'department', password: 'pw-department' }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/vitrina_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const login = (await res.json()) as { csrfToken: string; user: { role: string } };
    expect(login.user).toEqual({ name: 'department', role: 'department' });
    const me = await t.call('/api/me', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { csrfToken: string }).csrfToken).toBe(login.csrfToken);
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = await t.call('/api/login', { method: 'POST', headers: json, body: JSON.stringify({ name: 'admin', password: 'nope' }) });
    const unknown = await t.call('/api/login', { method: 'POST', headers: json, body: JSON.stringify({ name: 'nobody', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message)
      .toBe(((await unknown.json()) as { error: { message: string } }).error.message);
  });

  it('refuses a state-changing request without the X-CSRF-Token header, accepts it with the token', async () => {
    const s = await t.login('press');
    const without = await t.call('/api/logout', { method: 'POST', as: s, csrf: false });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const forged = await t.call('/api/logout', { method: 'POST', as: { ...s, csrf: 'forged' } });
    expect(forged.status).toBe(403);
    const ok = await t.call('/api/logout', { method: 'POST', as: s });
    expect(ok.status).toBe(200);
    // The session is gone after logout.
    const after = await t.call('/api/me', { as: s });
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ user: null });
  });

  it('lets a logged-in user log in as someone else without the CSRF token (login needs a JSON body)', async () => {
    const s = await t.login('department');
    const res = await t.call('/api/login', {
      method: 'POST', as: s, csrf: false, headers: json, body: JSON.stringify({ name: 'admin', password: 'pw-admin' }),
    });
    expect(res.status).toBe(200);
    const form = await t.call('/api/login', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=admin&password=pw-admin',
    });
    expect(form.status).toBe(400);
  });

  it('slows failed logins: after 3 failures the next attempt waits (429 with Retry-After), even with the right password', async () => {
    const body = (password: string) => ({ method: 'POST', headers: json, body: JSON.stringify({ name: 'inspector', password }) });
    for (let i = 0; i < 3; i++) expect((await t.call('/api/login', body('bad'))).status).toBe(401);
    const limited = await t.call('/api/login', body('pw-inspector'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('says which field of the login body is wrong', async () => {
    const res = await t.call('/api/login', { method: 'POST', headers: json, body: JSON.stringify({ name: 'admin' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^body\.password: /);
    const notJson = await t.call('/api/login', { method: 'POST', headers: json, body: '{"name":' });
    expect(notJson.status).toBe(400);
  });
});

describe('headers, health and the API description', () => {
  it('sends secure headers with a CSP, a request id and compresses large answers', async () => {
    const res = await t.call('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { description: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/overview', '/api/offices/{code}', '/api/flags/{id}/actions']));
    expect(doc.paths['/api/compliance']?.get?.description).toMatch(/department, inspector, admin/);
  });

  it('answers /healthz without login', async () => {
    const res = await t.call('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: t.db.kind });
  });

  it('answers an unknown API path with a JSON 404, never HTML or a stack', async () => {
    const res = await t.call('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
