import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliProcess } from '../helpers/cli.ts';
import { freshTarget } from '../helpers/db.ts';

let target: Awaited<ReturnType<typeof freshTarget>>;
beforeAll(async () => { target = await freshTarget(); });
afterAll(async () => { await target?.drop(); });

describe('vitrina serve', () => {
  // Two real processes (serve, then migrate on the same data directory): slower than the default allows.
  it('says where it runs, serves, and on SIGTERM stops cleanly and releases the database', { timeout: 120_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...target.env, PORT: '0', LOG_LEVEL: 'warn' };
    if (!target.env.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'cli/vitrina.mjs'), 'serve'], { cwd: ROOT, env, stdio: 'pipe' });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        const m = /running at (http:\/\/localhost:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The embedded lock is released: another command opens the same database at once.
    const migrate = await runCliProcess(['migrate', '--json'], target.env);
    expect(migrate.code, migrate.stderr).toBe(0);
  });
});
