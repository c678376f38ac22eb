import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { freshTarget, type Target } from '../helpers/db.ts';
import { runTemplate } from '../helpers/template.ts';

const SCRIPT = path.join(ROOT, 'tests/sql/fixtures/transactions-then-close.ts');

// A handle used only through transaction() once kept its pooled connection after close(): Kysely
// ends the pool only when a query went through the handle's own `db`. The pool's idle timer then
// held the process for ten seconds after its work was done, and on a server a database dropped
// under the open connection killed it with an uncaught error.
describe('closing a database handle used only through transactions', () => {
  let target: Target;
  beforeAll(async () => { target = await freshTarget(false); });
  afterAll(async () => { await target?.drop(); });

  it('lets the process exit at once', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    if (target.url) env.DATABASE_URL = target.url;
    const run = runTemplate();
    if (run?.kind === 'pglite') env.TEST_TEMPLATE_TARBALL = run.tarball;
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const closedAt = new Promise<number>((resolve) => {
      child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('closed')) resolve(performance.now()); });
    });
    const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.on('close', (code) => resolve({ code, at: performance.now() })));
    const { code, at } = await exit;
    expect(code, stderr).toBe(0);
    // The pool's idle timeout is 10 s; an ended pool lets go at once.
    expect(at - await closedAt).toBeLessThan(2_000);
  });
});
