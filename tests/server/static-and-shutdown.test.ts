import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../server/listen.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('the built dashboard', () => {
  let t: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Витрина</title><script type="module" src="/assets/main-3f9a1c.js"></script>');
    fs.writeFileSync(path.join(dist, 'assets', 'main-3f9a1c.js'), 'console.log("vitrina")');
    t = await startTestServer({ webDist: dist });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html never cached, and hashed assets cached for a year as immutable', async () => {
    const html = await t.call('/');
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    expect(await html.text()).toContain('Витрина');
    const js = await t.call('/assets/main-3f9a1c.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a deep link into the dashboard with index.html, but an unknown API path with JSON 404', async () => {
    const deep = await t.call('/offices/SRK?from=2024-01-01');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    const api = await t.call('/api/offices-typo');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('graceful shutdown', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
    await seedVisits(db.db, { offices: ['SRK'], from: '2024-03-01', days: 5 });
  });
  afterAll(async () => { await db?.close(); });

  it('finishes the request in flight, then closes the database and stops listening', async () => {
    let closed = false;
    const running = await listen({
      handle: { ...db, close: async () => { closed = true; } }, logger: pino({ level: 'silent' }),
      config: { dataDir: os.tmpdir(), iinKey: undefined, production: false },
    }, 0, '127.0.0.1');
    const started = new Promise<void>((resolve) => running.server.once('request', () => resolve()));
    const inFlight = fetch(`${running.url}/healthz`);
    await started;
    const stopping = running.shutdown();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await stopping;
    expect(closed).toBe(true);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
